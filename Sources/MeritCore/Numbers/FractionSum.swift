/// A sum of fractions over a running common denominator, not reduced until it is read: reducing after
/// every step (a greatest common divisor per addition and product) was most of the integrator's
/// arithmetic (perf, `merit movement` over 100,000 people × 3 years). Exact like `Rational`; once a step
/// does not fit in 64 bits, `overflowed` is set and the sum is not to be read (the caller recomputes
/// with `Rational`).
struct FractionSum {
    var numerator = 0
    /// Always positive.
    var denominator = 1
    var overflowed = false

    /// Adds `numerator / denominator` (a positive denominator).
    mutating func add(_ numerator: Int, over denominator: Int) {
        guard !overflowed else { return }
        if denominator == self.denominator {
            let (sum, overflow) = self.numerator.addingReportingOverflow(numerator)
            self.numerator = sum
            overflowed = overflow
            return
        }
        let (left, overflow1) = self.numerator.multipliedReportingOverflow(by: denominator)
        let (right, overflow2) = numerator.multipliedReportingOverflow(by: self.denominator)
        let (sum, overflow3) = left.addingReportingOverflow(right)
        let (common, overflow4) = self.denominator.multipliedReportingOverflow(by: denominator)
        self.numerator = sum
        self.denominator = common
        overflowed = overflow1 || overflow2 || overflow3 || overflow4
    }

    /// This sum over `other`, reduced; nil after an overflow of either or of the division, or when
    /// `other` is zero (the caller's `Rational` division then says so).
    func divided(by other: FractionSum) -> Rational? {
        guard !overflowed, !other.overflowed, other.numerator != 0 else { return nil }
        let (numerator, overflow1) = self.numerator.multipliedReportingOverflow(by: other.denominator)
        let (denominator, overflow2) = self.denominator.multipliedReportingOverflow(by: other.numerator)
        guard !overflow1, !overflow2 else { return nil }
        return Rational(numerator, denominator)
    }
}
