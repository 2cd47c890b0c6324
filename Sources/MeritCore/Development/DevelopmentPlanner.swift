/// Drafts a development plan from a person's match with a position (DESIGN.md "Development plan").
///
/// Gaps are taken critical first, then largest, then in dictionary order; for each, the catalog's
/// classroom and non-classroom activity that best fit the required level (the narrowest target band that
/// contains it, then fewer JP). When gaps give less than the yearly minimum of JP (PP 11/2017 Pasal
/// 203(4): 20 JP), the plan is topped up from the competencies nearest to their standard, toward the next level.
public struct DevelopmentPlanner: Sendable {
    public let library: Library
    /// Each competency's place in the dictionaries, and the catalog's activities for it (catalog order):
    /// built once, since a cohort's plans look them up for every gap (the plans of 100,000 people took a
    /// third of `merit gaps` when the catalog was filtered per lookup).
    private let order: [String: Int]
    private let catalog: [String: [DevelopmentActivity]]

    public init(library: Library) {
        self.library = library
        order = Dictionary(uniqueKeysWithValues: library.competencyOrder.enumerated().map { ($1, $0) })
        var catalog: [String: [DevelopmentActivity]] = [:]
        for activity in library.activities {
            for competency in Set(activity.competencies) { catalog[competency, default: []].append(activity) }
        }
        self.catalog = catalog
    }

    /// `profile` says which trainings the person already has (they are not recommended again); the target
    /// position's job level decides which leadership programmes fit.
    public func plan(for match: PositionMatch, profile: PersonProfile?, year: Int) -> DevelopmentPlan {
        let jobLevel = library.positions[match.position]?.jobLevel
        let trainings = DevelopmentActivity.trained(profile?.trainings ?? [])
        let below = match.gaps.filter(\.isBelowStandard).sorted { a, b in
            let shortfallA = a.gap.map { -$0 } ?? Rational(a.required)
            let shortfallB = b.gap.map { -$0 } ?? Rational(b.required)
            if a.isCritical != b.isCritical { return a.isCritical }
            if shortfallA != shortfallB { return shortfallA > shortfallB }
            return a.competency < b.competency
        }
        var chosen: [(DevelopmentActivity, String, Int, PlanReason)] = []
        func add(_ activity: DevelopmentActivity?, _ competency: String, _ level: Int, _ reason: PlanReason) {
            guard let activity, !chosen.contains(where: { $0.0.id == activity.id }) else { return }
            chosen.append((activity, competency, level, reason))
        }
        for gap in below {
            let id = library.competencyOrder[gap.competency]
            add(best(for: id, toward: gap.required, route: .klasikal, jobLevel: jobLevel, trainings: trainings), id, gap.required, .gap)
            add(best(for: id, toward: gap.required, route: .nonKlasikal, jobLevel: jobLevel, trainings: trainings), id, gap.required, .gap)
        }
        // Top up from the competencies nearest to their standard (smallest margin first); a competency
        // without a level is to be assessed, not trained.
        let minimum = library.scoring.minimumJPPerYear
        let met = match.gaps.filter { !$0.isBelowStandard && !$0.isMissing }.sorted { a, b in
            let marginA = a.gap ?? 0
            let marginB = b.gap ?? 0
            return marginA != marginB ? marginA < marginB : a.competency < b.competency
        }
        for gap in met where chosen.reduce(0, { $0 + $1.0.jp }) < minimum {
            let id = library.competencyOrder[gap.competency]
            let next = min(library.scale(of: id).upperBound, (gap.level?.floor ?? gap.required) + 1)
            add(
                best(for: id, toward: next, route: .nonKlasikal, jobLevel: jobLevel, trainings: trainings)
                    ?? best(for: id, toward: next, route: .klasikal, jobLevel: jobLevel, trainings: trainings), id, next, .topUp)
        }
        let count = chosen.count
        let activities = chosen.enumerated().map { index, entry in
            PlannedActivity(
                activity: entry.0.id, title: entry.0.title, route: entry.0.route, type: entry.0.type, jp: entry.0.jp,
                quarter: min(4, 1 + index * 4 / max(count, 1)), competency: entry.1, targetLevel: entry.2, reason: entry.3)
        }
        let strengths = match.gaps.filter { ($0.gap ?? 0) > 0 }
            .sorted { ($0.gap!, -(order[library.competencyOrder[$0.competency]] ?? 0)) > ($1.gap!, -(order[library.competencyOrder[$1.competency]] ?? 0)) }
            .map { library.competencyOrder[$0.competency] }
        return DevelopmentPlan(
            nip: match.nip, position: match.position, year: year, activities: activities, minimumJP: minimum,
            strengths: strengths, actions: match.talent.box?.actions ?? [])
    }

    /// The activity of a route that fits a level best, among those that fit the person: narrowest band
    /// containing it, then fewer JP, then id.
    func best(for competency: String, toward level: Int, route: DevelopmentRoute, jobLevel: String?, trainings: Set<String>) -> DevelopmentActivity? {
        // One pass over the activities in place, the first best kept: filtering them into a new array and
        // taking its minimum copied every fitting activity (a third of drafting 100,000 plans, perf).
        guard let activities = catalog[competency] else { return nil }
        var best: Int?
        for index in activities.indices {
            guard activities[index].route == route, activities[index].targetLevels.contains(level),
                activities[index].fits(jobLevel: jobLevel, trained: trainings)
            else { continue }
            if let found = best, !Self.precedes(activities[index], activities[found]) { continue }
            best = index
        }
        return best.map { activities[$0] }
    }

    /// The narrower target band first, then fewer JP, then the id.
    private static func precedes(_ a: borrowing DevelopmentActivity, _ b: borrowing DevelopmentActivity) -> Bool {
        (a.targetLevels.count, a.jp, a.id) < (b.targetLevels.count, b.jp, b.id)
    }
}
