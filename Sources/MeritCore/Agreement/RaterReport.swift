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
    /// One pass over the targets feeds every scope's sums (coincidences, pairs, one-way ANOVA by number of
    /// ratings); only a crossed scope's targets are gathered again, into a table for the two-way ANOVA.
    public init(_ participants: [(nip: String, ratings: [Rating])]) {
        let targets = RatedTargets(participants)
        let domain = Array(Set(targets.value)).sorted()
        let valueIndex = Dictionary(uniqueKeysWithValues: domain.enumerated().map { ($1, $0) })
        let competencies = Array(Set(targets.competency)).sorted()
        let instruments = Array(Set(targets.instrument)).sorted()
        let competencyScope = Dictionary(uniqueKeysWithValues: competencies.enumerated().map { ($1, $0 + 1) })
        let instrumentScope = Dictionary(uniqueKeysWithValues: instruments.enumerated().map { ($1, $0 + 1 + competencies.count) })
        let scopes: [Scope] = [.overall] + competencies.map { .competency(Int($0)) } + instruments.map { .instrument(Int($0)) }
        var sums = [ScopeSums](repeating: ScopeSums(domain: domain.count, assessors: targets.assessorCodes.count), count: scopes.count)
        let indices = targets.value.map { valueIndex[$0]! }
        for t in 0..<targets.count {
            let range = targets.range(t)
            for scope in [0, competencyScope[targets.competency[t]]!, instrumentScope[targets.instrument[t]]!] {
                sums[scope].add(targets.value[range], indices: indices[range], assessors: targets.assessor[range])
            }
        }
        rows = scopes.indices.map { index in
            let scope = scopes[index]
            var row = sums[index].row(scope, domain: domain)
            if row.design == .crossed {
                // Every target of the scope has the same assessors: gather them for the two-way ANOVA.
                var values: [[Double?]] = []
                for t in 0..<targets.count where Self.contains(scope, competency: targets.competency[t], instrument: targets.instrument[t]) {
                    values.append(targets.value[targets.range(t)].map { Optional($0) })
                }
                let raters = (0..<row.raters).map(String.init)
                row.twoWay = IntraclassCorrelation(RatingTable(targets: values.indices.map(String.init), raters: raters, values: values))
                row.oneWay = row.twoWay
            }
            return row
        }
    }

    static func contains(_ scope: Scope, competency: Int32, instrument: Int32) -> Bool {
        switch scope {
        case .overall: true
        case .competency(let ref): Int(competency) == ref
        case .instrument(let ref): Int(instrument) == ref
        }
    }
}

/// One scope's running sums over its targets.
struct ScopeSums {
    var targets = 0
    /// The assessors seen, by id, and how many.
    var seen: [Bool]
    var assessors = 0
    /// Whether every target so far has the same assessors, and which.
    var sameAssessors = true
    var firstAssessors: [Int32]?
    /// Krippendorff's coincidences, by value index (row-major).
    var coincidences: [Double]
    var pairs = PairAgreement()
    /// One-way ANOVA sums of the targets with each number of ratings (by that number).
    var oneWay: [OneWaySums] = []
    let size: Int

    init(domain: Int, assessors: Int) {
        size = domain
        coincidences = [Double](repeating: 0, count: domain * domain)
        seen = [Bool](repeating: false, count: assessors)
    }

    mutating func add(_ values: ArraySlice<Double>, indices: ArraySlice<Int>, assessors raters: ArraySlice<Int32>) {
        targets += 1
        for rater in raters where !seen[Int(rater)] {
            seen[Int(rater)] = true
            assessors += 1
        }
        if let firstAssessors {
            if sameAssessors && !firstAssessors.elementsEqual(raters) { sameAssessors = false }
        } else {
            firstAssessors = Array(raters)
        }
        let m = values.count
        guard m >= 2 else { return }
        let weight = 1 / Double(m - 1)
        for i in indices {
            for j in indices { coincidences[i * size + j] += weight }
            // Not a value with itself.
            coincidences[i * size + i] -= weight
        }
        pairs.add(values)
        while oneWay.count <= m { oneWay.append(OneWaySums()) }
        oneWay[m].add(values)
    }

    func row(_ scope: RaterReport.Scope, domain: [Double]) -> RaterReport.Row {
        let crossed = sameAssessors && (firstAssessors?.count ?? 0) == assessors
        var row = RaterReport.Row(
            scope: scope, design: crossed ? .crossed : .rotating, targets: targets, raters: assessors, twoWay: nil, oneWay: nil,
            alphaInterval: KrippendorffAlpha.alpha(coincidences: coincidences, domain: domain, metric: .interval),
            alphaOrdinal: KrippendorffAlpha.alpha(coincidences: coincidences, domain: domain, metric: .ordinal), pairs: pairs)
        // The most common number of ratings of a target (the larger on a tie), at least two.
        if !crossed, let slots = oneWay.indices.filter({ oneWay[$0].rows > 0 }).max(by: { (oneWay[$0].rows, $0) < (oneWay[$1].rows, $1) }) {
            row.oneWay = oneWay[slots].correlation(raters: slots)
        }
        return row
    }
}

/// Sums for ICC(1,1) over targets with the same number of ratings (the one-way ANOVA needs no rater
/// identity: its mean squares are between and within targets).
struct OneWaySums {
    var rows = 0
    var sum = 0.0
    var sumOfSquares = 0.0
    /// Σ (row sum)² ÷ k, summed over rows.
    var rowSquares = 0.0

    mutating func add(_ values: ArraySlice<Double>) {
        rows += 1
        var rowSum = 0.0
        for value in values {
            rowSum += value
            sumOfSquares += value * value
        }
        sum += rowSum
        rowSquares += rowSum * rowSum / Double(values.count)
    }

    func correlation(raters k: Int) -> IntraclassCorrelation? {
        let n = Double(rows)
        let correction = sum * sum / (n * Double(k))
        let betweenRows = rowSquares - correction
        let within = sumOfSquares - rowSquares
        // Rounding leaves a trace of spread where every target's mean is the same: no spread.
        guard betweenRows > 1e-12 * Swift.max(1, sumOfSquares) else { return nil }
        return IntraclassCorrelation(oneWayTargets: rows, raters: k, betweenRows: betweenRows, withinRows: within)
    }
}
