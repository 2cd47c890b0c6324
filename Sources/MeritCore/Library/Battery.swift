/// How the evidence of several instruments becomes one integrated score.
public enum IntegrationRule: String, Sendable, Hashable, CaseIterable, Codable {
    case weightedMean = "weighted-mean"
    case median
}

/// How an integrated score becomes the final level.
public enum RoundingRule: String, Sendable, Hashable, CaseIterable, Codable {
    /// To the nearest integer, halves up: 2.5 → 3.
    case halfUp = "half-up"
    /// Down to the integer below: 2.9 → 2.
    case floor
    /// To the nearest half, quarters up: 2.74 → 2.5, 2.75 → 3.
    case nearestHalf = "nearest-half"
}

/// One cell of the method × competency matrix: this instrument measures this competency with this weight.
public struct BatteryMeasure: Sendable, Hashable {
    public var instrument: String
    public var weight: Rational

    public init(instrument: String, weight: Rational) {
        self.instrument = instrument
        self.weight = weight
    }
}

/// The design of one assessment: which instrument measures which competency and how it is integrated.
public struct Battery: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// Competency id → its instruments, in matrix order.
    public var measures: [String: [BatteryMeasure]]
    /// The competencies in the order the file lists them.
    public var competencyOrder: [String]
    public var integration: IntegrationRule
    public var rounding: RoundingRule
    /// Instruments with evidence a competency needs for a level that is not provisional (default 2).
    public var minMethods: Int
    /// Assessors of one instrument further apart than this are flagged for the integration meeting.
    public var disagreementThreshold: Rational

    public init(
        id: String, name: String, measures: [String: [BatteryMeasure]], competencyOrder: [String],
        integration: IntegrationRule = .weightedMean, rounding: RoundingRule = .halfUp, minMethods: Int = 2,
        disagreementThreshold: Rational = 1
    ) {
        self.id = id
        self.name = name
        self.measures = measures
        self.competencyOrder = competencyOrder
        self.integration = integration
        self.rounding = rounding
        self.minMethods = minMethods
        self.disagreementThreshold = disagreementThreshold
    }

    public func measures(_ competency: String) -> [BatteryMeasure] {
        measures[competency] ?? []
    }
}
