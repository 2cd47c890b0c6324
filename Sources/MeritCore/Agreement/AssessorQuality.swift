/// How each assessor of a batch rates, against the co-assessors who saw the same people (issue 16):
///
/// - **leniency**: the mean of (their rating − the mean of the other assessors' ratings of the same
///   participant, competency and exercise), over the targets they shared. Above 0 lenient, below severe.
/// - **spread**: the standard deviation of their ratings ÷ that of all ratings of the batch. Well under 1
///   is range restriction (central tendency: everyone near the middle).
/// - **halo**: the mean Pearson correlation, within each exercise, between the competencies they rated
///   for the same participants (pairs of competencies with at least three participants and some spread).
///   Near 1, one overall impression is being given to every competency.
///
/// Fewer than `smallSample` shared targets mark an assessor's leniency as a small sample: one
/// participant's disagreement is then most of it.
public struct AssessorQuality: Sendable {
    public struct Assessor: Sendable, Hashable {
        public var code: String
        public var ratings: Int
        /// Targets shared with at least one other assessor, and the mean difference over them.
        public var sharedTargets: Int
        public var leniency: Double?
        public var standardDeviation: Double?
        public var spread: Double?
        /// The mean within-exercise correlation between competencies, and how many correlations it averages.
        public var halo: Double?
        public var haloCorrelations: Int

        public var isSmallSample: Bool { sharedTargets < AssessorQuality.smallSample }
    }

    public static let smallSample = 20

    public var assessors: [Assessor]

    public init(_ participants: [(nip: String, ratings: [Rating])]) {
        struct Target: Hashable {
            var person: Int
            var competency: Int
            var instrument: Int
        }
        var byTarget: [Target: [(assessor: String, value: Double)]] = [:]
        for (person, participant) in participants.enumerated() {
            for rating in participant.ratings {
                guard case .score(let value) = rating.value else { continue }
                byTarget[Target(person: person, competency: rating.competency, instrument: rating.instrument), default: []]
                    .append((rating.assessor, value.doubleValue))
            }
        }
        var own: [String: [Double]] = [:]
        var differences: [String: [Double]] = [:]
        // By assessor and instrument: each participant's ratings by competency, for halo.
        var profiles: [String: [Int: [Int: [Int: Double]]]] = [:]
        for (target, ratings) in byTarget {
            for (index, rating) in ratings.enumerated() {
                own[rating.assessor, default: []].append(rating.value)
                profiles[rating.assessor, default: [:]][target.instrument, default: [:]][target.person, default: [:]][target.competency] = rating.value
                let others = ratings.enumerated().filter { $0.offset != index }.map(\.element.value)
                guard !others.isEmpty else { continue }
                differences[rating.assessor, default: []].append(rating.value - others.reduce(0, +) / Double(others.count))
            }
        }
        let all = byTarget.values.flatMap { $0.map(\.value) }
        let batchDeviation = Self.standardDeviation(all)
        assessors = own.keys.sorted().map { code in
            let values = own[code]!
            let shared = differences[code] ?? []
            let deviation = Self.standardDeviation(values)
            let correlations = Self.haloCorrelations(profiles[code] ?? [:])
            return Assessor(
                code: code, ratings: values.count, sharedTargets: shared.count,
                leniency: shared.isEmpty ? nil : shared.reduce(0, +) / Double(shared.count), standardDeviation: deviation,
                spread: deviation.flatMap { own in batchDeviation.flatMap { $0 > 0 ? own / $0 : nil } },
                halo: correlations.isEmpty ? nil : correlations.reduce(0, +) / Double(correlations.count), haloCorrelations: correlations.count)
        }
    }

    /// Sample standard deviation (n − 1), or nil under two values.
    static func standardDeviation(_ values: [Double]) -> Double? {
        guard values.count >= 2 else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
    }

    /// Pearson correlations between each two competencies one assessor rated within one exercise.
    static func haloCorrelations(_ byInstrument: [Int: [Int: [Int: Double]]]) -> [Double] {
        var correlations: [Double] = []
        for people in byInstrument.values {
            let competencies = Array(Set(people.values.flatMap(\.keys))).sorted()
            for (i, first) in competencies.enumerated() {
                for second in competencies[(i + 1)...] {
                    let pairs = people.values.compactMap { ratings in ratings[first].flatMap { a in ratings[second].map { (a, $0) } } }
                    if pairs.count >= 3, let r = pearson(pairs) { correlations.append(r) }
                }
            }
        }
        return correlations
    }

    /// Nil when either side has no spread.
    static func pearson(_ pairs: [(Double, Double)]) -> Double? {
        let n = Double(pairs.count)
        let meanX = pairs.reduce(0) { $0 + $1.0 } / n
        let meanY = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (x, y) in pairs {
            sxy += (x - meanX) * (y - meanY)
            sxx += (x - meanX) * (x - meanX)
            syy += (y - meanY) * (y - meanY)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}
