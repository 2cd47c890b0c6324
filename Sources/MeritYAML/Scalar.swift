/// The text of a scalar node and how it was written.
public struct Scalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The value under the YAML 1.2 core schema (see `CoreSchema`), given the node's explicit tag.
    public func resolved(tag: String? = nil) -> CoreSchema.Value {
        CoreSchema.resolve(self, tag: tag)
    }

    /// Whether the scalar resolves to null, without building its value.
    public func isNull(tag: String? = nil) -> Bool {
        if tag == nil { return style == .plain && CoreSchema.kindOfPlain(text) == .null }
        return resolved(tag: tag) == .null
    }
}
