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
    public var competencies: [String]
    /// The levels it develops toward: fits a gap whose required level lies in this range.
    public var targetLevels: ClosedRange<Int>
    /// Jam pelajaran (1 JP = 45 minutes).
    public var jp: Int
    public var provider: String?

    public init(
        id: String, title: String, route: DevelopmentRoute, type: String, competencies: [String],
        targetLevels: ClosedRange<Int>, jp: Int, provider: String? = nil
    ) {
        self.id = id
        self.title = title
        self.route = route
        self.type = type
        self.competencies = competencies
        self.targetLevels = targetLevels
        self.jp = jp
        self.provider = provider
    }
}
