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
    public var mark: SourceMark

    public init(_ content: Content, tag: String? = nil, mark: SourceMark) {
        self.content = content
        self.tag = tag
        self.mark = mark
    }

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
        if case .scalar(let scalar) = content, case .null = scalar.resolved(tag: tag) { return true }
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
