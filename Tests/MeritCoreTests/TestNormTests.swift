@testable import MeritCore
import Testing

/// z, T, percentile and stanine against a norm group, at the edges of its bands and its table.
@Suite struct TestNormTests {
    static let normal = TestNorm(
        test: "tes-potensi", group: "ASN pengawas", source: "publisher manual", year: 2024,
        distribution: .normal(mean: 30, standardDeviation: 8))
    static let table = TestNorm(
        test: "tes-potensi", group: "ASN administrator", source: "publisher table", year: 2023,
        distribution: .percentiles([
            .init(raw: 10, percentile: 1), .init(raw: 20, percentile: 4), .init(raw: 30, percentile: 40), .init(raw: 40, percentile: 96),
            .init(raw: 50, percentile: Rational(199, 2)), .init(raw: 60, percentile: 100),
        ]))

    /// Φ and Φ⁻¹ against scipy.stats.norm (1.17): cdf and ppf.
    @Test(arguments: [(1.0, 0.8413447460685429), (-1.96, 0.024997895148220435), (0.25, 0.5987063256829237), (2.5, 0.9937903346742238)])
    func normalDistributionFunction(z: Double, p: Double) {
        #expect(abs(TestNorm.normalCDF(z) - p) < 1e-15)
    }

    @Test(arguments: [(0.04, -1.75068607125217), (0.5, 0.0), (0.975, 1.959963984540054), (0.3, -0.5244005127080409)])
    func normalQuantile(p: Double, z: Double) {
        #expect(abs(TestNorm.normalQuantile(p) - z) < 1e-12)
    }

    static func raw(_ text: String) -> Rational { Rational(decimal: text)! }

    /// The mean is z 0, T 50, the 50th percentile, stanine 5; each half-SD band edge belongs to the band
    /// above, exactly (no float rounding at 32: z 0.25).
    @Test(arguments: [
        ("30", 5), ("32", 6), ("31.999", 5), ("28", 5), ("27.999", 4), ("24", 4), ("44", 9), ("43.999", 8), ("16", 2), ("15.999", 1), ("0", 1), ("60", 9),
    ])
    func stanineBandsOfANormalNorm(raw: String, stanine: Int) throws {
        let standing = try #require(Self.normal.standing(Self.raw(raw)))
        #expect(standing.stanine == stanine)
        #expect(Self.normal.exactScore(Self.raw(raw), on: .stanine) == Rational(stanine))
    }

    @Test func zTAndPercentileOfANormalNorm() throws {
        let mean = try #require(Self.normal.standing(30))
        #expect(mean.z == 0 && mean.t == 50 && mean.percentile == 50)
        let above = try #require(Self.normal.standing(38))
        #expect(above.z == 1 && above.t == 60 && abs(above.percentile - 84.13447460685429) < 1e-10)
        #expect(Self.normal.exactScore(34, on: .z) == Rational(1, 2) && Self.normal.exactScore(34, on: .t) == 55)
        // A normal norm's percentile goes through Φ: shown, never exact.
        #expect(Self.normal.exactScore(34, on: .percentile) == nil && !Self.normal.isExact(on: .percentile))
        let degenerate = TestNorm(test: "t", group: "g", source: "s", year: 2020, distribution: .normal(mean: 3, standardDeviation: 0))
        #expect(degenerate.standing(3) == nil)
    }

    /// Between points the percentile is interpolated; on a point it is the point's; outside the table the
    /// standing is undecided; at its 100th percentile the stanine is 9 but z and T are undecided.
    @Test func percentileTableEdges() throws {
        #expect(try #require(Self.table.standing(10)).percentile == 1)
        #expect(try #require(Self.table.standing(25)).percentile == 22)
        #expect(try #require(Self.table.standing(30)).percentile == 40)
        #expect(Self.table.exactScore(Self.raw("22.5"), on: .percentile) == 13)
        #expect(Self.table.standing(Self.raw("9.5")) == nil)
        #expect(Self.table.standing(61) == nil)
        let top = try #require(Self.table.standing(60))
        #expect(top.percentile == 100 && top.stanine == 9 && top.z == nil && top.t == nil)
        let middle = try #require(Self.table.standing(30))
        #expect(abs(try #require(middle.z) - (-0.2533471031357997)) < 1e-12)
        // A table's z and T go through Φ⁻¹: shown, never exact.
        #expect(Self.table.exactScore(30, on: .z) == nil && !Self.table.isExact(on: .t))
    }

    /// Percentile stanines: 4 % begins stanine 2, 96 % stanine 9; just under stays below.
    @Test(arguments: [("19.999", 1), ("20", 2), ("29.9", 4), ("30", 5), ("39.999", 8), ("40", 9), ("10", 1), ("50", 9)])
    func stanineBandsOfAPercentileTable(raw: String, stanine: Int) throws {
        #expect(try #require(Self.table.standing(Self.raw(raw))).stanine == stanine)
    }

    /// A conversion by stanine against the normal norm, compiled over raw 0–60: the bands' edges fall
    /// where the stanine edges do (stanine 3 begins at z −1.25, raw 20; 8 at z 1.25, raw 40).
    @Test func aNormConversionCompilesToARawTable() throws {
        let conversion = NormConversion(
            norm: "n", scale: .stanine,
            bands: [.init(minimum: 8, level: 5), .init(minimum: 6, level: 4), .init(minimum: 5, level: 3), .init(minimum: 3, level: 2), .init(minimum: nil, level: 1)])
        let table = try #require(conversion.table(over: RawScoreScale(min: 0, max: 60), norm: Self.normal))
        #expect(table == [
            ConversionBand(from: 0, to: 19, level: 1), ConversionBand(from: 20, to: 27, level: 2), ConversionBand(from: 28, to: 31, level: 3),
            ConversionBand(from: 32, to: 39, level: 4), ConversionBand(from: 40, to: 60, level: 5),
        ])
        // A table norm that does not reach the raw scale's ends places nothing there: no table.
        #expect(conversion.table(over: RawScoreScale(min: 0, max: 60), norm: Self.table) == nil)
    }
}
