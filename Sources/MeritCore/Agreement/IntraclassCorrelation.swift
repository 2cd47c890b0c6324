/// The intraclass correlations of Shrout & Fleiss (1979) from the two-way ANOVA of a targets × raters
/// table, never clamped: a negative ICC says the raters disagree more than chance, and is shown so.
///
/// The headline is ICC(2,1) (absolute agreement, raters a random sample of possible raters): it answers
/// "would another trained assessor give this participant the same rating", which is what a promotion
/// rests on. ICC(3,1) (consistency, these raters only) ignores a rater who is uniformly more lenient;
/// ICC(1,1) does not separate raters from error at all. The `k` forms are the reliability of the mean of
/// the k raters, as the integrated score is.
///
/// The ANOVA needs a crossed design: only targets with a value from every rater of the table count (a
/// real event's rotating pairs give one table per pair of assessors, see `RaterAgreement`); with fewer
/// than two such targets or two raters, or no variance between targets, there is no ICC.
public struct IntraclassCorrelation: Sendable, Hashable {
    /// Targets used (those rated by every rater), and raters.
    public var targets: Int
    public var raters: Int
    /// Mean squares: between targets (rows), within targets, between raters (columns), residual.
    public var msr: Double
    public var msw: Double
    public var msc: Double
    public var mse: Double

    public var icc1: Double { (msr - msw) / (msr + k1 * msw) }
    public var icc2: Double { (msr - mse) / (msr + k1 * mse + k * (msc - mse) / n) }
    public var icc3: Double { (msr - mse) / (msr + k1 * mse) }
    public var icc1k: Double { (msr - msw) / msr }
    public var icc2k: Double { (msr - mse) / (msr + (msc - mse) / n) }
    public var icc3k: Double { (msr - mse) / msr }

    private var n: Double { Double(targets) }
    private var k: Double { Double(raters) }
    private var k1: Double { Double(raters - 1) }

    /// ICC(1,1) and ICC(1,k) only, from the sums of squares between and within `targets` rows of `raters`
    /// values each (a design without a rater factor); `msc` and `mse`, and so the two-way forms, are NaN.
    init?(oneWayTargets targets: Int, raters: Int, betweenRows: Double, withinRows: Double) {
        guard targets >= 2, raters >= 2 else { return nil }
        self.targets = targets
        self.raters = raters
        msr = betweenRows / Double(targets - 1)
        msw = withinRows / Double(targets * (raters - 1))
        msc = .nan
        mse = .nan
        guard msr > 0 else { return nil }
    }

    /// The ICCs of the complete rows of `table`, or nil when they cannot be computed.
    public init?(_ table: RatingTable) {
        let rows = table.values.compactMap { row -> [Double]? in
            let values = row.compactMap { $0 }
            return values.count == row.count ? values : nil
        }
        let n = rows.count
        let k = table.raters.count
        guard n >= 2, k >= 2 else { return nil }
        let all = rows.flatMap { $0 }
        let grand = all.reduce(0, +) / Double(all.count)
        let rowMeans = rows.map { $0.reduce(0, +) / Double(k) }
        let columnMeans = (0..<k).map { column in rows.reduce(0) { $0 + $1[column] } / Double(n) }
        let total = all.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let betweenRows = Double(k) * rowMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let betweenColumns = Double(n) * columnMeans.reduce(0) { $0 + ($1 - grand) * ($1 - grand) }
        let residual = total - betweenRows - betweenColumns
        targets = n
        raters = k
        msr = betweenRows / Double(n - 1)
        msw = (total - betweenRows) / Double(n * (k - 1))
        msc = betweenColumns / Double(k - 1)
        mse = residual / Double((n - 1) * (k - 1))
        // No variance between targets: the k forms divide by it, and there is nothing to attribute.
        guard msr > 0 else { return nil }
    }
}
