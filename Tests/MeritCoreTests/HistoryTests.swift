@testable import MeritCore
import Testing

/// Movement between two periods and roll-ups, on assessments written by hand.
@Suite struct HistoryTests {
    static func assessment(_ nip: String, _ batch: String, box: Int?, levels: AssessedLevels = [:], unit: String = "U") -> Assessment {
        var result = PersonResult(
            evidence: ParticipantEvidence(nip: nip, battery: "bat"), profile: nil,
            levels: ParticipantLevels(nip: nip, battery: "bat", assessedOn: nil, competencies: []), match: nil)
        result.profile = nil
        var assessment = Assessment(result, batch: batch)
        assessment.box = box
        assessment.levels = levels
        assessment.unit = unit
        return assessment
    }

    static let settings = TestLibrary.nineBox

    /// Levels kept in ref order whatever order they come in; setting nil removes one.
    @Test func assessedLevelsBehaveAsADictionaryInRefOrder() {
        var levels: AssessedLevels = [7: 3, 2: Rational(5, 2)]
        levels.append(9, 4)
        levels.append(1, 2)
        levels[5] = 3
        levels[7] = 4
        levels[2] = nil
        levels[8] = nil
        #expect(levels.keys == [1, 5, 7, 9])
        #expect(levels.map(\.value) == [2, 3, 4, 4])
        #expect(levels[7] == 4 && levels[2] == nil && levels[0] == nil && levels.count == 4)
        #expect(levels == AssessedLevels([9: 4, 1: 2, 7: 4, 5: 3]))
    }

    /// Five people in both periods, one only in each: the matrix holds the five (no box included), and
    /// the moves of two or more steps (2 → 9 is three, 1 → 5 two, 5 → 8 one) are listed largest first.
    @Test func theMatrixCountsEveryoneAssessedInBoth() throws {
        let history = CohortHistory(
            batches: ["a", "b"],
            assessments: [
                [
                    Self.assessment("p1", "a", box: 2, levels: [0: 2, 1: 3]), Self.assessment("p2", "a", box: 1, levels: [0: 3]),
                    Self.assessment("p3", "a", box: 5, levels: [0: 3]), Self.assessment("p4", "a", box: nil), Self.assessment("p5", "a", box: 7),
                    Self.assessment("gone", "a", box: 9),
                ],
                [
                    Self.assessment("p1", "b", box: 9, levels: [0: 3, 1: 3]), Self.assessment("p2", "b", box: 5, levels: [0: Rational(5, 2)]),
                    Self.assessment("p3", "b", box: 8, levels: [0: 3]), Self.assessment("p4", "b", box: 6), Self.assessment("p5", "b", box: nil),
                    Self.assessment("new", "b", box: 1),
                ],
            ])
        let movement = BoxMovement(from: "a", to: "b", history: history, settings: Self.settings)
        #expect(movement.both == 5 && movement.onlyFrom == 1 && movement.onlyTo == 1)
        #expect(movement.counts.joined().reduce(0, +) == 5)
        #expect(movement.counts[2][9] == 1 && movement.counts[1][5] == 1 && movement.counts[5][8] == 1)
        #expect(movement.counts[0][6] == 1 && movement.counts[7][0] == 1)
        #expect(movement.movers.map(\.nip) == ["p1", "p2"])
        #expect(movement.movers.map(\.steps) == [3, 2])
        // Competency 0: p1 up, p2 down, p3 same; competency 1: p1 same.
        let first = try #require(movement.competencies.first)
        #expect(first.competency == 0 && first.people == 3 && first.up == 1 && first.same == 1 && first.down == 1)
        #expect(first.meanChange == Rational(1, 2) / 3)
        #expect(movement.competencies[1].people == 1 && movement.competencies[1].same == 1)
    }

    /// A group of exactly the minimum is shown, one fewer is withheld whole; within a shown group a box
    /// under the minimum is withheld, a box at it shown.
    @Test func rollupsWithholdSmallGroupsAndBoxes() {
        let shown = (0..<5).map { Self.assessment("a\($0)", "b", box: 9, unit: "Lima") }
            + (0..<3).map { Self.assessment("b\($0)", "b", box: 8, unit: "Delapan") } + (0..<5).map { Self.assessment("c\($0)", "b", box: 2, unit: "Delapan") }
        let hidden = (0..<4).map { Self.assessment("d\($0)", "b", box: 5, unit: "Empat") }
        let rollup = BoxRollup(shown + hidden, by: .unit, minimumGroupSize: 5)
        #expect(rollup.groups.map(\.key) == ["Delapan", "Lima"])
        #expect(rollup.withheldGroups == 1 && rollup.withheldPeople == 4)
        let eight = rollup.groups[0]
        #expect(eight.people == 8 && eight.counts[8] == nil && eight.counts[2] == 5 && eight.counts[9] == 0)
        #expect(rollup.groups[1].counts[9] == 5)
        let agency = BoxRollup(shown + hidden, by: .agency, minimumGroupSize: 5)
        #expect(agency.groups.count == 1 && agency.groups[0].people == 17 && agency.groups[0].counts[5] == nil)
    }
}
