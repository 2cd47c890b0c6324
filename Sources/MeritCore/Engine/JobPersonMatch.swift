/// One competency of a position standard against a participant's level.
public struct CompetencyGap: Sendable, Hashable {
    /// The competency's ref.
    public var competency: Int
    public var group: CompetencyGroup
    public var required: Int
    /// Nil when the participant has no level for it (not assessed, or no evidence).
    public var level: Rational?
    public var isCritical: Bool

    public init(competency: Int, group: CompetencyGroup, required: Int, level: Rational?, isCritical: Bool) {
        self.competency = competency
        self.group = group
        self.required = required
        self.level = level
        self.isCritical = isCritical
    }

    /// `level − required`: negative below the standard. Nil without a level.
    public var gap: Rational? { level.map { $0 - Rational(required) } }

    /// A level below the standard (a missing level is not below: it is not known, see `isMissing`).
    public var isBelowStandard: Bool { gap.map { $0 < 0 } ?? false }

    /// No level: the competency was not assessed, or gave no evidence.
    public var isMissing: Bool { level == nil }
}

/// Job Person Match (Perban BKN 26/2019): how far a participant's levels meet a position's standard, in
/// percent. Kept exact: categories are decided on this value, never on a rounded float.
public struct JobPersonMatch: Sendable, Hashable {
    public var value: Rational
    /// Σ levels as counted (after a per-competency cap), for the sentence "… X dari total Y …".
    public var achieved: Rational
    /// Σ required levels of the competencies counted.
    public var required: Rational
    public var settings: JPMSettings
    /// The competencies counted (those with a level), of the standard's: a missing level never counts
    /// as a number, so a JPM over fewer than all of them is partial.
    public var covered: Int
    public var of: Int

    public var isPartial: Bool { covered < of }

    /// The value with the configured decimals: `81.25`, or `81,25` with a decimal comma.
    public func formatted(decimalSeparator: String = ".") -> String {
        value.formatted(places: settings.decimals, decimalSeparator: decimalSeparator)
    }

    /// JPM over `gaps` with the scoring settings, counting the competencies that have a level (a missing
    /// level is not a zero, nor the 3 a public system puts in its place: it is not known).
    public static func compute(_ all: [CompetencyGap], settings: JPMSettings) -> JobPersonMatch {
        let gaps = all.filter { !$0.isMissing }
        let counted = gaps.map { gap -> Rational in
            let level = gap.level!
            return settings.cap == .perCompetency ? Swift.min(level, Rational(gap.required)) : level
        }
        let achieved = counted.reduce(Rational.zero, +)
        let required = Rational(gaps.reduce(0) { $0 + $1.required })
        var value: Rational
        if settings.groupWeights.isEmpty {
            value = percent(counted, gaps, settings)
        } else {
            // Σ weight × JPM of the groups the position has, over the sum of those weights.
            var weighted: Rational = 0
            var weights: Rational = 0
            for entry in settings.groupWeights {
                let members = gaps.indices.filter { entry.groups.contains(gaps[$0].group) }
                guard !members.isEmpty else { continue }
                weighted += entry.weight * percent(members.map { counted[$0] }, members.map { gaps[$0] }, settings)
                weights += entry.weight
            }
            value = weights > 0 ? weighted / weights : 0
        }
        if settings.cap == .final100 { value = Swift.min(value, 100) }
        if let places = settings.percentDecimals { value = value.rounded(places: places) }
        return JobPersonMatch(value: value, achieved: achieved, required: required, settings: settings, covered: gaps.count, of: all.count)
    }

    private static func percent(_ counted: [Rational], _ gaps: [CompetencyGap], _ settings: JPMSettings) -> Rational {
        guard !gaps.isEmpty else { return 0 }
        switch settings.aggregation {
        case .sumRatio:
            let required = gaps.reduce(0) { $0 + $1.required }
            return required > 0 ? counted.reduce(Rational.zero, +) / Rational(required) * 100 : 0
        case .meanOfRatios:
            let ratios = zip(counted, gaps).map { pair -> Rational in
                let ratio = pair.1.required > 0 ? pair.0 / Rational(pair.1.required) : 0
                return settings.ratioDecimals.map { ratio.rounded(places: $0) } ?? ratio
            }
            return ratios.reduce(Rational.zero, +) / Rational(gaps.count) * 100
        }
    }
}

/// A category of one set (selection or mapping) for a JPM, with the cap that lowered it, if any.
public struct CategoryOutcome: Sendable, Hashable {
    public var set: String
    public var band: CategoryBand
    /// The band the JPM alone reached, when a critical gap capped it lower.
    public var cappedFrom: CategoryBand?

    public init(set: String, band: CategoryBand, cappedFrom: CategoryBand? = nil) {
        self.set = set
        self.band = band
        self.cappedFrom = cappedFrom
    }
}
