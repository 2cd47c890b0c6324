/// How a gap summary groups people.
public enum GapGrouping: String, Sendable, Hashable, CaseIterable, Codable {
    case unit, position
    case jobLevel = "job-level"
    case competency
}

/// The need for one catalog activity within a group: how many people it serves, and their JP together.
public struct ActivityNeed: Sendable, Hashable, Codable {
    public var activity: String
    public var title: String
    public var route: DevelopmentRoute
    public var participants: Int
    public var totalJP: Int
}

/// One group of a training-needs summary. Never holds a person's identity.
public struct GapGroup: Sendable, Hashable, Codable {
    public var key: String
    public var label: String
    public var peopleAssessed: Int
    public var peopleBelowStandard: Int
    /// Mean of the gaps (level − required) over the group's competency results.
    public var meanGap: Rational
    /// Mean of the shortfalls alone (a gap above the standard counts as 0) over the same results: strengths
    /// cannot offset deficits in it, as they do in `meanGap`.
    public var meanShortfall: Rational
    /// People (or results, for competency groups) per level: index 0 is level 1 … index 4 level 5;
    /// half levels count with the level below.
    public var levelDistribution: [Int]
    /// Activities with at least the minimum number of participants.
    public var activities: [ActivityNeed]
    /// The activities with fewer participants, merged into one row ("lainnya") so that none shows whose
    /// gap it serves; nil when there are none.
    public var otherActivities: OtherActivities?
}

/// Activities merged because each has fewer participants than the minimum group size.
public struct OtherActivities: Sendable, Hashable, Codable {
    /// How many activities were merged.
    public var activities: Int
    /// Distinct people they serve, and their JP together; both nil when fewer than the minimum.
    public var participants: Int?
    public var totalJP: Int?
}

/// A training-needs summary: groups that reach the minimum size, and how much was suppressed so that no
/// group reveals one person's result.
public struct GapSummary: Sendable, Hashable, Codable {
    public var grouping: GapGrouping
    public var minimumGroupSize: Int
    public var groups: [GapGroup]
    public var suppressedGroups: Int
    public var suppressedPeople: Int
}

/// Builds gap summaries from scored people and their drafted plans (DESIGN.md "Gap summaries").
public struct GapSummarizer: Sendable {
    public let library: Library

    public init(library: Library) {
        self.library = library
    }

    /// Groups of fewer than `minimumGroupSize` people are left out and counted (default: the library's).
    public func summarize(
        _ results: [PersonResult], plans: [String: DevelopmentPlan], by grouping: GapGrouping, minimumGroupSize: Int? = nil
    ) -> GapSummary {
        let minimum = max(SmallCounts.floor, minimumGroupSize ?? library.scoring.minimumGroupSize)
        // Groups and their activities are numbered as they first appear, each found once per person by
        // its key; people are their place in `results`, taken in order, so a person's rows come together
        // and "is this person new here" is a comparison with the last one added, not a set. Taking every
        // group out of a dictionary and putting it back, with sets of people, was most of the evidence
        // report's gap summary (2 s of 12.5 s for 100,000 people, perf, bench history).
        var groups: [GroupAccumulator] = []
        var groupIndex: [String: Int] = [:]
        for (person, result) in results.enumerated() {
            guard let match = result.match else { continue }
            let plan = plans[result.evidence.nip]
            let keys: [(String, String)]
            switch grouping {
            case .unit:
                let unit = result.profile?.unit ?? library.positions[match.position]?.unit ?? "-"
                keys = [(unit, unit)]
            case .position:
                keys = [(match.position, library.positions[match.position]?.title ?? match.position)]
            case .jobLevel:
                let level = library.positions[match.position]?.jobLevel ?? "-"
                keys = [(level, library.jobLevels[level]?.name ?? level)]
            case .competency:
                keys = match.gaps.map { gap in
                    let id = library.competencyOrder[gap.competency]
                    return (id, library.competency(id)?.name ?? id)
                }
            }
            for (place, (key, label)) in keys.enumerated() {
                let index: Int
                if let known = groupIndex[key] {
                    index = known
                    groups[index].label = label
                } else {
                    index = groups.count
                    groupIndex[key] = index
                    groups.append(GroupAccumulator(key: key, label: label))
                }
                // By competency, the keys are the gaps themselves, in order.
                let gaps = grouping == .competency ? [match.gaps[place]] : match.gaps
                groups[index].add(person, gaps: gaps, byCompetency: grouping == .competency, allGaps: match.gaps)
                for item in plan?.activities ?? [] where grouping != .competency || item.competency == key {
                    groups[index].add(person, to: item.activity, jp: item.jp)
                }
            }
        }
        var kept: [GapGroup] = []
        var suppressedGroups = 0
        // People in suppressed groups who appear in no shown group (for competency groups a person is in many).
        var suppressed = [Bool](repeating: false, count: results.count)
        var shown = [Bool](repeating: false, count: results.count)
        for group in groups {
            guard group.people.count >= minimum else {
                suppressedGroups += 1
                for person in group.people { suppressed[person] = true }
                continue
            }
            for person in group.people { shown[person] = true }
            var needs: [ActivityNeed] = []
            var merged = 0
            var mergedPeople: Set<Int> = []
            var mergedJP = 0
            for need in group.activities {
                guard need.participants.count >= minimum else {
                    merged += 1
                    mergedPeople.formUnion(need.participants)
                    mergedJP += need.participants.count * need.jp
                    continue
                }
                let activity = library.activity(need.activity)
                needs.append(
                    ActivityNeed(
                        activity: need.activity, title: activity?.title ?? need.activity, route: activity?.route ?? .klasikal,
                        participants: need.participants.count, totalJP: need.participants.count * need.jp))
            }
            needs.sort { ($0.participants, $0.totalJP, $1.activity) > ($1.participants, $1.totalJP, $0.activity) }
            let others = merged == 0
                ? nil
                : OtherActivities(
                    activities: merged, participants: mergedPeople.count >= minimum ? mergedPeople.count : nil,
                    totalJP: mergedPeople.count >= minimum ? mergedJP : nil)
            kept.append(
                GapGroup(
                    key: group.key, label: group.label, peopleAssessed: group.people.count,
                    peopleBelowStandard: group.below,
                    meanGap: group.gapCount > 0 ? group.gapSum / Rational(group.gapCount) : 0,
                    meanShortfall: group.gapCount > 0 ? group.shortfallSum / Rational(group.gapCount) : 0,
                    levelDistribution: group.levels, activities: needs, otherActivities: others))
        }
        // Most need first: people below standard, then the mean gap (lowest first), then the label, then
        // the key (two positions may share a title).
        kept.sort { a, b in
            if a.peopleBelowStandard != b.peopleBelowStandard { return a.peopleBelowStandard > b.peopleBelowStandard }
            if a.meanGap != b.meanGap { return a.meanGap < b.meanGap }
            return (a.label, a.key) < (b.label, b.key)
        }
        let suppressedPeople = zip(suppressed, shown).reduce(0) { $0 + ($1.0 && !$1.1 ? 1 : 0) }
        return GapSummary(
            grouping: grouping, minimumGroupSize: minimum, groups: kept, suppressedGroups: suppressedGroups,
            suppressedPeople: suppressedPeople)
    }
}

/// One group of a gap summary while it is counted. People come in increasing order (their place in the
/// results), all of a person's rows together, so each list of people holds a person once.
private struct GroupAccumulator {
    /// An activity's participants in a group, and the JP it gives each.
    struct Need {
        var activity: String
        var participants: [Int] = []
        var jp: Int
    }

    let key: String
    var label: String
    var people: [Int] = []
    var below = 0
    var lastBelow = -1
    var gapSum: Rational = 0
    var shortfallSum: Rational = 0
    var gapCount = 0
    var levels = [Int](repeating: 0, count: 5)
    var activities: [Need] = []
    var activityIndex: [String: Int] = [:]

    init(key: String, label: String) {
        self.key = key
        self.label = label
    }

    /// A person's gaps counted in the group; `allGaps` (all of the person's) give their mean level in a
    /// group that is not a competency's.
    mutating func add(_ person: Int, gaps: [CompetencyGap], byCompetency: Bool, allGaps: [CompetencyGap]) {
        if people.last != person { people.append(person) }
        if lastBelow != person, gaps.contains(where: \.isBelowStandard) {
            below += 1
            lastBelow = person
        }
        for gap in gaps {
            if let value = gap.gap {
                gapSum += value
                if value < 0 { shortfallSum += value }
                gapCount += 1
            }
            if byCompetency, let level = gap.level {
                levels[max(0, min(4, level.floor - 1))] += 1
            }
        }
        if !byCompetency {
            // A person's level on the standard's competencies, as one mean level per person.
            let found = allGaps.compactMap(\.level)
            if !found.isEmpty {
                let mean = found.reduce(Rational.zero, +) / Rational(found.count)
                levels[max(0, min(4, mean.floor - 1))] += 1
            }
        }
    }

    /// A person among an activity's participants; the JP is the activity's first seen in the group.
    mutating func add(_ person: Int, to activity: String, jp: Int) {
        if let index = activityIndex[activity] {
            if activities[index].participants.last != person { activities[index].participants.append(person) }
        } else {
            activityIndex[activity] = activities.count
            activities.append(Need(activity: activity, participants: [person], jp: jp))
        }
    }
}
