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
            .init(raw: 50, percentile: 99.5), .init(raw: 60, percentile: 100),
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

    /// The mean is z 0, T 50, the 50th percentile, stanine 5; each half-SD band edge belongs to the band above.
    @Test(arguments: [
        (30.0, 5), (32.0, 6), (31.999, 5), (28.0, 5), (27.999, 4), (24.0, 4), (44.0, 9), (43.999, 8), (16.0, 2), (15.999, 1), (0.0, 1), (60.0, 9),
    ])
    func stanineBandsOfANormalNorm(raw: Double, stanine: Int) throws {
        let standing = try #require(Self.normal.standing(raw))
        #expect(standing.stanine == stanine)
    }

    @Test func zTAndPercentileOfANormalNorm() throws {
        let mean = try #require(Self.normal.standing(30))
        #expect(mean.z == 0 && mean.t == 50 && mean.percentile == 50)
        let above = try #require(Self.normal.standing(38))
        #expect(above.z == 1 && above.t == 60 && abs(above.percentile - 84.13447460685429) < 1e-10)
        let degenerate = TestNorm(test: "t", group: "g", source: "s", year: 2020, distribution: .normal(mean: 3, standardDeviation: 0))
        #expect(degenerate.standing(3) == nil)
    }

    /// Between points the percentile is interpolated; on a point it is the point's; outside the table, or
    /// at its 100th percentile, the standing is undecided.
    @Test func percentileTableEdges() throws {
        #expect(try #require(Self.table.standing(10)).percentile == 1)
        #expect(try #require(Self.table.standing(25)).percentile == 22)
        #expect(try #require(Self.table.standing(30)).percentile == 40)
        #expect(Self.table.standing(9.5) == nil)
        #expect(Self.table.standing(60) == nil)
        #expect(Self.table.standing(61) == nil)
        #expect(abs(try #require(Self.table.standing(30)).z - (-0.2533471031357997)) < 1e-12)
    }

    /// Percentile stanines: 4 % begins stanine 2, 96 % stanine 9; just under stays below.
    @Test(arguments: [(19.999, 1), (20.0, 2), (29.9, 4), (30.0, 5), (39.999, 8), (40.0, 9), (10.0, 1), (50.0, 9)])
    func stanineBandsOfAPercentileTable(raw: Double, stanine: Int) throws {
        #expect(try #require(Self.table.standing(raw)).stanine == stanine)
    }
}
