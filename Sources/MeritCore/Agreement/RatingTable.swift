/// Ratings of one thing (a competency, a competency in one exercise, or everything) by several raters:
/// a value per target (participant) and rater, or none (not rated, or NE). Real assessment events are
/// incomplete: each participant is seen by two or three of the assessors, in rotating pairs.
public struct RatingTable: Sendable, Hashable {
    public var targets: [String]
    public var raters: [String]
    /// By target, then rater.
    public var values: [[Double?]]

    public init(targets: [String], raters: [String], values: [[Double?]]) {
        precondition(values.count == targets.count && values.allSatisfy { $0.count == raters.count })
        self.targets = targets
        self.raters = raters
        self.values = values
    }

    /// A table from (target, rater, value) triples, targets and raters in order of their ids; a
    /// missing value is nil. A target and rater given twice keeps the last value.
    public init(_ ratings: [(target: String, rater: String, value: Double?)]) {
        targets = Array(Set(ratings.map(\.target))).sorted()
        raters = Array(Set(ratings.map(\.rater))).sorted()
        let targetIndex = Dictionary(uniqueKeysWithValues: targets.enumerated().map { ($1, $0) })
        let raterIndex = Dictionary(uniqueKeysWithValues: raters.enumerated().map { ($1, $0) })
        values = Array(repeating: Array(repeating: nil, count: raters.count), count: targets.count)
        for rating in ratings { values[targetIndex[rating.target]!][raterIndex[rating.rater]!] = rating.value }
    }

    /// Each target's values, missing ones left out.
    var valuesByTarget: [[Double]] { values.map { $0.compactMap { $0 } } }
}
