/// Why an activity is in a plan.
public enum PlanReason: String, Sendable, Hashable, Codable {
    /// It closes a gap to the standard.
    case gap
    /// It tops the plan up to the yearly minimum of JP (PP 11/2017 Pasal 203(4)).
    case topUp = "top-up"
}

/// One activity of a drafted plan.
public struct PlannedActivity: Sendable, Hashable, Codable {
    public var activity: String
    public var title: String
    public var route: DevelopmentRoute
    public var type: String
    public var jp: Int
    /// 1–4: the quarter of the year to do it in.
    public var quarter: Int
    /// The competency it develops (its id) and the level it aims at.
    public var competency: String
    public var targetLevel: Int
    public var reason: PlanReason

    public init(
        activity: String, title: String, route: DevelopmentRoute, type: String, jp: Int, quarter: Int, competency: String,
        targetLevel: Int, reason: PlanReason
    ) {
        self.activity = activity
        self.title = title
        self.route = route
        self.type = type
        self.jp = jp
        self.quarter = quarter
        self.competency = competency
        self.targetLevel = targetLevel
        self.reason = reason
    }
}

/// A drafted individual development plan (IDP): what HR starts from and edits.
public struct DevelopmentPlan: Sendable, Hashable, Codable {
    public var nip: String
    public var position: String
    public var year: Int
    public var activities: [PlannedActivity]
    /// The yearly minimum the plan was drafted to reach.
    public var minimumJP: Int
    /// Competencies above the standard, highest margin first (ids).
    public var strengths: [String]
    /// The 9-box box's recommended actions.
    public var actions: [String]

    public init(
        nip: String, position: String, year: Int, activities: [PlannedActivity], minimumJP: Int, strengths: [String],
        actions: [String]
    ) {
        self.nip = nip
        self.position = position
        self.year = year
        self.activities = activities
        self.minimumJP = minimumJP
        self.strengths = strengths
        self.actions = actions
    }

    public var totalJP: Int { activities.reduce(0) { $0 + $1.jp } }

    public var meetsMinimum: Bool { totalJP >= minimumJP }
}
