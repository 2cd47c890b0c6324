/// How people moved on the 9-box grid between two periods (issue 17): from box × to box counts, with
/// "no box" as a row and a column of its own (an undecided result, or no SKP), so that the counts add up
/// to everyone assessed in both periods; who moved two or more boxes; and each competency's level changes.
///
/// Two boxes are as many steps apart as their potential bands plus their performance bands (moving from
/// box 5 to box 9 is one step up and one to the right: two steps).
public struct BoxMovement: Sendable {
    public struct Mover: Sendable, Hashable {
        public var nip: String
        public var from: Int
        public var to: Int
        public var steps: Int
    }

    public struct CompetencyChange: Sendable, Hashable {
        /// Competency ref.
        public var competency: Int
        /// People with a level for it in both periods.
        public var people: Int
        public var up: Int
        public var same: Int
        public var down: Int
        /// Mean of the level changes.
        public var meanChange: Rational
    }

    public var from: String
    public var to: String
    /// `counts[from][to]`, index 0 for no box and 1–9 for the boxes.
    public var counts: [[Int]]
    /// Assessed in both periods (the sum of `counts`).
    public var both: Int
    /// Assessed only in the earlier period, only in the later.
    public var onlyFrom: Int
    public var onlyTo: Int
    /// Two or more steps, the largest moves first, then by NIP.
    public var movers: [Mover]
    public var competencies: [CompetencyChange]

    public init(from: String, to: String, history: CohortHistory, settings: NineBoxSettings) {
        self.from = from
        self.to = to
        var counts = Array(repeating: Array(repeating: 0, count: 10), count: 10)
        var movers: [Mover] = []
        // By competency ref (an array, grown as refs appear, not a dictionary looked up twice per level).
        var changes: [(people: Int, up: Int, same: Int, down: Int, sum: Rational)] = []
        let place = Dictionary(uniqueKeysWithValues: settings.boxes.map { box in
            (box.number, (settings.potentialBands.firstIndex { $0.id == box.potential } ?? 0, settings.performanceBands.firstIndex { $0.id == box.performance } ?? 0))
        })
        // One pass over the people (not a dictionary of each period first: that copied every assessment
        // twice, most of the movement's 0.8 s for 100,000 people over three years).
        var onlyFrom = 0, onlyTo = 0
        for assessments in history.people.values {
            // By index: taking each assessment out (a copy of all its texts) was most of this loop.
            let earlierIndex = assessments.lastIndex { $0.batch == from }
            let laterIndex = assessments.lastIndex { $0.batch == to }
            guard let earlierIndex, let laterIndex else {
                if earlierIndex != nil { onlyFrom += 1 }
                if laterIndex != nil { onlyTo += 1 }
                continue
            }
            let a = assessments[earlierIndex].box.flatMap { (1...9).contains($0) ? $0 : nil } ?? 0
            let b = assessments[laterIndex].box.flatMap { (1...9).contains($0) ? $0 : nil } ?? 0
            counts[a][b] += 1
            if a != 0, b != 0, let p = place[a], let q = place[b] {
                let steps = abs(p.0 - q.0) + abs(p.1 - q.1)
                if steps >= 2 { movers.append(Mover(nip: assessments[earlierIndex].nip, from: a, to: b, steps: steps)) }
            }
            for (competency, level) in assessments[earlierIndex].levels {
                guard let next = assessments[laterIndex].levels[competency] else { continue }
                if competency >= changes.count { changes += Array(repeating: (0, 0, 0, 0, 0), count: competency + 1 - changes.count) }
                changes[competency].people += 1
                if next > level { changes[competency].up += 1 } else if next < level { changes[competency].down += 1 } else { changes[competency].same += 1 }
                changes[competency].sum = changes[competency].sum + (next - level)
            }
        }
        self.counts = counts
        both = counts.joined().reduce(0, +)
        self.onlyFrom = onlyFrom
        self.onlyTo = onlyTo
        self.movers = movers.sorted { ($1.steps, $0.nip) < ($0.steps, $1.nip) }
        competencies = changes.indices.filter { changes[$0].people > 0 }.map { ref in
            let change = changes[ref]
            return CompetencyChange(
                competency: ref, people: change.people, up: change.up, same: change.same, down: change.down,
                meanChange: change.sum / Rational(change.people))
        }
    }
}
