/// What a competency's level rests on, and what the integration meeting should look at.
public struct CompetencyFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// Fewer instruments with evidence than the battery's `min-methods`: the level is provisional.
    public static let provisional = CompetencyFlags(rawValue: 1)
    /// Assessors of one instrument further apart than the threshold: discuss at the integration meeting.
    public static let disagreement = CompetencyFlags(rawValue: 2)
    /// No instrument gave evidence: no computed level.
    public static let noEvidence = CompetencyFlags(rawValue: 4)
    /// A level agreed at the integration meeting replaces the computed one.
    public static let agreed = CompetencyFlags(rawValue: 8)
}

/// One competency of one participant: the integrated score, the level it rounds to, an agreed level if the
/// integration meeting set one, and flags.
public struct CompetencyLevel: Sendable, Hashable {
    /// The competency's ref (`Library.competencyOrder` index).
    public var competency: Int
    public var integratedScore: Rational?
    public var computedLevel: Rational?
    public var agreedLevel: Rational?
    /// Instruments that gave evidence.
    public var methodsWithEvidence: Int
    public var flags: CompetencyFlags

    public init(
        competency: Int, integratedScore: Rational?, computedLevel: Rational?, agreedLevel: Rational? = nil,
        methodsWithEvidence: Int, flags: CompetencyFlags
    ) {
        self.competency = competency
        self.integratedScore = integratedScore
        self.computedLevel = computedLevel
        self.agreedLevel = agreedLevel
        self.methodsWithEvidence = methodsWithEvidence
        self.flags = flags
    }

    /// The level that counts: the agreed one when there is one, else the computed one.
    public var level: Rational? { agreedLevel ?? computedLevel }
}

/// A participant's levels, in the battery's order.
public struct ParticipantLevels: Sendable, Hashable {
    public var nip: String
    public var battery: String
    public var assessedOn: CalendarDate?
    public var competencies: [CompetencyLevel]

    public init(nip: String, battery: String, assessedOn: CalendarDate?, competencies: [CompetencyLevel]) {
        self.nip = nip
        self.battery = battery
        self.assessedOn = assessedOn
        self.competencies = competencies
    }

    public func result(for competency: Int) -> CompetencyLevel? {
        competencies.first { $0.competency == competency }
    }

    public func level(for competency: Int) -> Rational? {
        result(for: competency)?.level
    }
}

extension RoundingRule {
    /// The final level of an integrated score.
    public func apply(_ score: Rational) -> Rational {
        switch self {
        case .halfUp: Rational(score.roundedHalfUp)
        case .floor: Rational(score.floor)
        case .nearestHalf: Rational((score * 2).roundedHalfUp, 2)
        }
    }
}
