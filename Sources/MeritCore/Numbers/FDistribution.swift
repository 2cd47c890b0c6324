import Foundation

/// Snedecor's F distribution with (possibly fractional) degrees of freedom, for the confidence intervals
/// of intraclass correlations. The distribution function is the regularized incomplete beta function
/// (continued fraction, modified Lentz: Numerical Recipes §6.4); the quantile is found by bisection to the
/// last bit, the function being increasing. Checked against scipy.stats.f to 1e-12 (`FDistributionTests`).
public struct FDistribution: Sendable, Hashable {
    public var numerator: Double
    public var denominator: Double

    public init(numerator: Double, denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// P(F ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x.isFinite else { return 1 }
        // t = d1 x / (d1 x + d2) and 1 − t computed apart, so that neither loses digits near 1.
        let scaled = numerator * x
        let t = scaled / (scaled + denominator)
        let complement = denominator / (scaled + denominator)
        return Self.regularizedBeta(t, complement, numerator / 2, denominator / 2)
    }

    /// The x with P(F ≤ x) = p, for 0 < p < 1; nil outside, or for degrees of freedom that are not positive.
    public func quantile(_ p: Double) -> Double? {
        guard p > 0, p < 1, numerator > 0, denominator > 0, numerator.isFinite, denominator.isFinite else { return nil }
        var low = 0.0
        var high = 1.0
        while cdf(high) < p {
            low = high
            high *= 2
            if !high.isFinite { return nil }
        }
        for _ in 0..<2_000 {
            let middle = low + (high - low) / 2
            guard middle != low, middle != high else { break }
            if cdf(middle) < p { low = middle } else { high = middle }
        }
        return low + (high - low) / 2
    }

    /// I_x(a, b), with y = 1 − x given apart.
    static func regularizedBeta(_ x: Double, _ y: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(y))
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a, b) / a
        }
        return 1 - front * continuedFraction(y, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m)
            for aa in [m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))] {
                d = 1 + aa * d
                if abs(d) < tiny { d = tiny }
                c = 1 + aa / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                h *= d * c
            }
            if abs(d * c - 1) < 1e-16 { break }
        }
        return h
    }
}
