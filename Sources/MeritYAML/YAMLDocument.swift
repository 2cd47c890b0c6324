/// One document of a YAML stream.
public struct YAMLDocument: Sendable {
    public var root: Node
    public var file: String

    public init(root: Node, file: String) {
        self.root = root
        self.file = file
    }
}
