@testable import MeritCore
import Testing

/// The integration meeting: participants in panel order, reasons per competency, the list to discuss
/// first in its documented order, agreed competencies off it.
@Suite struct IntegrationMeetingTests {
    let library = TestLibrary.library()

    static let p1 = "199001012015031001"
    static let p2 = "199001012015031002"
    static let p3 = "199001012015031003"

    /// P1 (panel asr3, asr4): a far apart (2 vs 4), c on the half-up edge (2.5), t from the test alone.
    /// P2 (panel asr1, asr2): a below its critical standard, b far apart (3 vs 4.5), c from one method.
    /// P3 (panel asr1, asr2): a far apart but agreed at 3; everything else plain.
    func meeting(battery: Battery? = nil) -> IntegrationMeeting {
        let library = battery.map { TestLibrary.library(battery: $0) } ?? library
        let evidence = [
            TestLibrary.evidence(
                in: library, nip: Self.p1,
                ratings: [
                    ("a", "ex1", "asr3", "2"), ("a", "ex1", "asr4", "4"), ("a", "ex2", "asr3", "3"), ("b", "ex1", "asr3", "2.5"),
                    ("b", "ex1", "asr4", "2.5"), ("c", "ex1", "asr3", "3"), ("c", "ex2", "asr4", "2"),
                ], tests: [("tes", 10)]),
            TestLibrary.evidence(
                in: library, nip: Self.p2,
                ratings: [
                    ("a", "ex1", "asr1", "2"), ("a", "ex1", "asr2", "2"), ("a", "ex2", "asr1", "2"), ("a", "ex2", "asr2", "2"),
                    ("b", "ex1", "asr1", "3"), ("b", "ex1", "asr2", "4.5"), ("c", "ex1", "asr1", "3"), ("t", "ex2", "asr1", "3"),
                ], tests: [("tes", 10)]),
            TestLibrary.evidence(
                in: library, nip: Self.p3,
                ratings: [
                    ("a", "ex1", "asr1", "1"), ("a", "ex1", "asr2", "3"), ("a", "ex2", "asr1", "2"), ("b", "ex1", "asr1", "3"),
                    ("b", "ex1", "asr2", "3"), ("c", "ex1", "asr1", "3"), ("c", "ex2", "asr2", "3"), ("t", "ex2", "asr1", "3"),
                ], tests: [("tes", 12)], agreed: [("a", 3)]),
        ]
        let profiles = Dictionary(uniqueKeysWithValues: [Self.p1, Self.p2, Self.p3].map { ($0, TestLibrary.profile(nip: $0)) })
        let results = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 6, day: 1)!).score(evidence, profiles: profiles)
        return IntegrationMeeting(results, library: library)
    }

    func item(_ meeting: IntegrationMeeting, _ nip: String, _ competency: String) throws -> IntegrationMeeting.Item {
        let participant = try #require(meeting.participants.first { $0.nip == nip })
        return try #require(participant.items.first { $0.working.competency == competency })
    }

    @Test func participantsComeByPanelThenNIP() {
        let meeting = meeting()
        #expect(meeting.participants.map(\.nip) == [Self.p2, Self.p3, Self.p1])
        #expect(meeting.participants.map(\.panel) == [["asr1", "asr2"], ["asr1", "asr2"], ["asr3", "asr4"]])
        // Every competency of the battery, in its order.
        #expect(meeting.participants[0].items.map(\.working.competency) == ["a", "b", "c", "t"])
    }

    @Test func eachCompetencyCarriesItsReasons() throws {
        let meeting = meeting()
        #expect(try item(meeting, Self.p1, "a").reasons == [.disagreement])
        #expect(try item(meeting, Self.p1, "a").spread == 2)
        #expect(try item(meeting, Self.p1, "b").reasons == [])
        #expect(try item(meeting, Self.p1, "c").reasons == [.roundingEdge])
        #expect(try item(meeting, Self.p1, "c").working.result.integratedScore == Rational(5, 2))
        #expect(try item(meeting, Self.p1, "t").reasons == [.provisional])
        let critical = try item(meeting, Self.p2, "a")
        #expect(critical.reasons == [.criticalGap])
        #expect(critical.isCritical && critical.required == 3)
        #expect(try item(meeting, Self.p2, "b").reasons == [.disagreement])
        #expect(try item(meeting, Self.p2, "c").reasons == [.provisional])
        #expect(try item(meeting, Self.p2, "t").reasons == [])
        // Agreed: the reason stays visible, the competency is off the list.
        let agreed = try item(meeting, Self.p3, "a")
        #expect(agreed.reasons == [.disagreement] && agreed.discussionRank == nil)
        #expect(agreed.working.result.agreedLevel == 3)
    }

    /// Strongest reason first; between two disagreements the larger spread; then edge, critical gap,
    /// provisional. Ranks are 1-based and match the list.
    @Test func theListToDiscussFirstIsInItsDocumentedOrder() {
        let meeting = meeting()
        let listed = meeting.discussFirst.map { (meeting.participants[$0.participant].nip, meeting[$0].working.competency) }
        let expected = [(Self.p1, "a"), (Self.p2, "b"), (Self.p1, "c"), (Self.p2, "a"), (Self.p2, "c"), (Self.p1, "t")]
        #expect(listed.map(\.0) == expected.map(\.0))
        #expect(listed.map(\.1) == expected.map(\.1))
        #expect(meeting.discussFirst.map { meeting[$0].discussionRank } == Array(1...6))
        let unlisted = meeting.participants.flatMap(\.items).filter { $0.discussionRank == nil }
        #expect(unlisted.count == 12 - 6)
    }

    /// A competency with two reasons goes before one with only its strongest.
    @Test func moreReasonsComeFirstWithinTheStrongest() throws {
        // Under floor, P1's a (3 from 2, 4 and 3) is both far apart and on an edge (a whole number).
        let meeting = meeting(battery: TestLibrary.battery(rounding: .floor))
        #expect(try item(meeting, Self.p1, "a").reasons == [.disagreement, .roundingEdge])
        let first = try #require(meeting.discussFirst.first)
        #expect(meeting.participants[first.participant].nip == Self.p1 && meeting[first].working.competency == "a")
    }

    /// No evidence at all is the last reason, after a provisional level.
    @Test func noEvidenceComesLast() throws {
        let evidence = TestLibrary.evidence(in: library, ratings: [("a", "ex1", "asr1", "3"), ("a", "ex2", "asr1", "3"), ("c", "ex1", "asr1", "3")])
        let results = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 6, day: 1)!).score([evidence], profiles: [:])
        let meeting = IntegrationMeeting(results, library: library)
        let reasons = meeting.discussFirst.map { meeting[$0].reasons }
        let competencies = meeting.discussFirst.map { meeting[$0].working.competency }
        #expect(reasons == [[.provisional], [.noEvidence], [.noEvidence]])
        #expect(competencies == ["c", "b", "t"])
        // Without a position there is no standard and no critical gap.
        #expect(meeting.participants[0].items.allSatisfy { $0.required == nil && !$0.isCritical })
    }

    @Test func roundingEdgesFollowTheRule() {
        #expect(RoundingRule.halfUp.isEdge(Rational(5, 2)))
        #expect(!RoundingRule.halfUp.isEdge(3) && !RoundingRule.halfUp.isEdge(Rational(11, 4)))
        #expect(RoundingRule.floor.isEdge(3) && !RoundingRule.floor.isEdge(Rational(5, 2)))
        #expect(RoundingRule.nearestHalf.isEdge(Rational(9, 4)) && RoundingRule.nearestHalf.isEdge(Rational(11, 4)))
        #expect(!RoundingRule.nearestHalf.isEdge(Rational(5, 2)) && !RoundingRule.nearestHalf.isEdge(3))
    }

    /// On the scale's lowest level nothing lies below: under floor a score of 1 is no edge.
    @Test func theLowestLevelIsNoEdge() throws {
        let library = TestLibrary.library(battery: TestLibrary.battery(rounding: .floor))
        let evidence = TestLibrary.evidence(in: library, ratings: [("c", "ex1", "asr1", "1"), ("c", "ex2", "asr1", "1")])
        let results = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 6, day: 1)!).score([evidence], profiles: [:])
        let meeting = IntegrationMeeting(results, library: library)
        let c = try #require(meeting.participants.first?.items.first { $0.working.competency == "c" })
        #expect(c.working.result.integratedScore == 1)
        #expect(c.reasons == [])
    }
}
