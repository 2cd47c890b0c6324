/// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"): 1 − observed
/// ÷ expected disagreement over the coincidences of values within targets. It takes incomplete designs as
/// they are: every target with two or more values counts, each of its m values paired with the other
/// m − 1 at weight 1 / (m − 1); a target with one value (one assessor, or the other's NE) pairs with
/// nothing and is left out. Never clamped: below 0 the raters disagree more than chance.
public enum KrippendorffAlpha {
    public enum Metric: String, Sendable, CaseIterable {
        /// Differences squared: levels as numbers on an interval scale.
        case interval
        /// Differences by rank: the number of values between two levels, as the cohort used them.
        case ordinal
    }

    /// Alpha, or nil when fewer than two values pair or every paired value is the same (no expected
    /// disagreement).
    public static func alpha(_ table: RatingTable, metric: Metric) -> Double? {
        let units = table.valuesByTarget.filter { $0.count >= 2 }
        let domain = Array(Set(units.flatMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: domain.enumerated().map { ($1, $0) })
        var coincidences = [Double](repeating: 0, count: domain.count * domain.count)
        for unit in units {
            let weight = 1 / Double(unit.count - 1)
            for (i, a) in unit.enumerated() {
                for (j, b) in unit.enumerated() where i != j { coincidences[index[a]! * domain.count + index[b]!] += weight }
            }
        }
        return alpha(coincidences: coincidences, domain: domain, metric: metric)
    }

    /// Alpha from coincidences o[c][k] (row-major, by place in `domain`, the values in ascending order).
    static func alpha(coincidences: [Double], domain: [Double], metric: Metric) -> Double? {
        let size = domain.count
        guard size >= 2 else { return nil }
        let totals = (0..<size).map { c in (0..<size).reduce(0) { $0 + coincidences[c * size + $1] } }
        let n = totals.reduce(0, +)
        let delta = distances(domain, totals: totals, metric: metric)
        var observed = 0.0
        var expected = 0.0
        for c in 0..<size {
            for k in 0..<size {
                observed += coincidences[c * size + k] * delta[c][k]
                expected += totals[c] * totals[k] * delta[c][k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }

    /// δ² between each two values of the domain.
    private static func distances(_ domain: [Double], totals: [Double], metric: Metric) -> [[Double]] {
        let size = domain.count
        var delta = [[Double]](repeating: [Double](repeating: 0, count: size), count: size)
        for c in 0..<size {
            for k in 0..<size where c != k {
                switch metric {
                case .interval:
                    delta[c][k] = (domain[c] - domain[k]) * (domain[c] - domain[k])
                case .ordinal:
                    let (low, high) = (min(c, k), max(c, k))
                    let between = totals[low...high].reduce(0, +) - (totals[c] + totals[k]) / 2
                    delta[c][k] = between * between
                }
            }
        }
        return delta
    }
}
