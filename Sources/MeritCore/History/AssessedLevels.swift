/// The levels of one assessment, by competency ref, in ref order: a small sorted array rather than a
/// dictionary. A history of 100,000 people over three years holds 300,000 of these; as dictionaries,
/// building, hashing into and freeing them was a third of the serial end of `merit movement`.
public struct AssessedLevels: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: Int, value: Rational)

    private var refs: [Int] = []
    private var values: [Rational] = []

    public init() {}

    public init(dictionaryLiteral elements: (Int, Rational)...) {
        for (ref, level) in elements { self[ref] = level }
    }

    public init(_ levels: [Int: Rational]) {
        for (ref, level) in levels { self[ref] = level }
    }

    public var count: Int { refs.count }
    public var isEmpty: Bool { refs.isEmpty }
    /// Competency refs, ascending.
    public var keys: [Int] { refs }

    public subscript(ref: Int) -> Rational? {
        get {
            let (at, found) = index(of: ref)
            return found ? values[at] : nil
        }
        set {
            let (at, found) = index(of: ref)
            switch (found, newValue) {
            case (true, let level?): values[at] = level
            case (true, nil):
                refs.remove(at: at)
                values.remove(at: at)
            case (false, let level?):
                refs.insert(ref, at: at)
                values.insert(level, at: at)
            case (false, nil): break
            }
        }
    }

    /// Appends a level whose ref is above every ref held (as a result's competencies come, in ref order);
    /// anything else goes through the subscript.
    public mutating func append(_ ref: Int, _ level: Rational) {
        if let last = refs.last, last >= ref {
            self[ref] = level
        } else {
            refs.append(ref)
            values.append(level)
        }
    }

    public mutating func reserveCapacity(_ count: Int) {
        refs.reserveCapacity(count)
        values.reserveCapacity(count)
    }

    /// Where `ref` is, or would be inserted.
    private func index(of ref: Int) -> (at: Int, found: Bool) {
        var low = 0
        var high = refs.count
        while low < high {
            let middle = (low + high) / 2
            if refs[middle] < ref { low = middle + 1 } else { high = middle }
        }
        return (low, low < refs.count && refs[low] == ref)
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let levels: AssessedLevels
        fileprivate var index = 0

        public mutating func next() -> Element? {
            guard index < levels.refs.count else { return nil }
            defer { index += 1 }
            return (levels.refs[index], levels.values[index])
        }
    }

    public func makeIterator() -> Iterator { Iterator(levels: self) }
}
