/// Jalur pengembangan kompetensi (Peraturan LAN 10/2018): classroom or not.
public enum DevelopmentRoute: String, Sendable, Hashable, CaseIterable, Codable {
    case klasikal
    case nonKlasikal = "non-klasikal"
}

/// A development activity of the catalog: what it develops, toward which levels, and its JP hours.
public struct DevelopmentActivity: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var route: DevelopmentRoute
    /// diklat, pelatihan, bimtek, workshop, seminar, coaching, mentoring, e-learning, magang, detasering…
    public var type: String
    /// The type's name as reports show it (the catalog's `types`).
    public var typeName: String
    public var competencies: [String]
    /// The levels it develops toward: fits a gap whose required level lies in this range.
    public var targetLevels: ClosedRange<Int>
    /// Jam pelajaran (1 JP = 45 minutes).
    public var jp: Int
    public var provider: String?
    /// The job levels it is for (a leadership programme follows the job level: PKP for pengawas, PKA for
    /// administrator, PKN for JPT); empty: any.
    public var jobLevels: [String]
    /// Trainings that make it unnecessary (its own name and the names it went by, `PKA`, `Diklatpim III`):
    /// a profile listing one is not recommended it again.
    public var unlessTrained: [String]

    public init(
        id: String, title: String, route: DevelopmentRoute, type: String, typeName: String? = nil, competencies: [String],
        targetLevels: ClosedRange<Int>, jp: Int, provider: String? = nil, jobLevels: [String] = [], unlessTrained: [String] = []
    ) {
        self.id = id
        self.title = title
        self.route = route
        self.type = type
        self.typeName = typeName ?? type
        self.competencies = competencies
        self.targetLevels = targetLevels
        self.jp = jp
        self.provider = provider
        self.jobLevels = jobLevels
        self.unlessTrained = unlessTrained
    }

    /// Whether it fits a person: their target job level is one it is for, and they have not had it.
    public func fits(jobLevel: String?, trainings: [String]) -> Bool {
        fits(jobLevel: jobLevel, trained: Self.trained(trainings))
    }

    /// `trained`: the person's trainings as `trained(_:)` gives them (worked out once per person).
    public func fits(jobLevel: String?, trained: Set<String>) -> Bool {
        if !jobLevels.isEmpty, !(jobLevel.map(jobLevels.contains) ?? false) { return false }
        return !unlessTrained.contains { trained.contains($0.lowercased().trimmingSpaces) }
    }

    /// Trainings compared as the catalog's `unless-trained` are: lower-cased, trimmed.
    public static func trained(_ trainings: [String]) -> Set<String> {
        Set(trainings.map { $0.lowercased().trimmingSpaces })
    }
}
