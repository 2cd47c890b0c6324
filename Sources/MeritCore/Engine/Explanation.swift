/// The working behind a level: every rating, conversion, weight, rule and override that produced it.
public struct LevelWorking: Sendable, Hashable {
    public struct AssessorRating: Sendable, Hashable {
        public var assessor: String
        public var value: RatingValue
    }

    public struct InstrumentWorking: Sendable, Hashable {
        public var instrument: String
        public var weight: Rational
        /// Exercises: each assessor's rating (NE included, shown, not counted).
        public var ratings: [AssessorRating]
        /// Tests: the raw score and the level its conversion band gives.
        public var rawScore: Rational?
        public var convertedLevel: Int?
        /// The instrument's contribution: the mean of its assessors, or the converted level; nil without evidence.
        public var mean: Rational?
        /// Highest minus lowest rating of its assessors.
        public var spread: Rational?
    }

    public var competency: String
    public var instruments: [InstrumentWorking]
    public var integration: IntegrationRule
    public var rounding: RoundingRule
    public var minMethods: Int
    public var disagreementThreshold: Rational
    public var result: CompetencyLevel
    public var agreedNote: String?
}

/// The working behind a JPM: each competency's counted level against its standard, and the rules.
public struct JPMWorking: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var competency: String
        public var level: Rational?
        /// The level as it counts: 0 without a level, at most the standard with a per-competency cap.
        public var counted: Rational
        public var required: Int
    }

    public var terms: [Term]
    public var settings: JPMSettings
    public var jpm: JobPersonMatch
}

extension Integrator {
    /// How the level of one competency came about for one participant.
    public func explain(_ evidence: ParticipantEvidence, competency: Int) -> LevelWorking? {
        explain(evidence, competencies: [competency])[competency]
    }

    /// The working of several competencies, integrating the evidence once.
    public func explain(_ evidence: ParticipantEvidence, competencies: [Int]) -> [Int: LevelWorking] {
        let levels = levels(evidence)
        let cells = accumulate(evidence)
        var workings: [Int: LevelWorking] = [:]
        for competency in competencies {
            if let working = explain(evidence, competency: competency, levels: levels, cells: cells) { workings[competency] = working }
        }
        return workings
    }

    private func explain(_ evidence: ParticipantEvidence, competency: Int, levels: ParticipantLevels, cells: [Accumulator]) -> LevelWorking? {
        guard let result = levels.result(for: competency) else { return nil }
        var instruments: [LevelWorking.InstrumentWorking] = []
        if competency < rowOf.count, rowOf[competency] >= 0 {
            let row = rowOf[competency]
            for (index, slot) in slots[row].enumerated() {
                let cell = cells[slotOffset[row] + index]
                let ratings = evidence.ratings.filter { $0.competency == competency && $0.instrument == slot.instrument }
                    .map { LevelWorking.AssessorRating(assessor: $0.assessor, value: $0.value) }
                let test = evidence.tests.first { $0.instrument == slot.instrument }
                let converted = test.flatMap { score in slot.conversion?.first { $0.contains(score.raw) }?.level }
                instruments.append(
                    .init(
                        instrument: library.instrumentOrder[slot.instrument], weight: slot.weight, ratings: ratings,
                        rawScore: slot.conversion == nil ? nil : test?.raw, convertedLevel: converted, mean: cell.mean,
                        spread: cell.count > 1 ? cell.high - cell.low : nil))
            }
        }
        return LevelWorking(
            competency: library.competencyOrder[competency], instruments: instruments, integration: battery.integration,
            rounding: battery.rounding, minMethods: battery.minMethods, disagreementThreshold: battery.disagreementThreshold,
            result: result, agreedNote: evidence.agreed.first { $0.competency == competency }?.note)
    }
}

extension PositionMatch {
    /// The terms and rules behind this match's JPM.
    public func jpmWorking(library: Library) -> JPMWorking {
        let cap = jpm.settings.cap == .perCompetency
        let terms = gaps.map { gap in
            let level = gap.level ?? 0
            return JPMWorking.Term(
                competency: library.competencyOrder[gap.competency], level: gap.level,
                counted: cap ? Swift.min(level, Rational(gap.required)) : level, required: gap.required)
        }
        return JPMWorking(terms: terms, settings: jpm.settings, jpm: jpm)
    }
}
