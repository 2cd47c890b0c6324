@testable import MeritCore
import Testing

/// Each merit-system evidence figure against a value worked out by hand on six employees.
@Suite struct MeritEvidenceTests {
    static let reference = CalendarDate(year: 2026, month: 6, day: 1)!

    /// kabid (a key position) and kasi (not key), both the test library's standard.
    static let library: Library = {
        var kabid = TestLibrary.position
        kabid.isKey = true
        var kasi = TestLibrary.position
        kasi.id = "kasi"
        return TestLibrary.library(positions: [kabid, kasi])
    }()

    static func plan(_ nip: String, jp: Int) -> DevelopmentPlan {
        let activity = PlannedActivity(
            activity: "x", title: "X", route: .klasikal, type: "pelatihan", jp: jp, quarter: 1, competency: "a", targetLevel: 3, reason: .gap)
        return DevelopmentPlan(nip: nip, position: "kabid", year: 2026, activities: jp > 0 ? [activity] : [], minimumJP: 20, strengths: [], actions: [])
    }

    /// e1 kabid, all 4, Sangat Baik, valid: MS, box 9, in the pool, ready now, a holder.
    /// e2 kabid, a (critical) 2 and the rest 3, valid: capped at MMS, box 8, in the pool, ready later, a holder.
    /// e3 holds a position with no standard: no match, no box; valid assessment.
    /// e4 kabid, never assessed. e5 kabid, all 4, undated: not valid, not in the pool.
    /// e6 kasi, all 4, Sangat Baik, valid: in kabid's pool, its one successor.
    static func evidence() -> MeritEvidence {
        let library = Self.library
        let assessed = CalendarDate(year: 2026, month: 3, day: 16)
        let four: [String: Rational] = ["a": 4, "b": 4, "c": 4, "t": 4]
        let cases: [(String, String, [String: Rational]?, String, CalendarDate?)] = [
            ("e1", "kabid", four, "Sangat Baik", assessed), ("e2", "kabid", ["a": 2, "b": 3, "c": 3, "t": 3], "Baik", assessed),
            ("e3", "pelaksana-lain", four, "Baik", assessed), ("e4", "kabid", nil, "Baik", nil), ("e5", "kabid", four, "Sangat Baik", nil),
            ("e6", "kasi", four, "Sangat Baik", assessed),
        ]
        let scorer = Scorer(library: library, referenceDate: reference)
        var employees: [PersonProfile] = []
        var results: [PersonResult] = []
        for (nip, position, levels, predikat, date) in cases {
            var profile = TestLibrary.profile(nip: nip, performance: predikat)
            profile.position = position
            employees.append(profile)
            guard let levels else { continue }
            let scored = TestLibrary.levels(library, levels, nip: nip, assessedOn: date)
            let match = library.positions[position].map { scorer.match(scored, profile: profile, position: $0) }
            results.append(PersonResult(evidence: ParticipantEvidence(nip: nip, battery: "bat"), profile: profile, levels: scored, match: match))
        }
        let plans = ["e1": plan("e1", jp: 24), "e2": plan("e2", jp: 12), "e5": plan("e5", jp: 0), "e6": plan("e6", jp: 20)]
        let pool = CandidatePool(scorer: scorer, candidates: results.map { ($0.levels, $0.profile) })
        let shortlists = pool.shortlists(library.keyPositions, top: MeritEvidence.poolLimit)
        let gaps = GapSummarizer(library: library).summarize(results, plans: plans, by: .competency)
        return MeritEvidence(
            library: library, employees: employees, results: results, plans: plans, shortlists: shortlists, gaps: gaps, referenceDate: reference)
    }

    @Test func everyFigureIsTheHandComputedOne() throws {
        let evidence = Self.evidence()
        // Positions held: kabid, kasi, pelaksana-lain; two have a standard.
        #expect(evidence.standards == .init(count: 2, of: 3))
        // Valid: e1, e2, e3, e6 of six employees (e4 unassessed, e5 undated).
        #expect(evidence.validProfiles == .init(count: 4, of: 6))
        // Assessed with a position: e1, e2, e5, e6; plans of 24 and 20 JP reach 20, 12 and 0 do not.
        #expect(evidence.plans == .init(count: 2, of: 4))
        #expect(evidence.plans.value == Rational(1, 2))
        let kabid = try #require(evidence.keyPositions.first)
        #expect(evidence.keyPositions.map(\.position) == ["kabid"])
        #expect(kabid.holders == 4)
        #expect(kabid.pool.map(\.nip).sorted() == ["e1", "e2", "e6"])
        #expect(kabid.pool.first { $0.nip == "e1" } == .init(nip: "e1", name: "Peserta", readyNow: true, isHolder: true))
        #expect(kabid.pool.first { $0.nip == "e2" }?.readyNow == false)
        #expect(kabid.readyNow == 2 && kabid.successors == 1 && kabid.needsSuccessors && !kabid.isTruncated)
        #expect(evidence.gaps.grouping == .competency)
    }
}
