import MeritCore
import Testing

/// F quantiles and distribution function against scipy.stats.f (scipy 1.x), including fractional
/// degrees of freedom (Satterthwaite's, as ICC(2,1)'s interval has) and a very skewed case.
@Suite struct FDistributionTests {
    static let quantiles: [(p: Double, d1: Double, d2: Double, x: Double)] = [
        (0.975, 9, 2, 39.38688328255133), (0.975, 2, 9, 5.714705386383056), (0.975, 5, 15, 3.5764153492790607),
        (0.975, 15, 5, 6.427728167078779), (0.975, 4.37, 9, 4.620965760657934), (0.975, 99, 198, 1.3949748259916686),
        (0.025, 3, 7, 0.06837889693755993), (0.5, 1, 1, 1.0), (0.975, 1, 1, 647.7890114778442), (0.975, 1000, 3, 13.907512854645168),
    ]

    @Test func quantilesAgreeWithScipy() throws {
        for case let (p, d1, d2, x) in Self.quantiles {
            let got = try #require(FDistribution(numerator: d1, denominator: d2).quantile(p))
            #expect(abs(got - x) / x < 1e-12, "F(\(d1), \(d2)) at \(p): \(got), scipy \(x)")
        }
    }

    @Test func distributionFunctionAgreesWithScipy() {
        #expect(abs(FDistribution(numerator: 3, denominator: 7).cdf(2.5) - 0.8564905437210608) < 1e-13)
        #expect(abs(FDistribution(numerator: 9, denominator: 2).cdf(40) - 0.9753773944070786) < 1e-13)
        #expect(FDistribution(numerator: 3, denominator: 7).cdf(0) == 0)
    }

    @Test func outsideItsDomainThereIsNoQuantile() {
        #expect(FDistribution(numerator: 3, denominator: 7).quantile(0) == nil)
        #expect(FDistribution(numerator: 3, denominator: 7).quantile(1) == nil)
        #expect(FDistribution(numerator: 0, denominator: 7).quantile(0.5) == nil)
    }
}
