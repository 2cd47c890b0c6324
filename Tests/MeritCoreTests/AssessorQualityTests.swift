import MeritCore
import Testing

/// Leniency, spread and halo on data small enough to check by hand.
@Suite struct AssessorQualityTests {
    static func rating(_ competency: Int, _ assessor: String, _ value: Int, instrument: Int = 0) -> Rating {
        Rating(competency: competency, instrument: instrument, assessor: assessor, value: .score(Rational(value, 1)))
    }

    /// A rates every shared target one point above B; C rates with B. Leniency: A +1 against B, and
    /// against the mean of B and C where all three rated; B and C below.
    @Test func leniencyIsTheMeanDifferenceFromCoAssessors() throws {
        let participants: [(nip: String, ratings: [Rating])] = [
            ("p1", [Self.rating(0, "A", 4), Self.rating(0, "B", 3)]),
            ("p2", [Self.rating(0, "A", 3), Self.rating(0, "B", 2)]),
            ("p3", [Self.rating(0, "A", 5), Self.rating(0, "B", 4), Self.rating(0, "C", 4)]),
            ("p4", [Self.rating(0, "B", 2), Self.rating(0, "C", 2)]),
            ("p5", [Self.rating(0, "C", 3), .init(competency: 0, instrument: 0, assessor: "A", value: .noEvidence)]),
        ]
        let quality = AssessorQuality(participants)
        let byCode = Dictionary(uniqueKeysWithValues: quality.assessors.map { ($0.code, $0) })
        // A: +1, +1, 5 − 4 = +1. B: −1, −1, (4 − 4.5), 0 → −2.5 / 4. C: (4 − 4.5), 0; p5 has no co-rating.
        #expect(byCode["A"]?.leniency == 1 && byCode["A"]?.sharedTargets == 3)
        #expect(byCode["B"]?.leniency == -0.625 && byCode["B"]?.sharedTargets == 4)
        #expect(byCode["C"]?.leniency == -0.25 && byCode["C"]?.sharedTargets == 2 && byCode["C"]?.ratings == 3)
        #expect(byCode["A"]!.isSmallSample)
    }

    /// An assessor who gives everyone the middle of the scale has no spread; one who rates every
    /// competency of a participant alike has a halo of 1.
    @Test func spreadAndHalo() throws {
        var participants: [(nip: String, ratings: [Rating])] = []
        for (index, level) in [1, 2, 3, 4, 5, 3].enumerated() {
            participants.append((
                "p\(index)",
                [
                    Self.rating(0, "halo", level), Self.rating(1, "halo", level), Self.rating(2, "halo", level),
                    Self.rating(0, "middle", 3), Self.rating(1, "middle", 3), Self.rating(2, "middle", 3),
                ]))
        }
        let quality = AssessorQuality(participants)
        let halo = try #require(quality.assessors.first { $0.code == "halo" })
        let middle = try #require(quality.assessors.first { $0.code == "middle" })
        #expect(halo.halo == 1 && halo.haloCorrelations == 3)
        #expect(middle.standardDeviation == 0 && middle.spread == 0 && middle.halo == nil)
        // Halo's 18 ratings (mean 3) have squares 30: variance 30 / 17; all 36 ratings 30 / 35.
        #expect(abs(try #require(halo.spread) - (35.0 / 17).squareRoot()) < 1e-12)
    }
}
