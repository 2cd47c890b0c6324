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
    private var usedBits: UInt64 = 0
    private var usedOverflow: [Bool] = []
    /// Where this decoder's missing keys start in the context's `misses`.
    let missesStart: Int
    private var keyIndex: [String: Int]?

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node, parent: NodeDecoderImpl?, step: PathStep?, context: DecodingContext) {
        self.node = node
        self.parent = parent
        self.step = step
        self.context = context
        self.missesStart = context.misses.count
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
            guard node.kind == .mapping else {
                throw ScalarDecoding.mismatch("a mapping", node, codingPath)
            }
            isMapping = true
            if node.pairCount > 64 { usedOverflow = Array(repeating: false, count: node.pairCount - 64) }
        }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard node.kind == .sequence else {
            throw ScalarDecoding.mismatch("a sequence", node, codingPath)
        }
        return UnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    // MARK: Keys of a mapping

    /// The position of the pair whose key is `name`, marking it used.
    func lookup(_ name: String) -> Int? {
        let position: Int?
        if node.pairCount <= 12 {
            position = node.pairIndex(of: name)
        } else {
            if keyIndex == nil {
                var built: [String: Int] = [:]
                for pair in 0..<node.pairCount {
                    if let text = node.key(at: pair).text, built[text] == nil { built[text] = pair }
                }
                keyIndex = built
            }
            position = keyIndex?[name]
        }
        if let position {
            markUsed(position)
        } else {
            context.misses.append(name)
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

    private func isUsed(_ position: Int) -> Bool {
        position < 64 ? usedBits & (1 << UInt64(position)) != 0 : usedOverflow[position - 64]
    }

    /// The keys the type never asked for.
    var unusedKeys: [Node] {
        guard isMapping else { return [] }
        return (0..<node.pairCount).filter { !isUsed($0) }.map(node.key(at:))
    }

    /// The closest known key to an unknown one, when it is a plausible typo. Known keys are those the type
    /// asked for: found ones (read back from the mapping) and missing ones.
    func suggestion(for name: String) -> String? {
        let found = (0..<node.pairCount).filter(isUsed).compactMap { node.key(at: $0).text }
        let candidates = Set(context.misses[missesStart...] + found).map { ($0, editDistance($0, name)) }
            .filter { $0.1 <= max(1, name.count / 3) }
        return candidates.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean"
/// suggestions.
public func editDistance(_ a: String, _ b: String) -> Int {
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
