import Foundation

/// A norm group for a test (issue 16): who was tested, by whom and when, and how raw scores spread in
/// it, either as a mean and standard deviation or as a publisher's percentile table (a `norm` document
/// of the library). A raw score is read against the group as z, T (50 + 10 z), percentile and stanine.
///
/// Whatever can decide a level is computed exactly (`exactScore`): z and T of a normal norm, the
/// percentile of a table (linear between its points), and the stanine of either. What goes through the
/// normal curve (the percentile of a normal norm, z and T of a table) is shown, never used for a level.
public struct TestNorm: Sendable, Hashable {
    public enum Distribution: Sendable, Hashable {
        case normal(mean: Rational, standardDeviation: Rational)
        /// Raw scores ascending, each with the percentage of the group at or below it (non-decreasing).
        case percentiles([Point])
    }

    public struct Point: Sendable, Hashable {
        public var raw: Rational
        public var percentile: Rational

        public init(raw: Rational, percentile: Rational) {
            self.raw = raw
            self.percentile = percentile
        }
    }

    /// Where one raw score stands in the group. z and T are nil at a table's 0th or 100th percentile,
    /// which has no finite z.
    public struct Standing: Sendable, Hashable {
        public var z: Double?
        public var t: Double? { z.map { 50 + 10 * $0 } }
        public var percentile: Double
        /// 1–9.
        public var stanine: Int
    }

    public var id: String
    public var test: String
    public var group: String
    public var source: String
    public var year: Int
    public var distribution: Distribution

    public init(id: String = "", test: String, group: String, source: String, year: Int, distribution: Distribution) {
        self.id = id
        self.test = test
        self.group = group
        self.source = source
        self.year = year
        self.distribution = distribution
    }

    /// The standing of `raw`, or nil when the norm cannot place it: outside a percentile table, or a
    /// normal norm without spread.
    ///
    /// Stanines: from z for a normal norm, in half-SD bands centred on 0 (5 is −0.25 ≤ z < 0.25, 9 is
    /// z ≥ 1.75); from the percentile for a table, by the standard 4-7-12-17-20-17-12-7-4 % shares (1
    /// under 4 %, 2 under 11 %, …, 9 from 96 %). A score on a band's lower edge is in that band.
    public func standing(_ raw: Rational) -> Standing? {
        guard let stanine = exactScore(raw, on: .stanine).map({ $0.floor }) else { return nil }
        switch distribution {
        case .normal:
            let z = exactScore(raw, on: .z)!.doubleValue
            return Standing(z: z, percentile: 100 * Self.normalCDF(z), stanine: stanine)
        case .percentiles:
            let percentile = exactScore(raw, on: .percentile)!.doubleValue
            let z = percentile > 0 && percentile < 100 ? Self.normalQuantile(percentile / 100) : nil
            return Standing(z: z, percentile: percentile, stanine: stanine)
        }
    }

    /// `raw` on `scale`, exactly; nil when this norm cannot give it exactly (see the type's comment) or
    /// cannot place the score.
    public func exactScore(_ raw: Rational, on scale: NormScale) -> Rational? {
        switch distribution {
        case .normal(let mean, let deviation):
            guard deviation > 0 else { return nil }
            let z = (raw - mean) / deviation
            switch scale {
            case .z: return z
            case .t: return 50 + 10 * z
            case .stanine: return Rational(Swift.max(1, Swift.min(9, (2 * z + Rational(11, 2)).floor)))
            case .percentile: return nil
            }
        case .percentiles(let points):
            guard let percentile = Self.percentile(raw, in: points) else { return nil }
            switch scale {
            case .percentile: return percentile
            case .stanine: return Rational(1 + Self.stanineEdges.filter { percentile >= Rational($0) }.count)
            case .z, .t: return nil
            }
        }
    }

    /// Whether this norm gives `scale` exactly, as a level conversion needs.
    public func isExact(on scale: NormScale) -> Bool {
        switch (distribution, scale) {
        case (.normal, .percentile), (.percentiles, .z), (.percentiles, .t): false
        default: true
        }
    }

    /// Linear between the table's points; a raw score on a point has the point's percentile (the last
    /// of equal raw scores); nil outside the table.
    static func percentile(_ raw: Rational, in points: [Point]) -> Rational? {
        guard let first = points.first, let last = points.last, raw >= first.raw, raw <= last.raw else { return nil }
        if let exact = points.last(where: { $0.raw == raw }) { return exact.percentile }
        for (low, high) in zip(points, points.dropFirst()) where raw > low.raw && raw < high.raw {
            return low.percentile + (raw - low.raw) / (high.raw - low.raw) * (high.percentile - low.percentile)
        }
        return nil
    }

    /// Cumulative percentages where stanines 2–9 begin.
    static let stanineEdges = [4, 11, 23, 40, 60, 77, 89, 96]

    /// Φ(z), the standard normal distribution function.
    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    /// Φ⁻¹(p) for 0 < p < 1, by bisection to the last bit (Φ is increasing).
    static func normalQuantile(_ p: Double) -> Double {
        var low = -40.0
        var high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            guard middle != low, middle != high else { break }
            if normalCDF(middle) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}

/// The scales a raw score is read on against a norm.
public enum NormScale: String, Sendable, Hashable, CaseIterable {
    case z, t, percentile, stanine
}
