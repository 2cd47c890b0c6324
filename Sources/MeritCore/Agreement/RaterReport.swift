/// Rater agreement of one batch (`merit raters`): overall, per competency (across exercises) and per
/// instrument (across competencies). A target is one participant's rating of one competency in one
/// exercise; its raters are the assessors who rated it (NE is no rating).
///
/// Designs, and which ICC each allows:
/// - **crossed**: every target was rated by the same assessors. ICC(2,1) is the headline (see
///   `IntraclassCorrelation`), ICC(1,1) and ICC(3,1) beside it.
/// - **rotating**: assessors differ between participants, as in a real event's rotating pairs. There is no
///   rater factor to separate, so ICC(2,1) and ICC(3,1) are undecided; ICC(1,1) (one-way: raters differ per
///   target) is computed over the targets with the most common number of ratings, the first, second, …
///   rating of each (by assessor code) as its columns. Targets with other counts count for alpha and pair
///   agreement only, and a target with one rating counts for nothing.
public struct RaterReport: Sendable {
    public enum Scope: Sendable, Hashable {
        case overall
        case competency(Int)
        case instrument(Int)
    }

    public enum Design: String, Sendable {
        case crossed
        case rotating
    }

    public struct Row: Sendable {
        public var scope: Scope
        public var design: Design
        /// Targets with at least one rating, and assessors.
        public var targets: Int
        public var raters: Int
        /// Crossed designs only.
        public var twoWay: IntraclassCorrelation?
        /// ICC(1,1): from `twoWay` when crossed, from the rating slots when rotating.
        public var oneWay: IntraclassCorrelation?
        public var alphaInterval: Double?
        public var alphaOrdinal: Double?
        public var pairs: PairAgreement
    }

    public var rows: [Row]

    /// Fewer pairs than this make a figure "small sample": its confidence interval spans most of the scale.
    public static let smallSample = 30

    /// `participants`: each one's ratings in the batch (`Rating.competency` and `.instrument` are library refs).
    public init(_ participants: [(nip: String, ratings: [Rating])]) {
        struct Key: Hashable {
            var person: Int
            var competency: Int
            var instrument: Int
        }
        // Every target's ratings by assessor.
        var targets: [Key: [String: Double]] = [:]
        for (person, participant) in participants.enumerated() {
            for rating in participant.ratings {
                guard case .score(let value) = rating.value else { continue }
                targets[Key(person: person, competency: rating.competency, instrument: rating.instrument), default: [:]][rating.assessor] =
                    value.doubleValue
            }
        }
        let keys = targets.keys.sorted { ($0.person, $0.competency, $0.instrument) < ($1.person, $1.competency, $1.instrument) }
        func row(_ scope: Scope, _ selected: [Key]) -> Row {
            Self.row(scope, selected.map { targets[$0]! })
        }
        var rows = [row(.overall, keys)]
        for competency in Set(keys.map(\.competency)).sorted() {
            rows.append(row(.competency(competency), keys.filter { $0.competency == competency }))
        }
        for instrument in Set(keys.map(\.instrument)).sorted() {
            rows.append(row(.instrument(instrument), keys.filter { $0.instrument == instrument }))
        }
        self.rows = rows
    }

    /// One scope's figures from its targets' ratings by assessor.
    static func row(_ scope: Scope, _ targets: [[String: Double]]) -> Row {
        let raters = Array(Set(targets.flatMap(\.keys))).sorted()
        let crossed = targets.allSatisfy { $0.count == raters.count }
        let table = RatingTable(
            targets: targets.indices.map(String.init), raters: raters, values: targets.map { target in raters.map { target[$0] } })
        var row = Row(
            scope: scope, design: crossed ? .crossed : .rotating, targets: targets.count, raters: raters.count, twoWay: nil, oneWay: nil,
            alphaInterval: KrippendorffAlpha.alpha(table, metric: .interval),
            alphaOrdinal: KrippendorffAlpha.alpha(table, metric: .ordinal), pairs: PairAgreement(table))
        if crossed {
            row.twoWay = IntraclassCorrelation(table)
            row.oneWay = row.twoWay
        } else {
            // The most common number of ratings of a target (the larger on a tie), at least two.
            var counts: [Int: Int] = [:]
            for target in targets where target.count >= 2 { counts[target.count, default: 0] += 1 }
            if let slots = counts.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key {
                let used = targets.filter { $0.count == slots }
                let values = used.map { target in target.sorted { $0.key < $1.key }.map { Optional($0.value) } }
                row.oneWay = IntraclassCorrelation(
                    RatingTable(targets: used.indices.map(String.init), raters: (1...slots).map(String.init), values: values))
            }
        }
        return row
    }
}
