@testable import MeritCore
import Testing

/// The fairness audit on planted differences, Fisher's exact test against scipy, age from the NIP.
@Suite struct FairnessTests {
    /// Fisher's exact test against scipy.stats.fisher_exact (two-sided), ties included.
    @Test(arguments: [
        ([3, 1, 1, 3], 0.48571428571428565), ([1, 9, 11, 3], 0.0027594561852200836), ([0, 5, 5, 0], 0.007936507936507938),
        ([10, 10, 10, 10], 1.0), ([2, 30, 15, 40], 0.02340794648309248), ([7, 3, 0, 0], 1.0), ([12, 88, 30, 70], 0.002866560763284443),
        ([8, 32, 20, 20], 0.00931061072179976),
    ])
    func fisherAgreesWithScipy(table: [Int], p: Double) {
        #expect(abs(FisherExact.twoSided(table[0], table[1], table[2], table[3]) - p) < 1e-12)
    }

    static func people(_ sex: String, _ count: Int, top: Int, jobLevel: String = "administrator") -> [FairnessAudit.Person] {
        (0..<count).map { index in
            FairnessAudit.Person(sex: sex, ageBand: "30-39", jobLevel: jobLevel, outcomes: [.topSelection: index < top])
        }
    }

    /// Women 20 of 40 in the top band, men 8 of 40: the men's ratio is 0.4, flagged, with scipy's p.
    @Test func aPlantedDifferenceIsFlagged() throws {
        let audit = FairnessAudit(Self.people("female", 40, top: 20) + Self.people("male", 40, top: 8), settings: FairnessSettings(), minimumGroupSize: 5)
        let rows = audit.rows.filter { $0.outcome == .topSelection && $0.grouping == .sex }
        let female = try #require(rows.first { $0.group == "female" })
        let male = try #require(rows.first { $0.group == "male" })
        #expect(female.rate == 0.5 && female.impactRatio == 1 && !female.isFlagged)
        #expect(male.people == 40 && male.withOutcome == 8 && male.rate == 0.2)
        #expect(abs(try #require(male.impactRatio) - 0.4) < 1e-15 && male.isFlagged)
        #expect(abs(try #require(male.fisherP) - 0.00931061072179976) < 1e-12)
        // An outcome nobody's result decides has no rows with people.
        #expect(audit.rows.filter { $0.outcome == .topBoxes }.isEmpty && audit.decided[.topBoxes] == 0)
    }

    /// Equal rates: no flag. A ratio of exactly 0.8 is not under it.
    @Test func noDifferenceNoFlag() {
        let equal = FairnessAudit(Self.people("female", 30, top: 12) + Self.people("male", 50, top: 20), settings: FairnessSettings(), minimumGroupSize: 5)
        #expect(equal.rows.allSatisfy { !$0.isFlagged })
        let edge = FairnessAudit(Self.people("female", 10, top: 5) + Self.people("male", 10, top: 4), settings: FairnessSettings(), minimumGroupSize: 5)
        #expect(edge.rows.first { $0.group == "male" }?.impactRatio == 0.8)
        #expect(edge.rows.allSatisfy { !$0.isFlagged })
    }

    /// A group of exactly the minimum is shown; one fewer is withheld and is not the highest, however
    /// high its rate.
    @Test func suppressionAtTheThreshold() throws {
        let people = Self.people("female", 5, top: 1, jobLevel: "pengawas") + Self.people("male", 4, top: 4, jobLevel: "jpt") + Self.people("male", 20, top: 2)
        let audit = FairnessAudit(people, settings: FairnessSettings(), minimumGroupSize: 5)
        let levels = audit.rows.filter { $0.outcome == .topSelection && $0.grouping == .jobLevel }
        let small = try #require(levels.first { $0.group == "jpt" })
        #expect(small.people == nil && small.rate == nil && small.fisherP == nil && !small.isFlagged)
        let five = try #require(levels.first { $0.group == "pengawas" })
        #expect(five.people == 5 && five.rate == 0.2 && five.impactRatio == 1)
        let rest = try #require(levels.first { $0.group == "administrator" })
        #expect(abs(try #require(rest.impactRatio) - 0.5) < 1e-15 && rest.isFlagged)
    }

    /// Age at the assessment from the NIP's birth date: the day before the 30th birthday is under 30.
    @Test func ageBandsFromTheNIP() throws {
        var assessment = HistoryTests.assessment("199603162020011001", "b", box: 8)
        assessment.assessedOn = CalendarDate(year: 2026, month: 3, day: 15)
        let library = TestLibrary.library()
        #expect(try #require(FairnessAudit.Person(assessment, library: library)).ageBand == "<30")
        assessment.assessedOn = CalendarDate(year: 2026, month: 3, day: 16)
        let person = try #require(FairnessAudit.Person(assessment, library: library))
        #expect(person.ageBand == "30-39" && person.sex == "male")
        #expect(person.outcomes == [.topBoxes: true])
        #expect(FairnessAudit.ageBand(50, bands: [30, 40, 50]) == "50+" && FairnessAudit.ageBand(49, bands: [30, 40, 50]) == "40-49")
    }
}
