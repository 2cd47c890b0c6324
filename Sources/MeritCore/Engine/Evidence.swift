/// One assessor's rating of one competency in one exercise: a score on the instrument's scale, or
/// "no evidence" (the exercise showed nothing of the competency: left out, never a zero).
public enum RatingValue: Sendable, Hashable, CustomStringConvertible {
    case score(Rational)
    case noEvidence

    public var description: String {
        switch self {
        case .score(let value): value.description
        case .noEvidence: "NE"
        }
    }
}

/// A rating, its competency and instrument resolved to their places in the library (`Library.ref(…)`),
/// so the engine never looks up a string per rating.
public struct Rating: Sendable, Hashable {
    public var competency: Int
    public var instrument: Int
    public var assessor: String
    public var value: RatingValue

    public init(competency: Int, instrument: Int, assessor: String, value: RatingValue) {
        self.competency = competency
        self.instrument = instrument
        self.assessor = assessor
        self.value = value
    }
}

/// A raw test score.
public struct TestScore: Sendable, Hashable {
    public var instrument: Int
    public var raw: Rational

    public init(instrument: Int, raw: Rational) {
        self.instrument = instrument
        self.raw = raw
    }
}

/// A level agreed at the integration (wash-up) meeting: it replaces the computed level, which stays visible.
public struct AgreedLevel: Sendable, Hashable {
    public var competency: Int
    public var level: Rational
    public var note: String?

    public init(competency: Int, level: Rational, note: String? = nil) {
        self.competency = competency
        self.level = level
        self.note = note
    }
}

/// Everything one participant's assessment produced.
public struct ParticipantEvidence: Sendable, Hashable {
    public var nip: String
    /// The battery the assessment followed: its matrix weights the instruments.
    public var battery: String
    /// The day of the assessment (the latest, when several): its results expire after the validity period.
    public var assessedOn: CalendarDate?
    public var ratings: [Rating]
    public var tests: [TestScore]
    public var agreed: [AgreedLevel]

    public init(
        nip: String, battery: String, assessedOn: CalendarDate? = nil, ratings: [Rating] = [], tests: [TestScore] = [],
        agreed: [AgreedLevel] = []
    ) {
        self.nip = nip
        self.battery = battery
        self.assessedOn = assessedOn
        self.ratings = ratings
        self.tests = tests
        self.agreed = agreed
    }
}
