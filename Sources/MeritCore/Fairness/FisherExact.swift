import Foundation

/// Fisher's exact test of a 2 × 2 table, two-sided as R's `fisher.test` and scipy's `fisher_exact`
/// compute it: the sum of the probabilities of every table with the same margins that is no more likely
/// than the one observed (with a relative tolerance of 1e-7 for ties). For small groups, where a rate's
/// difference may be chance.
public enum FisherExact {
    /// The p-value of `[[a, b], [c, d]]`.
    public static func twoSided(_ a: Int, _ b: Int, _ c: Int, _ d: Int) -> Double {
        let row = a + b
        let column = a + c
        let total = a + b + c + d
        guard total > 0 else { return 1 }
        let low = max(0, column - (total - row))
        let high = min(row, column)
        func logProbability(_ x: Int) -> Double {
            logChoose(row, x) + logChoose(total - row, column - x) - logChoose(total, column)
        }
        let observed = logProbability(a)
        var p = 0.0
        for x in low...high {
            let value = logProbability(x)
            // A probability at most (1 + 1e-7) times the observed one: log(1 + 1e-7) ≈ 1e-7.
            if value <= observed + 1e-7 { p += exp(value) }
        }
        return min(1, p)
    }

    private static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
