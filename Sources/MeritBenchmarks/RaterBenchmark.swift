import MeritCore
import MeritIO

/// Rater statistics of one large batch (`merit bench raters`, issue 16): a sample cohort's ratings in
/// memory, then the agreement report (every scope's ICC, alpha and pair agreement) and the assessors'
/// leniency, spread and halo, each timed.
public struct RaterBenchmark {
    public struct Result: Sendable, Codable {
        public var people: Int
        public var ratings: Int
        public var assessors: Int
        public var agreement: Timing
        public var assessorQuality: Timing
    }

    public let library: Library
    public var people: Int
    public var runs: Int

    public init(library: Library, people: Int = 100_000, runs: Int = 3) {
        self.library = library
        self.people = people
        self.runs = runs
    }

    public func run() -> Result {
        let cohort = CohortGenerator(library: library, seed: 1).generate(people: people)
        // The batch as `MeritStore.batchRatings` gives it: each participant's ratings with library refs.
        var byPerson: [String: [Rating]] = [:]
        for row in cohort.ratings {
            guard let competency = library.competencyRef(row.competency), let instrument = library.instrumentRef(row.instrument) else { continue }
            let value: RatingValue = row.rating == "NE" ? .noEvidence : .score(Rational(decimal: row.rating)!)
            byPerson[row.nip, default: []].append(Rating(competency: competency, instrument: instrument, assessor: row.assessor, value: value))
        }
        let participants = byPerson.keys.sorted().map { (nip: $0, ratings: byPerson[$0]!) }
        var scopes = 0
        let agreement = Timing.measure("agreement", runs: runs) { scopes = RaterReport(participants).rows.count }
        var assessors = 0
        let quality = Timing.measure("assessors", runs: runs) { assessors = AssessorQuality(participants).assessors.count }
        precondition(scopes > 1 && assessors > 1)
        return Result(people: people, ratings: cohort.ratings.count, assessors: assessors, agreement: agreement, assessorQuality: quality)
    }
}
