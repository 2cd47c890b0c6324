import MeritCore
import Testing

/// The fast ranking must give exactly the general ranking (`Shortlist.rank` over `Scorer` matches).
@Suite struct CandidatePoolTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 22)!

    static func randomPositions(_ generator: inout SeededGenerator, count: Int) -> [PositionStandard] {
        let ids = ["a", "b", "c", "t"]
        return (0..<count).map { index in
            let chosen = ids.filter { _ in Bool.random(using: &generator) }
            let required = (chosen.isEmpty ? ["a"] : chosen).map {
                RequiredCompetency(competency: $0, level: Int.random(in: 1...5, using: &generator), isCritical: Bool.random(using: &generator))
            }
            var qualifications = TestLibrary.position.qualifications
            if Bool.random(using: &generator) { qualifications.education = EducationRequirement(minimum: .d3) }
            if Bool.random(using: &generator) { qualifications.trainings = [] }
            return PositionStandard(
                id: "p\(index)", title: "P\(index)", unit: "U", jobLevel: "administrator", battery: "bat", required: required,
                qualifications: qualifications)
        }
    }

    static func randomCohort(_ library: Library, _ generator: inout SeededGenerator, count: Int, halves: Bool) -> [(levels: ParticipantLevels, profile: PersonProfile?)] {
        (0..<count).map { index in
            let nip = "19900101201503\(1000 + index)"
            var values: [String: Rational] = [:]
            for id in ["a", "b", "c", "t"] where Int.random(in: 0..<10, using: &generator) > 0 {
                values[id] = halves ? Rational(Int.random(in: 2...10, using: &generator), 2) : Rational(Int.random(in: 2...4, using: &generator))
            }
            let profile: PersonProfile? = Int.random(in: 0..<20, using: &generator) == 0 ? nil : TestLibrary.profile(
                nip: nip, education: [.d3, .s1, .s2].randomElement(using: &generator)!,
                field: ["Manajemen", "Hukum", nil].randomElement(using: &generator)!,
                rank: ["III/b", "III/d", "IV/a"].randomElement(using: &generator)!,
                trainings: [["PKA"], [], ["PKA", "Bimtek Merit"]].randomElement(using: &generator)!,
                years: Int.random(in: 0...6, using: &generator), jobLevel: ["pengawas", "administrator"].randomElement(using: &generator)!)
            return (TestLibrary.levels(library, values, nip: nip), profile)
        }
    }

    func agrees(jpm: JPMSettings, halves: Bool, seed: UInt64) {
        let library = TestLibrary.library(scoring: TestLibrary.scoring(jpm: jpm))
        let scorer = Scorer(library: library, referenceDate: Self.reference)
        var generator = SeededGenerator(seed: seed)
        let cohort = Self.randomCohort(library, &generator, count: 150, halves: halves)
        let positions = Self.randomPositions(&generator, count: 25)
        let pool = CandidatePool(scorer: scorer, candidates: cohort)
        let fast = pool.shortlists(positions, top: 10, threads: 2)
        for (position, entries) in zip(positions, fast) {
            let general = Shortlist.rank(cohort.map { scorer.match($0.levels, profile: $0.profile, position: position) }, top: 10)
            #expect(entries.map(\.match.nip) == general.map(\.match.nip), "position \(position.id)")
            #expect(entries.map(\.rank) == general.map(\.rank))
            #expect(entries.map(\.tied) == general.map(\.tied))
        }
    }

    @Test func agreesWithTheGeneralRanking() { agrees(jpm: JPMSettings(), halves: true, seed: 11) }

    @Test func agreesWithManyTies() { agrees(jpm: JPMSettings(), halves: false, seed: 12) }

    @Test func agreesWithCaps() {
        agrees(jpm: JPMSettings(cap: .perCompetency), halves: true, seed: 13)
        agrees(jpm: JPMSettings(cap: .final100), halves: true, seed: 14)
    }

    @Test func agreesOnTheGeneralPath() {
        agrees(jpm: JPMSettings(aggregation: .meanOfRatios), halves: true, seed: 15)
        agrees(
            jpm: JPMSettings(groupWeights: [GroupWeight(groups: [.teknis], weight: 40), GroupWeight(groups: [.manajerial, .sosialKultural], weight: 60)]),
            halves: true, seed: 16)
    }

    @Test func fitRanksPositionsForOnePerson() {
        let library = TestLibrary.library()
        let scorer = Scorer(library: library, referenceDate: Self.reference)
        var generator = SeededGenerator(seed: 17)
        let positions = Self.randomPositions(&generator, count: 8)
        let person = (levels: TestLibrary.levels(library, ["a": 3, "b": 3, "c": 3, "t": 3]), profile: Optional(TestLibrary.profile()))
        let pool = CandidatePool(scorer: scorer, candidates: [person])
        let fit = pool.fit(nip: person.levels.nip, positions: positions, top: 3)
        let general = Shortlist.rank(positions.map { scorer.match(person.levels, profile: person.profile, position: $0) }, top: 3)
        #expect(fit.map(\.match.position) == general.map(\.match.position))
        #expect(!fit.isEmpty)
        #expect(pool.fit(nip: "unknown", positions: positions, top: 3).isEmpty)
    }
}
