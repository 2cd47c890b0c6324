import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns libyaml events into a `NodeTree`, one document after another.
struct TreeBuilder {
    /// A sequence or mapping being built.
    private struct Frame {
        var isMapping: Bool
        var line: UInt32
        var column: UInt32
        var tag: Int32
        var anchor: String?
        /// Where this collection's children start in `pending`.
        var start: Int
        /// Nodes in this subtree, counting every alias copy.
        var size = 1
    }

    let file: String
    let limits: YAMLLimits
    let allowsDuplicateKeys: Bool

    private var records: [NodeTree.Record] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    private var tags: [String] = []
    private var tagIndex: [String: Int32] = [:]
    /// Roots of the finished documents.
    private var roots: [Int32] = []

    /// The open collections, innermost last.
    private var stack: [Frame] = []
    /// Children of the open collections, in order (a mapping's as key, value, key, value…); each collection
    /// moves its own into `children` when it closes.
    private var pending: [Int32] = []
    private var root: Int32?
    /// Complete anchored nodes of the current document, with their expanded sizes.
    private var anchors: [String: (index: Int32, size: Int)] = [:]
    private var aliasExpansion = 0

    init(file: String, limits: YAMLLimits, allowsDuplicateKeys: Bool, sizeHint: Int) {
        self.file = file
        self.limits = limits
        self.allowsDuplicateKeys = allowsDuplicateKeys
        text.reserveCapacity(sizeHint)
        records.reserveCapacity(sizeHint / 8)
        children.reserveCapacity(sizeHint / 8)
    }

    /// The documents of the stream, once the stream has ended.
    func documents() -> [YAMLDocument] {
        let tree = NodeTree(file: file, records: records, children: children, text: text, tags: tags)
        return roots.map { YAMLDocument(root: Node(tree: tree, index: $0), file: file) }
    }

    /// Handles one event; true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        let line = UInt32(clamping: event.start_mark.line + 1)
        let column = UInt32(clamping: event.start_mark.column + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
            aliasExpansion = 0
        case YAML_DOCUMENT_END_EVENT:
            if root == nil {
                root = append(NodeTree.Record(kind: .scalar, style: .plain, tag: -1, line: line, column: column, start: 0, count: 0))
            }
            roots.append(root!)
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let start = text.count
            text.append(contentsOf: UnsafeBufferPointer(start: data.value, count: Int(data.length)))
            let index = append(
                NodeTree.Record(
                    kind: .scalar, style: Self.style(data.style), tag: intern(data.tag), line: line, column: column,
                    start: start, count: Int(data.length)))
            if let anchor = Self.string(data.anchor) { anchors[anchor] = (index, 1) }
            add(index, size: 1)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try push(
                Frame(
                    isMapping: false, line: line, column: column, tag: intern(data.tag),
                    anchor: Self.string(data.anchor), start: pending.count))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try push(
                Frame(
                    isMapping: true, line: line, column: column, tag: intern(data.tag),
                    anchor: Self.string(data.anchor), start: pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let start = children.count
            let count = pending.count - frame.start
            children.append(contentsOf: pending[frame.start...])
            pending.removeSubrange(frame.start...)
            if frame.isMapping && !allowsDuplicateKeys { try checkDuplicateKeys(start: start, count: count) }
            let index = append(
                NodeTree.Record(
                    kind: frame.isMapping ? .mapping : .sequence, style: .plain, tag: frame.tag, line: frame.line,
                    column: frame.column, start: start, count: count))
            if let anchor = frame.anchor { anchors[anchor] = (index, frame.size) }
            add(index, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            let mark = SourceMark(file: file, line: Int(line), column: Int(column))
            guard let anchored = anchors[name] else {
                let open = stack.contains { $0.anchor == name }
                throw YAMLError(
                    .undefinedAlias, at: mark,
                    open
                        ? "alias '*\(name)' refers to a node that contains it (recursive data is not supported)"
                        : "undefined alias '*\(name)': no anchor '&\(name)' before it in this document")
            }
            aliasExpansion += anchored.size
            guard aliasExpansion <= limits.maxAliasExpansion else {
                throw YAMLError(
                    .limitExceeded, at: mark,
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes; refusing the document (alias bomb?)")
            }
            add(anchored.index, size: anchored.size)
        default:
            break
        }
        return false
    }

    private mutating func append(_ record: NodeTree.Record) -> Int32 {
        records.append(record)
        return Int32(records.count - 1)
    }

    private mutating func intern(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> Int32 {
        guard let pointer else { return -1 }
        let tag = String(cString: pointer)
        if let index = tagIndex[tag] { return index }
        tags.append(tag)
        tagIndex[tag] = Int32(tags.count - 1)
        return Int32(tags.count - 1)
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                .limitExceeded, at: SourceMark(file: file, line: Int(frame.line), column: Int(frame.column)),
                "the document nests deeper than \(limits.maxDepth) levels")
        }
        stack.append(frame)
    }

    private mutating func add(_ index: Int32, size: Int) {
        guard !stack.isEmpty else {
            root = index
            return
        }
        stack[stack.count - 1].size += size
        pending.append(index)
    }

    // MARK: Duplicate keys

    /// What makes two keys the same: equal text for keys that resolve to strings, equal values otherwise
    /// (so `1` and `0x1` are the same key, `1` and `"1"` are not). Collections as keys are never compared.
    private enum KeyIdentity: Equatable {
        case text(NodeTree.Record)
        case value(CoreSchema.Value)
        case none

        static func == (lhs: KeyIdentity, rhs: KeyIdentity) -> Bool {
            switch (lhs, rhs) {
            case (.value(let a), .value(let b)): return a == b
            default: return false
            }
        }
    }

    private func identity(of index: Int32) -> KeyIdentity {
        let record = records[Int(index)]
        guard record.kind == .scalar else { return .none }
        let isString: Bool
        if record.tag < 0 {
            isString = record.style != .plain || plainKind(record) == .string
        } else {
            isString = tags[Int(record.tag)] == CoreSchema.strTag || tags[Int(record.tag)].hasPrefix("!")
        }
        if isString { return .text(record) }
        let value = Scalar(string(record), style: record.style).resolved(tag: record.tag < 0 ? nil : tags[Int(record.tag)])
        if case .string = value { return .text(record) }
        return .value(value)
    }

    /// A scalar key that is text by its style or its plain form (no tag to consider).
    private func isTextKey(_ index: Int32) -> Bool {
        let record = records[Int(index)]
        guard record.kind == .scalar, record.tag < 0 else { return false }
        return record.style != .plain || plainKind(record) == .string
    }

    private func same(_ a: KeyIdentity, _ b: KeyIdentity) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return sameText(x, y)
        default: return a == b
        }
    }

    private func checkDuplicateKeys(start: Int, count: Int) throws(YAMLError) {
        let pairs = count / 2
        guard pairs > 1 else { return }
        // Fast path, no allocation: every key is text (the usual case), so compare bytes pairwise.
        if pairs <= 16, (0..<pairs).allSatisfy({ isTextKey(children[start + 2 * $0]) }) {
            for later in 1..<pairs {
                let laterKey = children[start + 2 * later]
                for earlier in 0..<later {
                    let earlierKey = children[start + 2 * earlier]
                    if sameText(records[Int(earlierKey)], records[Int(laterKey)]) {
                        throw duplicate(laterKey, first: earlierKey)
                    }
                }
            }
            return
        }
        let keys = (0..<pairs).map { children[start + 2 * $0] }
        let identities = keys.map(identity(of:))
        if pairs <= 16 {
            for later in 1..<pairs {
                for earlier in 0..<later where same(identities[earlier], identities[later]) {
                    throw duplicate(keys[later], first: keys[earlier])
                }
            }
            return
        }
        var seen: [String: Int] = [:]
        var seenValues: [CoreSchema.Value: Int] = [:]
        for (position, identity) in identities.enumerated() {
            var earlier: Int?
            switch identity {
            case .text(let record): earlier = seen.updateValue(position, forKey: string(record))
            case .value(let value): earlier = seenValues.updateValue(position, forKey: value)
            case .none: break
            }
            if let earlier { throw duplicate(keys[position], first: keys[earlier]) }
        }
    }

    private func duplicate(_ key: Int32, first: Int32) -> YAMLError {
        let tree = NodeTree(file: file, records: records, children: children, text: text, tags: tags)
        let keyNode = Node(tree: tree, index: key)
        let firstNode = Node(tree: tree, index: first)
        return YAMLError(
            .duplicateKey, at: keyNode.mark,
            "duplicate key \(keyNode.kindDescription) (first defined at \(firstNode.mark.line):\(firstNode.mark.column))")
    }

    private func string(_ record: NodeTree.Record) -> String {
        String(decoding: text[record.start..<record.start + record.count], as: UTF8.self)
    }

    private func sameText(_ a: NodeTree.Record, _ b: NodeTree.Record) -> Bool {
        guard a.count == b.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            a.count == 0 || memcmp(buffer.baseAddress! + a.start, buffer.baseAddress! + b.start, a.count) == 0
        }
    }

    private func plainKind(_ record: NodeTree.Record) -> CoreSchema.PlainKind {
        text.withUnsafeBufferPointer { buffer in
            CoreSchema.kindOfPlain(UnsafeBufferPointer(rebasing: buffer[record.start..<record.start + record.count]))
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
