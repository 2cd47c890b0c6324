/// One node of a loaded YAML document: a scalar, a sequence or a mapping, with the place it came from.
///
/// Aliases are resolved while loading: an alias becomes a copy of the node its anchor names (copies share
/// storage, so this costs no memory; the loader bounds how many nodes aliases may bring in).
public struct Node: Sendable {
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    /// One entry of a mapping, in document order.
    public struct Pair: Sendable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    /// The explicit tag in its resolved form (`tag:yaml.org,2002:str`, `!local`), or nil when untagged.
    public var tag: String?
    private var fileID: UInt32
    private var line: UInt32
    private var column: UInt32

    public init(_ content: Content, tag: String? = nil, mark: SourceMark) {
        self.init(content, tag: tag, fileID: SourceFiles.id(for: mark.file), line: mark.line, column: mark.column)
    }

    init(_ content: Content, tag: String?, fileID: UInt32, line: Int, column: Int) {
        self.content = content
        self.tag = tag
        self.fileID = fileID
        self.line = UInt32(clamping: line)
        self.column = UInt32(clamping: column)
    }

    /// Where the node starts: its file, 1-based line and column.
    public var mark: SourceMark {
        get { SourceMark(file: SourceFiles.name(fileID), line: Int(line), column: Int(column)) }
        set {
            fileID = SourceFiles.id(for: newValue.file)
            line = UInt32(clamping: newValue.line)
            column = UInt32(clamping: newValue.column)
        }
    }

    /// The line alone, without looking up the file name.
    public var lineNumber: Int { Int(line) }

    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value of the first key whose scalar text is `key` (mappings have unique keys once loaded).
    public subscript(key: String) -> Node? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalar?.text == key }?.value
    }

    /// True for a scalar that resolves to null (`null`, `~`, empty).
    public var isNull: Bool {
        if case .scalar(let scalar) = content { return scalar.isNull(tag: tag) }
        return false
    }

    /// What this node is, as a message names it: `"x3"`, `null`, `a mapping`, `a sequence`.
    public var kindDescription: String {
        switch content {
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            switch scalar.resolved(tag: tag) {
            case .null: return "null"
            case .bool(let value): return String(value)
            case .int, .float: return scalar.text
            case .string: return "\"\(scalar.text.escapedForMessage)\""
            }
        }
    }
}

extension String {
    /// Control characters and quotes made visible, long text shortened, for one-line messages.
    var escapedForMessage: String {
        var out = ""
        for character in prefix(60) {
            switch character {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(character)
            }
        }
        return count > 60 ? out + "…" : out
    }
}
