/// How often two assessors of one participant gave the same rating, or ratings at most one point
/// apart, over every pair of ratings of a target (a target rated by three gives three pairs; one rated by
/// one, or whose other rating is NE, gives none).
public struct PairAgreement: Sendable, Hashable {
    public var pairs: Int
    public var exactPairs: Int
    public var withinOnePairs: Int

    /// Shares of the pairs; nil without pairs.
    public var exact: Double? { pairs > 0 ? Double(exactPairs) / Double(pairs) : nil }
    public var withinOne: Double? { pairs > 0 ? Double(withinOnePairs) / Double(pairs) : nil }

    public init() {
        pairs = 0
        exactPairs = 0
        withinOnePairs = 0
    }

    public init(_ table: RatingTable) {
        self.init()
        for values in table.valuesByTarget { add(values) }
    }

    /// Counts the pairs of one target's values.
    mutating func add(_ values: some RandomAccessCollection<Double>) {
        for i in values.indices {
            for j in values.indices where j > i {
                pairs += 1
                if values[i] == values[j] { exactPairs += 1 }
                if abs(values[i] - values[j]) <= 1 { withinOnePairs += 1 }
            }
        }
    }
}
