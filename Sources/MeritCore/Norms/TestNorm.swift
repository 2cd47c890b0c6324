import Foundation

/// A norm group for a test (issue 16): who was tested, by whom and when, and how raw scores spread in
/// it, either as a mean and standard deviation or as a publisher's percentile table. A raw score is then
/// read against the group as z, T (50 + 10 z), percentile and stanine. A score outside a percentile
/// table's range is undecided, not the table's end: the table says nothing of it.
public struct TestNorm: Sendable, Hashable {
    public enum Distribution: Sendable, Hashable {
        case normal(mean: Double, standardDeviation: Double)
        /// Raw scores ascending, each with the percentage of the group at or below it (ascending).
        case percentiles([Point])
    }

    public struct Point: Sendable, Hashable {
        public var raw: Double
        public var percentile: Double

        public init(raw: Double, percentile: Double) {
            self.raw = raw
            self.percentile = percentile
        }
    }

    /// Where one raw score stands in the group.
    public struct Standing: Sendable, Hashable {
        public var z: Double
        public var t: Double { 50 + 10 * z }
        public var percentile: Double
        /// 1–9.
        public var stanine: Int
    }

    public var test: String
    public var group: String
    public var source: String
    public var year: Int
    public var distribution: Distribution

    public init(test: String, group: String, source: String, year: Int, distribution: Distribution) {
        self.test = test
        self.group = group
        self.source = source
        self.year = year
        self.distribution = distribution
    }

    /// The standing of `raw`, or nil when the norm cannot place it: outside a percentile table, or at a
    /// table's 0th or 100th percentile (no finite z).
    ///
    /// Stanines: from z for a normal norm, in half-SD bands centred on 0 (5 is −0.25 ≤ z < 0.25, 9 is
    /// z ≥ 1.75); from the percentile for a table, by the standard 4-7-12-17-20-17-12-7-4 % shares (1
    /// under 4 %, 2 under 11 %, …, 9 from 96 %). A score on a band's lower edge is in that band.
    public func standing(_ raw: Double) -> Standing? {
        switch distribution {
        case .normal(let mean, let deviation):
            guard deviation > 0 else { return nil }
            let z = (raw - mean) / deviation
            return Standing(z: z, percentile: 100 * Self.normalCDF(z), stanine: Int(max(1, min(9, (2 * z + 5.5).rounded(.down)))))
        case .percentiles(let points):
            guard let first = points.first, let last = points.last, raw >= first.raw, raw <= last.raw else { return nil }
            var percentile = last.percentile
            for (low, high) in zip(points, points.dropFirst()) where raw >= low.raw && raw <= high.raw {
                percentile = high.raw == low.raw ? high.percentile : low.percentile + (raw - low.raw) / (high.raw - low.raw) * (high.percentile - low.percentile)
                break
            }
            guard percentile > 0, percentile < 100 else { return nil }
            let stanine = 1 + Self.stanineEdges.filter { percentile >= $0 }.count
            return Standing(z: Self.normalQuantile(percentile / 100), percentile: percentile, stanine: stanine)
        }
    }

    /// Cumulative percentages where stanines 2–9 begin.
    static let stanineEdges: [Double] = [4, 11, 23, 40, 60, 77, 89, 96]

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
