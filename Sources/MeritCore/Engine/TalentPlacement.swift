/// A participant's place on the 9-box grid (PermenPANRB 3/2020): potential band, performance band, box.
public struct TalentPlacement: Sendable, Hashable {
    /// Nil for an undecided result (no potential band, no box).
    public var potential: ScoreBand?
    /// Nil when the profile gives no performance (then there is no box).
    public var performance: ScoreBand?
    public var box: TalentBox?

    /// Potential from the JPM; performance from the SKP predikat, or from a numeric score when the
    /// performance bands have minimums.
    public static func place(jpm: Rational, performance: String?, settings: NineBoxSettings) -> TalentPlacement {
        let potential = settings.potentialBands.band(for: jpm)
        var performanceBand: ScoreBand?
        if let performance = performance?.trimmingSpaces, !performance.isEmpty {
            if let id = settings.performanceBand(predikat: performance) {
                performanceBand = settings.performanceBands.first { $0.id == id }
            } else if let score = Rational(decimal: performance), settings.performanceBands.contains(where: { $0.minimum != nil }) {
                performanceBand = settings.performanceBands.band(for: score)
            }
        }
        let box = performanceBand.flatMap { settings.box(potential: potential.id, performance: $0.id) }
        return TalentPlacement(potential: potential, performance: performanceBand, box: box)
    }
}
