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
        struct Accumulator {
            var people: Set<Int> = []
            var below: Set<Int> = []
            var gapSum: Rational = 0
            var shortfallSum: Rational = 0
            var gapCount = 0
            var levels = [Int](repeating: 0, count: 5)
            var activities: [String: (participants: Set<Int>, jp: Int)] = [:]
        }
        var groups: [String: Accumulator] = [:]
        var labels: [String: String] = [:]
        // People as their place in `results`: sets of small integers, not of NIP strings.
        for (person, result) in results.enumerated() {
            guard let match = result.match else { continue }
            let nip = result.evidence.nip
            let plan = plans[nip]
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
                labels[key] = label
                // Taken out and put back: mutating a copy while the dictionary holds the original would copy its sets.
                var group = groups.removeValue(forKey: key) ?? Accumulator()
                group.people.insert(person)
                // By competency, the keys are the gaps themselves, in order.
                let gaps = grouping == .competency ? [match.gaps[place]] : match.gaps
                if gaps.contains(where: \.isBelowStandard) { group.below.insert(person) }
                for gap in gaps {
                    if let value = gap.gap {
                        group.gapSum += value
                        if value < 0 { group.shortfallSum += value }
                        group.gapCount += 1
                    }
                    if grouping == .competency, let level = gap.level {
                        group.levels[max(0, min(4, level.floor - 1))] += 1
                    }
                }
                if grouping != .competency {
                    // A person's level on the standard's competencies, as one mean level per person.
                    let levels = match.gaps.compactMap(\.level)
                    if !levels.isEmpty {
                        let mean = levels.reduce(Rational.zero, +) / Rational(levels.count)
                        group.levels[max(0, min(4, mean.floor - 1))] += 1
                    }
                }
                for item in plan?.activities ?? [] where grouping != .competency || item.competency == key {
                    var need = group.activities.removeValue(forKey: item.activity) ?? ([], item.jp)
                    need.participants.insert(person)
                    group.activities[item.activity] = need
                }
                groups[key] = group
            }
        }
        var kept: [GapGroup] = []
        var suppressedGroups = 0
        var suppressedPeople: Set<Int> = []
        for (key, group) in groups {
            guard group.people.count >= minimum else {
                suppressedGroups += 1
                suppressedPeople.formUnion(group.people)
                continue
            }
            var needs: [ActivityNeed] = []
            var merged = 0
            var mergedPeople: Set<Int> = []
            var mergedJP = 0
            for (id, need) in group.activities {
                guard need.participants.count >= minimum else {
                    merged += 1
                    mergedPeople.formUnion(need.participants)
                    mergedJP += need.participants.count * need.jp
                    continue
                }
                let activity = library.activity(id)
                needs.append(
                    ActivityNeed(
                        activity: id, title: activity?.title ?? id, route: activity?.route ?? .klasikal,
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
                    key: key, label: labels[key] ?? key, peopleAssessed: group.people.count,
                    peopleBelowStandard: group.below.count,
                    meanGap: group.gapCount > 0 ? group.gapSum / Rational(group.gapCount) : 0,
                    meanShortfall: group.gapCount > 0 ? group.shortfallSum / Rational(group.gapCount) : 0,
                    levelDistribution: group.levels, activities: needs, otherActivities: others))
        }
        // Most need first: people below standard, then the mean gap (lowest first), then the label.
        kept.sort { a, b in
            if a.peopleBelowStandard != b.peopleBelowStandard { return a.peopleBelowStandard > b.peopleBelowStandard }
            if a.meanGap != b.meanGap { return a.meanGap < b.meanGap }
            return a.label < b.label
        }
        // People in suppressed groups who appear in no shown group (for competency groups a person is in many).
        let shown = Set(kept.flatMap { group in groups[group.key]?.people ?? [] })
        return GapSummary(
            grouping: grouping, minimumGroupSize: minimum, groups: kept, suppressedGroups: suppressedGroups,
            suppressedPeople: suppressedPeople.subtracting(shown).count)
    }
}
