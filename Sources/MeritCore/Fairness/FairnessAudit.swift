/// Outcome rates by group (issue 17): the share of each group's people with an outcome (the top selection
/// band, the top mapping band, the top boxes of the 9-box, recommended for their own position), by sex
/// and age band read from the NIP (age at the assessment) and by job level.
///
/// Each group's rate over the highest shown group's rate is its impact ratio, flagged under the scoring's
/// `impact-ratio` (0.8: the four-fifths rule), with the counts behind it and Fisher's exact p-value of the
/// group against everyone else. Groups under `minimum-group-size` are withheld and are not the highest.
/// People whose result decides nothing for an outcome (an undecided result; no box) are left out of that
/// outcome's counts. A difference is a question to look into, not proof of bias.
public struct FairnessAudit: Sendable {
    public enum Outcome: String, Sendable, CaseIterable {
        case topSelection = "top-selection"
        case topMapping = "top-mapping"
        case topBoxes = "top-boxes"
        case recommended
    }

    public enum Grouping: String, Sendable, CaseIterable {
        case sex
        case age
        case jobLevel = "job-level"
    }

    public struct Row: Sendable, Hashable {
        public var outcome: Outcome
        public var grouping: Grouping
        public var group: String
        /// Nil where the group is withheld (fewer people than the minimum).
        public var people: Int?
        public var withOutcome: Int?
        public var rate: Double?
        public var impactRatio: Double?
        public var isFlagged: Bool
        public var fisherP: Double?
    }

    /// One person's groups and outcomes (nil: the result decides nothing for that outcome).
    public struct Person: Sendable, Hashable {
        public var sex: String
        public var ageBand: String
        public var jobLevel: String
        public var outcomes: [Outcome: Bool]

        public init(sex: String, ageBand: String, jobLevel: String, outcomes: [Outcome: Bool]) {
            self.sex = sex
            self.ageBand = ageBand
            self.jobLevel = jobLevel
            self.outcomes = outcomes
        }
    }

    public var rows: [Row]
    public var minimumGroupSize: Int
    /// People with a result that decides each outcome.
    public var decided: [Outcome: Int]

    public init(_ people: [Person], settings: FairnessSettings, minimumGroupSize: Int) {
        self.minimumGroupSize = minimumGroupSize
        var rows: [Row] = []
        var decided: [Outcome: Int] = [:]
        for outcome in Outcome.allCases {
            let counted = people.compactMap { person in person.outcomes[outcome].map { (person, $0) } }
            decided[outcome] = counted.count
            let all = counted.count
            let allWith = counted.filter(\.1).count
            for grouping in Grouping.allCases {
                var tallies: [String: (people: Int, with: Int)] = [:]
                for (person, has) in counted {
                    let key = switch grouping {
                    case .sex: person.sex
                    case .age: person.ageBand
                    case .jobLevel: person.jobLevel
                    }
                    tallies[key, default: (0, 0)].people += 1
                    if has { tallies[key]!.with += 1 }
                }
                // The highest rate among the shown groups, as counts: flags are decided on exact ratios.
                var best: (people: Int, with: Int)?
                for tally in tallies.values where tally.people >= minimumGroupSize {
                    if best.map({ tally.with * $0.people > $0.with * tally.people }) ?? true { best = tally }
                }
                let order = grouping == .age ? Self.ageBandOrder(settings.ageBands) : []
                for key in tallies.keys.sorted(by: { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }) {
                    let tally = tallies[key]!
                    guard tally.people >= minimumGroupSize else {
                        rows.append(Row(outcome: outcome, grouping: grouping, group: key, isFlagged: false))
                        continue
                    }
                    let rate = Double(tally.with) / Double(tally.people)
                    let ratio = best.flatMap { $0.with > 0 ? rate / (Double($0.with) / Double($0.people)) : nil }
                    // with ÷ people < ratio × best.with ÷ best.people, in integers.
                    let threshold = settings.impactRatio
                    let flagged = best.map { $0.with > 0 && tally.with * $0.people * threshold.denominator < threshold.numerator * $0.with * tally.people } ?? false
                    let p = FisherExact.twoSided(tally.with, tally.people - tally.with, allWith - tally.with, (all - tally.people) - (allWith - tally.with))
                    rows.append(
                        Row(
                            outcome: outcome, grouping: grouping, group: key, people: tally.people, withOutcome: tally.with, rate: rate,
                            impactRatio: ratio, isFlagged: flagged, fisherP: p))
                }
            }
        }
        self.rows = rows
        self.decided = decided
    }

    /// The age bands youngest first, then undated.
    static func ageBandOrder(_ bands: [Int]) -> [String] {
        guard let first = bands.first, let last = bands.last else { return [] }
        return ["<\(first)"] + zip(bands, bands.dropFirst()).map { "\($0)-\($1 - 1)" } + ["\(last)+", "undated"]
    }

    /// The age band of an age: `<30`, `30-39`, …, `50+` for bands [30, 40, 50].
    public static func ageBand(_ age: Int, bands: [Int]) -> String {
        guard let first = bands.first, age >= first else { return "<\(bands.first ?? 0)" }
        for (low, high) in zip(bands, bands.dropFirst()) where age >= low && age < high { return "\(low)-\(high - 1)" }
        return "\(bands.last!)+"
    }
}

extension FairnessAudit.Person {
    /// Sex and birth date from the NIP (digit 15: 1 male, 2 female; digits 1–8: birth date), the age at
    /// the assessment, the job level, and the outcomes the assessment decides.
    public init?(_ assessment: Assessment, library: Library) {
        guard case .success(let nip) = NIP.parse(assessment.nip) else { return nil }
        let settings = library.scoring.fairness
        sex = nip.sex == 1 ? "male" : nip.sex == 2 ? "female" : "unknown"
        if let day = assessment.assessedOn {
            let birth = nip.birthDate
            let age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day) ? 1 : 0)
            ageBand = FairnessAudit.ageBand(age, bands: settings.ageBands)
        } else {
            ageBand = "undated"
        }
        jobLevel = assessment.jobLevel ?? "unknown"
        let topSelection = library.scoring.categorySet("selection")?.bands.first?.id
        let topMapping = library.scoring.categorySet("mapping")?.bands.first?.id
        var outcomes: [FairnessAudit.Outcome: Bool] = [:]
        if let selection = assessment.selection {
            outcomes[.topSelection] = selection == topSelection
            outcomes[.recommended] = selection == topSelection && assessment.isQualified == true
        }
        if let mapping = assessment.mapping { outcomes[.topMapping] = mapping == topMapping }
        if let box = assessment.box { outcomes[.topBoxes] = settings.topBoxes.contains(box) }
        self.outcomes = outcomes
    }
}
