/// Whether a result can be decided: every competency of the standard has a level (PermenPANRB 38/2017
/// assesses them all; DESIGN.md "Results that cannot be decided").
public enum Completeness: Sendable, Hashable {
    case complete
    /// Some required competencies have no level ("belum lengkap"): these, by ref.
    case incomplete(missing: [Int])
    /// None of them has a level ("tidak dapat dinilai").
    case notAssessable

    public var isComplete: Bool { self == .complete }

    /// The required competencies without a level.
    public func missing(in gaps: [CompetencyGap]) -> [Int] {
        switch self {
        case .complete: []
        case .incomplete(let missing): missing
        case .notAssessable: gaps.map(\.competency)
        }
    }

    static func of(_ gaps: [CompetencyGap]) -> Completeness {
        let missing = gaps.filter(\.isMissing).map(\.competency)
        if missing.isEmpty { return .complete }
        return missing.count == gaps.count ? .notAssessable : .incomplete(missing: missing)
    }
}

/// How strongly a participant is recommended for a position: qualified first, then by selection category.
/// An undecided result (incomplete, where the scoring does not allow partial results) has no category
/// and is not ranked.
public struct Recommendation: Sendable, Hashable, Comparable {
    public var isQualified: Bool
    /// The selection band (MS, MMS, KMS…), nil when the library has no `selection` set.
    public var selection: CategoryBand?
    /// The band's place in the selection set (0 best).
    public var selectionRank: Int

    /// Better recommendations sort first.
    public static func < (lhs: Recommendation, rhs: Recommendation) -> Bool {
        (lhs.isQualified ? 0 : 1, lhs.selectionRank) < (rhs.isQualified ? 0 : 1, rhs.selectionRank)
    }
}

/// Whether the assessment is still valid at the reference date: results are valid for the library's
/// period (3 years, Perban BKN 26/2019 Pasal 29(4)) from the day of the assessment.
public struct Validity: Sendable, Hashable {
    public var assessedOn: CalendarDate?
    /// The last day the results are valid (the day before the period's anniversary); nil without a date.
    public var validUntil: CalendarDate?
    public var referenceDate: CalendarDate
    /// The period, in years.
    public var years: Int

    public init(assessedOn: CalendarDate?, years: Int, referenceDate: CalendarDate) {
        self.assessedOn = assessedOn
        self.years = years
        self.referenceDate = referenceDate
        validUntil = assessedOn.map { $0.adding(years: years).adding(days: -1) }
    }

    public var isExpired: Bool { validUntil.map { referenceDate > $0 } ?? false }
    /// No assessment date is recorded: validity cannot be decided.
    public var isUndated: Bool { assessedOn == nil }
}

/// A participant against one position: gaps, JPM, categories, qualifications, 9-box, validity.
public struct PositionMatch: Sendable, Hashable {
    public var nip: String
    public var position: String
    /// In the standard's order.
    public var gaps: [CompetencyGap]
    public var jpm: JobPersonMatch
    public var categories: [CategoryOutcome]
    public var qualification: QualificationCheck
    public var talent: TalentPlacement
    public var validity: Validity
    public var recommendation: Recommendation
    public var completeness: Completeness
    /// Categories and a 9-box place are given: the result is complete, or the scoring allows partial ones.
    public var isDecided: Bool

    /// Critical competencies below the standard.
    public var criticalGapCount: Int { gaps.count { $0.isCritical && $0.isBelowStandard } }

    /// Σ of the shortfalls below the standard (a missing level counts its whole requirement).
    public var gapPoints: Rational {
        gaps.reduce(Rational.zero) { total, gap in
            guard gap.isBelowStandard else { return total }
            return total + (gap.gap.map { -$0 } ?? Rational(gap.required))
        }
    }

    public func category(_ set: String) -> CategoryOutcome? {
        categories.first { $0.set == set }
    }
}

/// Scores participants against positions: the pure core of DESIGN.md "Scoring" 3–8.
public struct Scorer: Sendable {
    public let library: Library
    /// The day results are judged at (validity).
    public let referenceDate: CalendarDate

    public init(library: Library, referenceDate: CalendarDate) {
        self.library = library
        self.referenceDate = referenceDate
    }

    public func match(_ levels: ParticipantLevels, profile: PersonProfile?, position: PositionStandard) -> PositionMatch {
        match(levels, profile: profile, position: position, requirements: library.requirements(of: position))
    }

    /// `match` with the position's requirements resolved by the caller (`Library.requirements`).
    func match(
        _ levels: ParticipantLevels, profile: PersonProfile?, position: PositionStandard, requirements: [Library.ResolvedRequirement]
    ) -> PositionMatch {
        let gaps = requirements.map { required in
            CompetencyGap(
                competency: required.competency, group: required.group, required: required.required,
                level: levels.level(for: required.competency), isCritical: required.isCritical)
        }
        let jpm = JobPersonMatch.compute(gaps, settings: library.scoring.jpm)
        let completeness = Completeness.of(gaps)
        let decided = completeness == .complete || (completeness != .notAssessable && library.scoring.allowsPartialResults)
        let criticalGap = gaps.contains { $0.isCritical && $0.isBelowStandard }
        let categories = !decided ? [] : library.scoring.categorySets.map { set -> CategoryOutcome in
            let band = set.band(for: jpm.value)
            if set.id == "selection", criticalGap, let capID = library.scoring.criticalGapCap,
                let cap = set.bands.firstIndex(where: { $0.id == capID }),
                let reached = set.bands.firstIndex(where: { $0.id == band.id }), reached < cap
            {
                return CategoryOutcome(set: set.id, band: set.bands[cap], cappedFrom: band)
            }
            return CategoryOutcome(set: set.id, band: band)
        }
        let qualification = QualificationCheck.check(profile, against: position.qualifications, jobLevels: library.jobLevels)
        let talent = decided
            ? TalentPlacement.place(jpm: jpm.value, performance: profile?.performance, settings: library.scoring.nineBox)
            : TalentPlacement(potential: nil, performance: nil, box: nil)
        let selection = categories.first { $0.set == "selection" }
        let selectionRank = selection.flatMap { outcome in
            library.scoring.categorySet("selection")?.bands.firstIndex { $0.id == outcome.band.id }
        } ?? Int.max
        return PositionMatch(
            nip: levels.nip, position: position.id, gaps: gaps, jpm: jpm, categories: categories,
            qualification: qualification, talent: talent,
            validity: Validity(assessedOn: levels.assessedOn, years: library.scoring.validityYears, referenceDate: referenceDate),
            recommendation: Recommendation(
                isQualified: qualification.isQualified, selection: selection?.band, selectionRank: selectionRank),
            completeness: completeness, isDecided: decided)
    }
}
