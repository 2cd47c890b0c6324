/// The `Decoder` for one node. When the node is read as a mapping it also records which keys the type
/// asked for, so that the keys it never asked for can be reported as unknown.
final class NodeDecoderImpl: YAMLNodeDecoder {
    /// How this node is reached from its parent.
    enum PathStep {
        case key(any CodingKey)
        case index(Int)
    }

    let node: Node
    let parent: NodeDecoderImpl?
    let step: PathStep?
    let context: DecodingContext

    /// Set once the node is read as a mapping.
    private(set) var isMapping = false
    private(set) var pairs: [Node.Pair] = []
    private var usedBits: UInt64 = 0
    private var usedOverflow: [Bool] = []
    /// Keys asked for but absent: the vocabulary for "did you mean" hints.
    private var misses: [String] = []
    private var keyIndex: [String: Int]?

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, parent: NodeDecoderImpl?, step: PathStep?, context: DecodingContext) {
        self.node = node
        self.parent = parent
        self.step = step
        self.context = context
    }

    /// Built on demand by walking up to the root: most decoding never needs it.
    var codingPath: [any CodingKey] {
        var steps: [any CodingKey] = []
        var current: NodeDecoderImpl? = self
        while let decoder = current, let step = decoder.step {
            switch step {
            case .key(let key): steps.append(key)
            case .index(let index): steps.append(AnyKey(index: index))
            }
            current = decoder.parent
        }
        return steps.reversed()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if !isMapping {
            guard case .mapping(let found) = node.content else {
                throw ScalarDecoding.mismatch("a mapping", node, codingPath)
            }
            pairs = found
            isMapping = true
            if found.count > 64 { usedOverflow = Array(repeating: false, count: found.count - 64) }
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self))
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

    // MARK: Keys of a mapping

    /// The position of the pair whose key is `name`, marking it used.
    func lookup(_ name: String) -> Int? {
        let position: Int?
        if pairs.count <= 12 {
            position = pairs.firstIndex { pair in
                if case .scalar(let scalar) = pair.key.content { return scalar.text == name }
                return false
            }
        } else {
            if keyIndex == nil {
                var built: [String: Int] = [:]
                for (offset, pair) in pairs.enumerated() {
                    if let text = pair.key.scalar?.text, built[text] == nil { built[text] = offset }
                }
                keyIndex = built
            }
            position = keyIndex?[name]
        }
        if let position {
            markUsed(position)
        } else {
            misses.append(name)
        }
        return position
    }

    func markUsed(_ position: Int) {
        if position < 64 {
            usedBits |= 1 << UInt64(position)
        } else {
            usedOverflow[position - 64] = true
        }
    }

    /// The pairs whose keys the type never asked for.
    var unusedPairs: [Node.Pair] {
        guard isMapping else { return [] }
        return pairs.indices.filter { position in
            position < 64 ? usedBits & (1 << UInt64(position)) == 0 : !usedOverflow[position - 64]
        }.map { pairs[$0] }
    }

    /// The closest missing key to an unknown one, when it is a plausible typo.
    func suggestion(for name: String) -> String? {
        let candidates = Set(misses).map { ($0, editDistance($0, name)) }.filter { $0.1 <= max(1, name.count / 3) }
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
