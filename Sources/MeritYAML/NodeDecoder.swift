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
        return closestMatch(name, in: Set(context.misses[missesStart...] + found), key: { $0 })
    }
}

/// Edit distance counting a swap of neighbours as one edit (optimal string alignment), for "did you mean"
/// suggestions. Past `limit` it stops and returns `limit + 1`: suggestions only want near misses, and a
/// long or garbled value (a fuzzer's, or a pasted paragraph) must not cost a full table per candidate.
public func editDistance(_ a: String, _ b: String, limit: Int = .max) -> Int {
    let a = Array(a)
    let b = Array(b)
    if abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var twoBack = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, twoBack[j - 2] + 1) }
            current[j] = value
            rowMinimum = min(rowMinimum, value)
        }
        if rowMinimum > limit { return limit + 1 }
        (twoBack, previous, current) = (previous, current, twoBack)
    }
    return previous[b.count]
}

/// The candidate nearest to `name` within `limit` edits (by default a third of its length, at least 1),
/// ties broken alphabetically; nil when none is that near. Candidates and name are compared as `key`
/// makes them (lower case by default).
public func closestMatch(
    _ name: String, in candidates: some Sequence<String>, limit: Int? = nil, key: (String) -> String = { $0.lowercased() }
) -> String? {
    let wanted = key(name)
    let bound = limit ?? max(1, wanted.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
        let distance = editDistance(key(candidate), wanted, limit: bound)
        guard distance <= bound else { continue }
        if best.map({ (distance, candidate) < ($0.1, $0.0) }) ?? true { best = (candidate, distance) }
    }
    return best?.0
}
