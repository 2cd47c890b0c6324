/// The `Decoder` for one node.
final class NodeDecoderImpl: YAMLNodeDecoder {
    let node: Node
    let codingPath: [any CodingKey]
    let context: DecodingContext
    /// Set when the node was read as a mapping: which keys were asked for.
    private(set) var mappingState: MappingState?

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, codingPath: [any CodingKey], context: DecodingContext) {
        self.node = node
        self.codingPath = codingPath
        self.context = context
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if let state = mappingState {
            return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, state: state))
        }
        guard case .mapping(let pairs) = node.content else {
            throw ScalarDecoding.mismatch("a mapping", node, codingPath)
        }
        let state = MappingState(pairs: pairs)
        mappingState = state
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, state: state))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .sequence(let items) = node.content else {
            throw ScalarDecoding.mismatch("a sequence", node, codingPath)
        }
        return UnkeyedContainer(decoder: self, items: items)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }
}

/// The keys of one mapping and which of them the decoded type asked for.
final class MappingState {
    let pairs: [Node.Pair]
    var used: [Bool]
    /// Names the type asked for, found or not: the vocabulary for "did you mean" hints.
    var requested: [String] = []
    private var index: [String: Int]?

    init(pairs: [Node.Pair]) {
        self.pairs = pairs
        self.used = Array(repeating: false, count: pairs.count)
    }

    /// The position of the pair whose key is `name`, marking it used.
    func lookup(_ name: String) -> Int? {
        requested.append(name)
        let position: Int?
        if pairs.count <= 8 {
            position = pairs.firstIndex { $0.key.scalar?.text == name }
        } else {
            if index == nil {
                var built: [String: Int] = [:]
                for (offset, pair) in pairs.enumerated() {
                    if let text = pair.key.scalar?.text, built[text] == nil { built[text] = offset }
                }
                index = built
            }
            position = index?[name]
        }
        if let position { used[position] = true }
        return position
    }

    /// The closest asked-for key to an unknown one, when it is a plausible typo.
    func suggestion(for name: String) -> String? {
        let candidates = Set(requested).map { ($0, editDistance($0, name)) }.filter { $0.1 <= max(1, name.count / 3) }
        return candidates.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), for key suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}
