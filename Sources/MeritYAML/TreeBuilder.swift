import CYAML

/// Turns libyaml events into `Node` trees, one document at a time.
struct TreeBuilder {
    /// A sequence or mapping being built.
    private struct Frame {
        var isMapping: Bool
        var line: Int
        var column: Int
        var tag: String?
        var anchor: String?
        /// Where this collection's children start in `pending`.
        var start: Int
        /// Nodes in this subtree, counting every alias copy.
        var size = 1
    }

    let file: String
    let fileID: UInt32
    let limits: YAMLLimits
    let allowsDuplicateKeys: Bool
    private(set) var documents: [YAMLDocument] = []
    /// The open collections, innermost last.
    private var stack: [Frame] = []
    /// Children of the open collections, in order (a mapping's as key, value, key, value…); each collection
    /// takes its own off the end when it closes, so its array is allocated once, at its final size.
    private var pending: [Node] = []
    private var root: Node?
    /// Complete anchored nodes of the current document, with their expanded sizes.
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var aliasExpansion = 0

    init(file: String, limits: YAMLLimits, allowsDuplicateKeys: Bool) {
        self.file = file
        self.fileID = SourceFiles.id(for: file)
        self.limits = limits
        self.allowsDuplicateKeys = allowsDuplicateKeys
    }

    /// Handles one event; true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        let line = Int(event.start_mark.line) + 1
        let column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
            aliasExpansion = 0
        case YAML_DOCUMENT_END_EVENT:
            let empty = Node(.scalar(Scalar("")), tag: nil, fileID: fileID, line: line, column: column)
            documents.append(YAMLDocument(root: root ?? empty, file: file))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
            let node = Node(
                .scalar(Scalar(text, style: Self.style(data.style))), tag: Self.string(data.tag), fileID: fileID,
                line: line, column: column)
            if let anchor = Self.string(data.anchor) { anchors[anchor] = (node, 1) }
            add(node, size: 1)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try push(
                Frame(
                    isMapping: false, line: line, column: column, tag: Self.string(data.tag),
                    anchor: Self.string(data.anchor), start: pending.count))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try push(
                Frame(
                    isMapping: true, line: line, column: column, tag: Self.string(data.tag),
                    anchor: Self.string(data.anchor), start: pending.count))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            let content: Node.Content
            if frame.isMapping {
                let count = (pending.count - frame.start) / 2
                let pairs = [Node.Pair](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for index in 0..<count {
                        let key = frame.start + 2 * index
                        (buffer.baseAddress! + index).initialize(to: Node.Pair(key: pending[key], value: pending[key + 1]))
                    }
                    initialized = count
                }
                if !allowsDuplicateKeys { try checkDuplicateKeys(pairs) }
                content = .mapping(pairs)
            } else {
                content = .sequence(Array(pending[frame.start...]))
            }
            pending.removeSubrange(frame.start...)
            let node = Node(content, tag: frame.tag, fileID: fileID, line: frame.line, column: frame.column)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
            add(node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            let mark = SourceMark(file: file, line: line, column: column)
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
            add(anchored.node, size: anchored.size)
        default:
            break
        }
        return false
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(
                .limitExceeded, at: SourceMark(file: file, line: frame.line, column: frame.column),
                "the document nests deeper than \(limits.maxDepth) levels")
        }
        stack.append(frame)
    }

    private mutating func add(_ node: Node, size: Int) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        stack[stack.count - 1].size += size
        pending.append(node)
    }

    /// Two keys are the same when their scalars resolve to the same value (so `1` and `"1"` differ).
    private func checkDuplicateKeys(_ pairs: [Node.Pair]) throws(YAMLError) {
        guard pairs.count > 1 else { return }
        let identities = pairs.map { Self.identity(of: $0.key) }
        if pairs.count <= 12 {
            for later in 1..<pairs.count {
                guard let identity = identities[later] else { continue }
                for earlier in 0..<later where identities[earlier] == identity {
                    throw duplicate(pairs[later].key, first: pairs[earlier].key)
                }
            }
            return
        }
        var seen: [CoreSchema.Value: Int] = [:]
        seen.reserveCapacity(pairs.count)
        for (index, identity) in identities.enumerated() {
            guard let identity else { continue }
            if let earlier = seen.updateValue(index, forKey: identity) {
                throw duplicate(pairs[index].key, first: pairs[earlier].key)
            }
        }
    }

    private func duplicate(_ key: Node, first: Node) -> YAMLError {
        YAMLError(
            .duplicateKey, at: key.mark,
            "duplicate key \(key.kindDescription) (first defined at \(first.mark.line):\(first.mark.column))")
    }

    private static func identity(of key: Node) -> CoreSchema.Value? {
        guard case .scalar(let scalar) = key.content else { return nil }
        return scalar.resolved(tag: key.tag)
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
