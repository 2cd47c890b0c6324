/// An assessment method: an exercise rated by assessors, or a test scored and converted to a level.
public struct Instrument: Sendable, Hashable, Identifiable {
    public enum Method: Sendable, Hashable {
        case exercise(RatingScale)
        case test(RawScoreScale, conversion: [ConversionBand])
    }

    public var id: String
    public var name: String
    /// What kind of exercise or test: in-tray, lgd, role-play, presentation, case-analysis, interview, psychometric…
    public var type: String
    public var method: Method
    /// A test whose levels come from a norm group: the conversion as written (its raw-score table is
    /// in `method`).
    public var normConversion: NormConversion?

    public init(id: String, name: String, type: String, method: Method, normConversion: NormConversion? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.method = method
        self.normConversion = normConversion
    }

    public var isTest: Bool {
        if case .test = method { return true }
        return false
    }

    public var ratingScale: RatingScale? {
        if case .exercise(let scale) = method { return scale }
        return nil
    }
}

/// The scale assessors rate an exercise on: `1…5 step 0.5`, with a token for "no evidence".
public struct RatingScale: Sendable, Hashable {
    public var min: Rational
    public var max: Rational
    public var step: Rational
    /// What an assessor writes when the exercise gave no evidence of the competency (`NE`); never a zero.
    public var noEvidence: String

    public init(min: Rational, max: Rational, step: Rational, noEvidence: String = "NE") {
        self.min = min
        self.max = max
        self.step = step
        self.noEvidence = noEvidence
    }

    /// Whether a rating lies on the scale: within bounds and a whole number of steps from the minimum.
    public func contains(_ rating: Rational) -> Bool {
        guard rating >= min, rating <= max else { return false }
        return ((rating - min) / step).isInteger
    }
}

/// The raw-score range of a test, and its step (1: whole points).
public struct RawScoreScale: Sendable, Hashable {
    public var min: Rational
    public var max: Rational
    public var step: Rational

    public init(min: Rational, max: Rational, step: Rational = Rational(1)) {
        self.min = min
        self.max = max
        self.step = step
    }

    /// Within the range (whether the score is a whole number of steps is `isOnStep`).
    public func contains(_ score: Rational) -> Bool { score >= min && score <= max }

    /// A whole number of steps from the minimum: a test scored in whole points has no 27.5.
    public func isOnStep(_ score: Rational) -> Bool { ((score - min) / step).isInteger }
}

/// Raw scores `from…to` (both inclusive) convert to `level`.
public struct ConversionBand: Sendable, Hashable {
    public var from: Rational
    public var to: Rational
    public var level: Int

    public init(from: Rational, to: Rational, level: Int) {
        self.from = from
        self.to = to
        self.level = level
    }

    public func contains(_ score: Rational) -> Bool { score >= from && score <= to }
}
