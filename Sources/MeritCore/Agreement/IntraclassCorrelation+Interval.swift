/// Confidence intervals of the ICCs (Shrout & Fleiss 1979, from F quantiles; for ICC(2,1) with
/// Satterthwaite's degrees of freedom, McGraw & Wong 1996), as pingouin computes them: with few targets
/// they are wide, which is the point of showing them. Never clamped, like the ICCs.
extension IntraclassCorrelation {
    public enum Form: Sendable, Hashable, CaseIterable {
        case icc1, icc2, icc3, icc1k, icc2k, icc3k
    }

    public struct Interval: Sendable, Hashable {
        public var lower: Double
        public var upper: Double
    }

    /// The two-sided interval of one form at `confidence` (0.95 by default); nil where the design has no
    /// such form (the two-way ones of a one-way design), the F quantiles are undefined, or the formulas
    /// give bounds out of order (with strong disagreement the k forms' transformation folds over: pingouin
    /// then prints a lower bound above the upper, which is no interval).
    public func interval(_ form: Form, confidence: Double = 0.95) -> Interval? {
        guard let found = formulas(form, confidence: confidence), found.lower <= found.upper else { return nil }
        return found
    }

    private func formulas(_ form: Form, confidence: Double) -> Interval? {
        let n = Double(targets)
        let k = Double(raters)
        let tail = 1 - (1 - confidence) / 2
        func f(_ d1: Double, _ d2: Double) -> Double? { FDistribution(numerator: d1, denominator: d2).quantile(tail) }
        let df1 = n - 1
        switch form {
        case .icc1, .icc1k:
            let df2 = n * (k - 1)
            guard let lowerF = f(df1, df2), let upperF = f(df2, df1), msw > 0 else { return nil }
            let fl = msr / msw / lowerF
            let fu = msr / msw * upperF
            if form == .icc1k { return Interval(lower: 1 - 1 / fl, upper: 1 - 1 / fu) }
            return Interval(lower: (fl - 1) / (fl + k - 1), upper: (fu - 1) / (fu + k - 1))
        case .icc3, .icc3k:
            let df2 = (n - 1) * (k - 1)
            guard mse.isFinite, mse > 0, let lowerF = f(df1, df2), let upperF = f(df2, df1) else { return nil }
            let fl = msr / mse / lowerF
            let fu = msr / mse * upperF
            if form == .icc3k { return Interval(lower: 1 - 1 / fl, upper: 1 - 1 / fu) }
            return Interval(lower: (fl - 1) / (fl + k - 1), upper: (fu - 1) / (fu + k - 1))
        case .icc2, .icc2k:
            guard mse.isFinite, msc.isFinite, mse > 0 else { return nil }
            let icc = icc2
            let fj = msc / mse
            let df2 = (n - 1) * (k - 1)
            let spread = n * (1 + (k - 1) * icc) - k * icc
            let v = df2 * (k * icc * fj + spread) * (k * icc * fj + spread) / (df1 * k * k * icc * icc * fj * fj + spread * spread)
            guard v.isFinite, v > 0, let upperF = f(df1, v), let lowerF = f(v, df1) else { return nil }
            let lower = n * (msr - upperF * mse) / (upperF * (k * msc + (k * n - k - n) * mse) + n * msr)
            let upper = n * (lowerF * msr - mse) / (k * msc + (k * n - k - n) * mse + n * lowerF * msr)
            if form == .icc2k { return Interval(lower: lower * k / (1 + lower * (k - 1)), upper: upper * k / (1 + upper * (k - 1))) }
            return Interval(lower: lower, upper: upper)
        }
    }
}
