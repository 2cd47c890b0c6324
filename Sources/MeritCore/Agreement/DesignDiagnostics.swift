/// Whether a battery measures what it says (issue 16, for the people who build batteries): the
/// multitrait-multimethod matrix of one batch (Campbell & Fiske 1959). A unit is a competency measured
/// in one exercise; a participant's score on it is the mean of their assessors' ratings (NE left out).
/// Each two units are correlated over the participants who have both (at least `minimumPairs`).
///
/// - **convergent** (same competency, different exercises): should be high — the competency shows
///   whichever exercise observes it;
/// - **same exercise** (different competencies, one exercise): when these are as high as the convergent
///   ones, the exercise, not the competency, drives the ratings (an exercise effect);
/// - **discriminant** (different competencies, different exercises): should be lowest.
///
/// Coverage counts, per competency, the exercises that gave evidence in practice (a rating other than NE
/// for at least one participant), which the battery's `min-methods` asks to be at least two or three.
public struct DesignDiagnostics: Sendable {
    public struct Unit: Sendable, Hashable, Comparable {
        public var competency: Int
        public var instrument: Int

        public init(competency: Int, instrument: Int) {
            self.competency = competency
            self.instrument = instrument
        }

        public static func < (a: Unit, b: Unit) -> Bool { (a.competency, a.instrument) < (b.competency, b.instrument) }
    }

    public struct Correlation: Sendable, Hashable {
        public var first: Unit
        public var second: Unit
        public var r: Double
        public var participants: Int
    }

    /// What a correlation compares.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case convergent
        case sameExercise = "same-exercise"
        case discriminant
    }

    public static let minimumPairs = 10

    /// Units with at least one score, in (competency, instrument) order.
    public var units: [Unit]
    /// Each two units with enough common participants and some spread on both.
    public var correlations: [Correlation]
    /// Exercises with evidence in practice, by competency ref.
    public var coverage: [Int: Int]

    public var convergent: Double? { mean(.convergent) }
    public var sameExercise: Double? { mean(.sameExercise) }
    public var discriminant: Double? { mean(.discriminant) }

    public func kind(of correlation: Correlation) -> Kind {
        if correlation.first.competency == correlation.second.competency { return .convergent }
        return correlation.first.instrument == correlation.second.instrument ? .sameExercise : .discriminant
    }

    /// The mean correlation of one kind; nil when there is none.
    public func mean(_ kind: Kind) -> Double? { Self.mean(correlations.filter { self.kind(of: $0) == kind }) }

    public init(_ participants: [(nip: String, ratings: [Rating])]) {
        // Each participant's mean per unit.
        var scores: [[Unit: Double]] = []
        for participant in participants {
            var sums: [Unit: (Double, Int)] = [:]
            for rating in participant.ratings {
                guard case .score(let value) = rating.value else { continue }
                let unit = Unit(competency: rating.competency, instrument: rating.instrument)
                let (sum, count) = sums[unit] ?? (0, 0)
                sums[unit] = (sum + value.doubleValue, count + 1)
            }
            scores.append(sums.mapValues { $0.0 / Double($0.1) })
        }
        let units = Array(Set(scores.flatMap(\.keys))).sorted()
        self.units = units
        var coverage: [Int: Int] = [:]
        for unit in units { coverage[unit.competency, default: 0] += 1 }
        self.coverage = coverage
        var correlations: [Correlation] = []
        for (i, first) in units.enumerated() {
            for second in units[(i + 1)...] {
                var sums = AssessorQuality.PairSums()
                for participant in scores {
                    if let a = participant[first], let b = participant[second] { sums.add(a, b) }
                }
                guard sums.n >= Self.minimumPairs, let r = sums.correlation else { continue }
                correlations.append(Correlation(first: first, second: second, r: r, participants: sums.n))
            }
        }
        self.correlations = correlations
    }

    static func mean(_ correlations: [Correlation]) -> Double? {
        correlations.isEmpty ? nil : correlations.reduce(0) { $0 + $1.r } / Double(correlations.count)
    }
}
