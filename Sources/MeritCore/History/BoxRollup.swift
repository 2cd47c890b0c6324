/// The 9-box of one period rolled up by unit, job level or the whole agency (issue 17): counts per box,
/// no names. A group of fewer people than the scoring's `minimum-group-size` is withheld whole (it is
/// counted in `withheldPeople`), and a box holding fewer than that many is shown as withheld, so that no
/// roll-up reveals one person's place (UU 27/2022 PDP).
public struct BoxRollup: Sendable {
    public enum Grouping: String, Sendable, CaseIterable {
        case unit
        case jobLevel = "job-level"
        case agency
    }

    public struct Group: Sendable, Hashable {
        public var key: String
        public var people: Int
        /// Index 0 for no box, 1–9 for the boxes; nil where withheld.
        public var counts: [Int?]
    }

    public var grouping: Grouping
    public var minimumGroupSize: Int
    public var groups: [Group]
    public var withheldGroups: Int
    public var withheldPeople: Int

    public init(_ assessments: some Sequence<Assessment>, by grouping: Grouping, minimumGroupSize: Int) {
        self.grouping = grouping
        self.minimumGroupSize = minimumGroupSize
        var tallies: [String: [Int]] = [:]
        for assessment in assessments {
            let key: String = switch grouping {
            case .unit: assessment.unit ?? ""
            case .jobLevel: assessment.jobLevel ?? ""
            case .agency: ""
            }
            let box = assessment.box.flatMap { (1...9).contains($0) ? $0 : nil } ?? 0
            tallies[key, default: Array(repeating: 0, count: 10)][box] += 1
        }
        var groups: [Group] = []
        var withheldGroups = 0
        var withheldPeople = 0
        for key in tallies.keys.sorted() {
            let counts = tallies[key]!
            let people = counts.reduce(0, +)
            guard people >= minimumGroupSize else {
                withheldGroups += 1
                withheldPeople += people
                continue
            }
            groups.append(Group(key: key, people: people, counts: counts.map { $0 == 0 || $0 >= minimumGroupSize ? $0 : nil }))
        }
        self.groups = groups
        self.withheldGroups = withheldGroups
        self.withheldPeople = withheldPeople
    }
}
