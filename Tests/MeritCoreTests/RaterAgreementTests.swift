import Foundation
import MeritCore
import Testing

/// ICC, Krippendorff's alpha and pair agreement against independent implementations (pingouin and the
/// `krippendorff` package: Fixtures/agreement/expected.py made expected.json from the CSVs beside it).
@Suite struct RaterAgreementTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/agreement")
    static func json() -> [String: [String: Any]] {
        let data = try! Data(contentsOf: folder.appendingPathComponent("expected.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
    }
    /// The figures, by fixture and name.
    static let expected: [String: [String: Double]] = json().mapValues { $0.compactMapValues { ($0 as? NSNumber)?.doubleValue } }
    /// The 95 % intervals (`ICC2_ci95`: lower, upper), by fixture and name.
    static let intervals: [String: [String: [Double]]] = json().mapValues { figures in
        figures.compactMapValues { ($0 as? [NSNumber])?.map(\.doubleValue) }
    }

    /// A fixture: `target,rater,rating` with an empty rating for NE.
    static func table(_ name: String) throws -> RatingTable {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return RatingTable(rows.map { ($0[0], $0[1], Double($0[2])) })
    }

    static let complete = ["shrout-fleiss.csv", "negative.csv", "half-points.csv"]

    @Test(arguments: complete)
    func intraclassCorrelationsAgreeWithPingouin(fixture: String) throws {
        let want = try #require(Self.expected[fixture])
        let icc = try #require(IntraclassCorrelation(try Self.table(fixture)))
        let got = ["ICC1": icc.icc1, "ICC2": icc.icc2, "ICC3": icc.icc3, "ICC1k": icc.icc1k, "ICC2k": icc.icc2k, "ICC3k": icc.icc3k]
        for (name, value) in got {
            #expect(abs(value - want[name]!) < 1e-9, "\(fixture) \(name): \(value), pingouin \(want[name]!)")
        }
    }

    /// The intervals from F quantiles (`FDistribution`) agree with pingouin's, unrounded, to 1e-9; where
    /// pingouin's bounds are out of order (a k form under strong disagreement) there is no interval.
    @Test(arguments: complete)
    func confidenceIntervalsAgreeWithPingouin(fixture: String) throws {
        let want = try #require(Self.intervals[fixture])
        let icc = try #require(IntraclassCorrelation(try Self.table(fixture)))
        let forms: [(String, IntraclassCorrelation.Form)] = [
            ("ICC1", .icc1), ("ICC2", .icc2), ("ICC3", .icc3), ("ICC1k", .icc1k), ("ICC2k", .icc2k), ("ICC3k", .icc3k),
        ]
        for (name, form) in forms {
            let expected = try #require(want[name + "_ci95"])
            guard expected[0] <= expected[1] else {
                #expect(icc.interval(form) == nil, "\(fixture) \(name)")
                continue
            }
            let interval = try #require(icc.interval(form))
            #expect(abs(interval.lower - expected[0]) < 1e-9, "\(fixture) \(name) lower: \(interval.lower), pingouin \(expected[0])")
            #expect(abs(interval.upper - expected[1]) < 1e-9, "\(fixture) \(name) upper: \(interval.upper), pingouin \(expected[1])")
        }
    }

    @Test(arguments: complete + ["incomplete.csv"])
    func alphaAgreesWithTheKrippendorffPackage(fixture: String) throws {
        let want = try #require(Self.expected[fixture])
        let table = try Self.table(fixture)
        let interval = try #require(KrippendorffAlpha.alpha(table, metric: .interval))
        let ordinal = try #require(KrippendorffAlpha.alpha(table, metric: .ordinal))
        #expect(abs(interval - want["alpha_interval"]!) < 1e-9, "\(fixture) interval: \(interval)")
        #expect(abs(ordinal - want["alpha_ordinal"]!) < 1e-9, "\(fixture) ordinal: \(ordinal)")
    }

    @Test(arguments: complete + ["incomplete.csv"])
    func pairAgreementCountsEveryPairOfATarget(fixture: String) throws {
        let want = try #require(Self.expected[fixture])
        let agreement = PairAgreement(try Self.table(fixture))
        #expect(agreement.pairs == Int(want["pairs"]!))
        #expect(abs(agreement.exact! - want["exact"]!) < 1e-12)
        #expect(abs(agreement.withinOne! - want["within_one"]!) < 1e-12)
    }

    /// Two assessors who disagree more than chance: every ICC and alpha is negative, not clamped to 0.
    @Test func disagreementIsNegativeNotClamped() throws {
        let table = try Self.table("negative.csv")
        let icc = try #require(IntraclassCorrelation(table))
        #expect(icc.icc1 < 0 && icc.icc2 < 0 && icc.icc3 < 0 && icc.icc2k < -1)
        #expect(try #require(KrippendorffAlpha.alpha(table, metric: .interval)) < 0)
    }

    /// The documented rule for incomplete designs: the ICC uses only targets rated by every rater of the
    /// table (none in rotating pairs, so none is given); alpha pairs what it can; a lone rating pairs with
    /// nothing.
    @Test func incompleteDesigns() throws {
        let table = try Self.table("incomplete.csv")
        #expect(IntraclassCorrelation(table) == nil)
        // p06 (three assessors) alone is complete among a1–a3.
        let firstThree = RatingTable(
            targets: table.targets, raters: Array(table.raters.prefix(3)), values: table.values.map { Array($0.prefix(3)) })
        #expect(IntraclassCorrelation(firstThree) == nil)
        // Two complete targets are enough for an ICC of a pair.
        let pair = RatingTable([("p1", "a", 3), ("p1", "b", 3.5), ("p2", "a", 2), ("p2", "b", 2), ("p3", "a", 4), ("p3", "b", nil)])
        let icc = try #require(IntraclassCorrelation(pair))
        #expect(icc.targets == 2 && icc.raters == 2)
        let lone = RatingTable([("p1", "a", 3), ("p2", "b", 4), ("p3", "a", nil)])
        #expect(KrippendorffAlpha.alpha(lone, metric: .interval) == nil)
        #expect(PairAgreement(lone).pairs == 0 && PairAgreement(lone).exact == nil)
    }

    /// No variance: no figure, rather than 0 or NaN.
    @Test func identicalRatingsGiveNoFigure() {
        let same = RatingTable([("p1", "a", 3), ("p1", "b", 3), ("p2", "a", 3), ("p2", "b", 3)])
        #expect(IntraclassCorrelation(same) == nil)
        #expect(KrippendorffAlpha.alpha(same, metric: .ordinal) == nil)
        #expect(PairAgreement(same).exact == 1)
    }
}
