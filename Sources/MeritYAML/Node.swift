#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One node of a loaded YAML document: a scalar, a sequence or a mapping, with the place it came from.
///
/// A node is a position in its document's `NodeTree`, so copying one is cheap. Aliases are resolved while
/// loading: an alias is the node its anchor names (shared, not copied; the loader bounds how many nodes
/// aliases may bring in).
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
    }

    let tree: NodeTree
    let index: Int32

    init(tree: NodeTree, index: Int32) {
        self.tree = tree
        self.index = index
    }

    /// A document of its own holding one empty (null) scalar.
    static func empty(file: String, line: Int, column: Int) -> Node {
        let record = NodeTree.Record(
            kind: .scalar, style: .plain, tag: -1, line: UInt32(line), column: UInt32(column), start: 0, count: 0)
        return Node(tree: NodeTree(file: file, records: [record], children: [], text: [], tags: []), index: 0)
    }

    var record: NodeTree.Record { tree.records[Int(index)] }

    public var content: Content {
        let record = record
        switch record.kind {
        case .scalar: return .scalar(Scalar(tree.string(record), style: record.style))
        case .sequence: return .sequence((0..<record.count).map(child))
        case .mapping: return .mapping((0..<record.count / 2).map { Pair(key: key(at: $0), value: value(at: $0)) })
        }
    }

    /// The explicit tag in its resolved form (`tag:yaml.org,2002:str`, `!local`), or nil when untagged.
    public var tag: String? {
        let tag = record.tag
        return tag >= 0 ? tree.tags[Int(tag)] : nil
    }

    /// Where the node starts: its file, 1-based line and column.
    public var mark: SourceMark {
        let record = record
        return SourceMark(file: tree.file, line: Int(record.line), column: Int(record.column))
    }

    public var scalar: Scalar? {
        let record = record
        return record.kind == .scalar ? Scalar(tree.string(record), style: record.style) : nil
    }

    public var sequence: [Node]? {
        record.kind == .sequence ? (0..<record.count).map(child) : nil
    }

    public var mapping: [Pair]? {
        record.kind == .mapping ? (0..<pairCount).map { Pair(key: key(at: $0), value: value(at: $0)) } : nil
    }

    /// The value of the key whose scalar text is `key` (keys are unique once loaded).
    public subscript(key: String) -> Node? {
        guard record.kind == .mapping else { return nil }
        return pairIndex(of: key).map(value(at:))
    }

    /// True for a scalar that resolves to null (`null`, `~`, empty).
    public var isNull: Bool {
        let record = record
        guard record.kind == .scalar else { return false }
        if record.tag < 0 { return record.style == .plain && tree.isNullPlain(record) }
        return resolved == .null
    }

    /// The scalar's value under the core schema; nil for collections.
    public var resolved: CoreSchema.Value? {
        scalar.map { $0.resolved(tag: tag) }
    }

    /// What this node is, as a message names it: `"x3"`, `null`, `a mapping`, `a sequence`.
    public var kindDescription: String {
        switch record.kind {
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .scalar:
            let scalar = scalar!
            switch scalar.resolved(tag: tag) {
            case .null: return "null"
            case .bool(let value): return String(value)
            case .int, .float: return scalar.text
            case .string: return "\"\(scalar.text.escapedForMessage)\""
            }
        }
    }

    // MARK: Fast access for the decoder

    var kind: NodeTree.Kind { record.kind }

    /// Items of a sequence; 2 × pairs of a mapping.
    var childCount: Int { record.kind == .scalar ? 0 : record.count }

    var pairCount: Int { record.kind == .mapping ? record.count / 2 : 0 }

    func child(_ position: Int) -> Node {
        Node(tree: tree, index: tree.children[record.start + position])
    }

    func key(at pair: Int) -> Node { child(2 * pair) }

    func value(at pair: Int) -> Node { child(2 * pair + 1) }

    /// The pair whose key is the scalar `name`.
    func pairIndex(of name: String) -> Int? {
        let record = record
        guard record.kind == .mapping else { return nil }
        var name = name
        return name.withUTF8 { key in
            tree.text.withUnsafeBufferPointer { text in
                tree.records.withUnsafeBufferPointer { records in
                    tree.children.withUnsafeBufferPointer { children in
                        for pair in 0..<record.count / 2 {
                            let candidate = records[Int(children[record.start + 2 * pair])]
                            guard candidate.kind == .scalar, candidate.count == key.count else { continue }
                            if key.count == 0 || memcmp(text.baseAddress! + candidate.start, key.baseAddress!, key.count) == 0 {
                                return pair
                            }
                        }
                        return nil
                    }
                }
            }
        }
    }

    /// The text of a scalar.
    var text: String? {
        let record = record
        return record.kind == .scalar ? tree.string(record) : nil
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
