import CYAML

/// Turns libyaml events into `Node` trees, one document at a time.
struct TreeBuilder {
    /// A sequence or mapping being built.
    private struct Frame {
        var isMapping: Bool
        var mark: SourceMark
        var tag: String?
        var anchor: String?
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        var pendingKey: Node?
        /// Nodes in this subtree, counting every alias copy.
        var size = 1
    }

    let file: String
    let limits: YAMLLimits
    let allowsDuplicateKeys: Bool
    private(set) var documents: [YAMLDocument] = []
    private var stack: [Frame] = []
    private var root: Node?
    /// Complete anchored nodes of the current document, with their expanded sizes.
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var aliasExpansion = 0

    init(file: String, limits: YAMLLimits, allowsDuplicateKeys: Bool) {
        self.file = file
        self.limits = limits
        self.allowsDuplicateKeys = allowsDuplicateKeys
    }

    /// Handles one event; true at the end of the stream.
    mutating func handle(_ event: inout yaml_event_t) throws(YAMLError) -> Bool {
        let mark = SourceMark(file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
            aliasExpansion = 0
        case YAML_DOCUMENT_END_EVENT:
            documents.append(YAMLDocument(root: root ?? Node(.scalar(Scalar("")), mark: mark), file: file))
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: data.value, count: Int(data.length)), as: UTF8.self)
            let node = Node(.scalar(Scalar(text, style: Self.style(data.style))), tag: Self.string(data.tag), mark: mark)
            if let anchor = Self.string(data.anchor) { anchors[anchor] = (node, 1) }
            try add(node, size: 1)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try push(Frame(isMapping: false, mark: mark, tag: Self.string(data.tag), anchor: Self.string(data.anchor)))
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try push(Frame(isMapping: true, mark: mark, tag: Self.string(data.tag), anchor: Self.string(data.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let frame = stack.removeLast()
            if frame.isMapping && !allowsDuplicateKeys { try checkDuplicateKeys(frame.pairs) }
            let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
            let node = Node(content, tag: frame.tag, mark: frame.mark)
            if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
            try add(node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
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
            try add(anchored.node, size: anchored.size)
        default:
            break
        }
        return false
    }

    private mutating func push(_ frame: Frame) throws(YAMLError) {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(.limitExceeded, at: frame.mark, "the document nests deeper than \(limits.maxDepth) levels")
        }
        stack.append(frame)
    }

    private mutating func add(_ node: Node, size: Int) throws(YAMLError) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        if stack[top].isMapping {
            if let key = stack[top].pendingKey {
                stack[top].pairs.append(Node.Pair(key: key, value: node))
                stack[top].pendingKey = nil
            } else {
                stack[top].pendingKey = node
            }
        } else {
            stack[top].items.append(node)
        }
    }

    /// Two keys are the same when their scalars resolve to the same value (so `1` and `"1"` differ).
    private func checkDuplicateKeys(_ pairs: [Node.Pair]) throws(YAMLError) {
        guard pairs.count > 1 else { return }
        if pairs.count <= 12 {
            for later in 1..<pairs.count {
                guard let identity = Self.identity(of: pairs[later].key) else { continue }
                for earlier in 0..<later where Self.identity(of: pairs[earlier].key) == identity {
                    throw duplicate(pairs[later].key, first: pairs[earlier].key)
                }
            }
            return
        }
        var seen: [CoreSchema.Value: Int] = [:]
        seen.reserveCapacity(pairs.count)
        for (index, pair) in pairs.enumerated() {
            guard let identity = Self.identity(of: pair.key) else { continue }
            if let earlier = seen.updateValue(index, forKey: identity) {
                throw duplicate(pair.key, first: pairs[earlier].key)
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
