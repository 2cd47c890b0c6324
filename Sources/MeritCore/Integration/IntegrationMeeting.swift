/// Why one competency of one participant should be taken up early at the integration (wash-up) meeting,
/// strongest first: the order of the list to discuss first.
public enum DiscussionReason: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// Two assessors of one instrument further apart than the battery's `disagreement-threshold`.
    case disagreement
    /// The integrated score sits on the edge of the battery's rounding rule (2.5 under half-up): one
    /// rating a step lower gives the level below.
    case roundingEdge
    /// A critical competency of the position below its standard: it may cap the selection category
    /// (`critical-gap-caps-selection-at` in the scoring rules).
    case criticalGap
    /// Fewer instruments with evidence than `min-methods`: the level is provisional.
    case provisional
    /// No instrument gave evidence: there is no computed level.
    case noEvidence

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One batch's integration meeting (issue 16, DESIGN.md "Assessors' workbench"): each participant's
/// competencies with every assessor's rating per instrument, the spread, the computed score and level and
/// the flags, and the competencies to discuss first.
///
/// Participants come in meeting order: grouped by their panel (the assessors who rated them, so that a
/// panel presents its participants together), panels in order of their assessors' codes, then by NIP.
/// The list to discuss first holds the competencies with a `DiscussionReason` and no agreed level yet,
/// ordered by their strongest reason, then by more reasons, then by the larger spread, then in meeting
/// order and the battery's order of competencies.
public struct IntegrationMeeting: Sendable {
    public struct Item: Sendable, Hashable {
        public var working: LevelWorking
        /// The largest spread between the assessors of one instrument; nil when no instrument has two ratings.
        public var spread: Rational?
        /// The position standard's level, nil when the participant has no position to compare with.
        public var required: Int?
        public var isCritical: Bool
        public var reasons: [DiscussionReason]
        /// 1-based place in the list to discuss first; nil when not on it.
        public var discussionRank: Int?
    }

    public struct Participant: Sendable, Hashable {
        public var nip: String
        public var battery: String
        public var assessedOn: CalendarDate?
        /// The assessors who rated the participant, by code.
        public var panel: [String]
        public var items: [Item]
    }

    /// A place in `participants`: participant, then item.
    public struct ItemPlace: Sendable, Hashable {
        public var participant: Int
        public var item: Int
    }

    public var participants: [Participant]
    public var discussFirst: [ItemPlace]

    /// The meeting of the scored participants of one batch (each scored on that batch's evidence).
    public init(_ results: [PersonResult], library: Library) {
        var integrators: [String: Integrator] = [:]
        var participants: [Participant] = []
        for result in results {
            guard let battery = library.batteries[result.evidence.battery] else { continue }
            if integrators[battery.id] == nil { integrators[battery.id] = Integrator(library: library, battery: battery) }
            participants.append(Self.participant(result, integrator: integrators[battery.id]!, library: library))
        }
        participants.sort { ($0.panel.joined(separator: "\u{1}"), $0.nip) < ($1.panel.joined(separator: "\u{1}"), $1.nip) }
        var places: [ItemPlace] = []
        for (p, participant) in participants.enumerated() {
            for (i, item) in participant.items.enumerated() where !item.reasons.isEmpty && item.working.result.agreedLevel == nil {
                places.append(ItemPlace(participant: p, item: i))
            }
        }
        places.sort { a, b in
            let x = participants[a.participant].items[a.item]
            let y = participants[b.participant].items[b.item]
            if x.reasons[0] != y.reasons[0] { return x.reasons[0] < y.reasons[0] }
            if x.reasons.count != y.reasons.count { return x.reasons.count > y.reasons.count }
            if x.spread != y.spread { return (x.spread ?? -1) > (y.spread ?? -1) }
            return (a.participant, a.item) < (b.participant, b.item)
        }
        for (rank, place) in places.enumerated() { participants[place.participant].items[place.item].discussionRank = rank + 1 }
        self.participants = participants
        discussFirst = places
    }

    public subscript(place: ItemPlace) -> Item { participants[place.participant].items[place.item] }

    private static func participant(_ result: PersonResult, integrator: Integrator, library: Library) -> Participant {
        let evidence = result.evidence
        let order = result.levels.competencies.map(\.competency)
        let workings = integrator.explain(evidence, competencies: order)
        let gaps = Dictionary(result.match?.gaps.map { ($0.competency, $0) } ?? [], uniquingKeysWith: { first, _ in first })
        var items: [Item] = []
        for competency in order {
            guard let working = workings[competency] else { continue }
            let spread = working.instruments.compactMap(\.spread).max()
            let gap = gaps[competency]
            var reasons: [DiscussionReason] = []
            let flags = working.result.flags
            if flags.contains(.disagreement) { reasons.append(.disagreement) }
            // On the scale's lowest level there is no level below to fall to.
            let lowest = Rational(library.scale(of: working.competency).lowerBound)
            if let score = working.result.integratedScore, score > lowest, working.rounding.isEdge(score) { reasons.append(.roundingEdge) }
            if let gap, gap.isCritical, gap.isBelowStandard { reasons.append(.criticalGap) }
            if flags.contains(.provisional) && !flags.contains(.noEvidence) { reasons.append(.provisional) }
            if flags.contains(.noEvidence) { reasons.append(.noEvidence) }
            items.append(
                Item(working: working, spread: spread, required: gap?.required, isCritical: gap?.isCritical ?? false, reasons: reasons))
        }
        let panel = Set(evidence.ratings.map(\.assessor)).sorted()
        return Participant(nip: evidence.nip, battery: evidence.battery, assessedOn: evidence.assessedOn, panel: panel, items: items)
    }
}

extension RoundingRule {
    /// Whether `score` is on an edge of the rule, where the smallest lowering gives the level below:
    /// x.5 under half-up, a whole number under floor, x.25 and x.75 to the nearest half.
    public func isEdge(_ score: Rational) -> Bool {
        switch self {
        case .halfUp: (score * 2).isInteger && !score.isInteger
        case .floor: score.isInteger
        case .nearestHalf: (score * 4).isInteger && !(score * 2).isInteger
        }
    }
}
