/// The instrument library, loaded and cross-checked: everything the engine needs to score and plan.
public struct Library: Sendable {
    public var dictionaries: [CompetencyDictionary]
    public var instruments: [String: Instrument]
    public var batteries: [String: Battery]
    public var jobLevels: [String: JobLevel]
    public var positions: [String: PositionStandard] {
        didSet { resolvedRequirements = Self.resolveAll(positions, refs: competencyRefs, competencies: competencyIndex) }
    }
    public var scoring: ScoringSettings
    public let activities: [DevelopmentActivity]
    /// Report labels by language (`id`, `en`).
    public var reportLabels: [String: ReportLabels]
    /// The agency's letterhead; nil when the library has no `agency` document (reports then have none).
    public var agency: Agency?
    /// Norm groups of tests, by id (`norm` documents).
    public var norms: [String: TestNorm]

    private let competencyIndex: [String: Competency]
    private let activityIndex: [String: Int]
    private let lookup: [String: String]
    /// Competency ids in dictionary order (managerial, socio-cultural, technical as the files list them);
    /// a competency's place here is its `ref`.
    public let competencyOrder: [String]
    /// Instrument ids, sorted; an instrument's place here is its `ref`.
    public let instrumentOrder: [String]
    private let competencyRefs: [String: Int]
    private let instrumentRefs: [String: Int]
    /// Each library position's requirements resolved to refs and groups, for the engine's hot path.
    private var resolvedRequirements: [String: [ResolvedRequirement]]

    /// A requirement of a position with its competency's ref and group.
    public struct ResolvedRequirement: Sendable, Hashable {
        public var competency: Int
        public var group: CompetencyGroup
        public var required: Int
        public var isCritical: Bool
    }

    public init(
        dictionaries: [CompetencyDictionary], instruments: [String: Instrument], batteries: [String: Battery],
        jobLevels: [String: JobLevel], positions: [String: PositionStandard], scoring: ScoringSettings,
        activities: [DevelopmentActivity], reportLabels: [String: ReportLabels] = [:], agency: Agency? = nil,
        norms: [String: TestNorm] = [:]
    ) {
        self.norms = norms
        self.reportLabels = reportLabels
        self.agency = agency
        self.dictionaries = dictionaries
        self.instruments = instruments
        self.batteries = batteries
        self.jobLevels = jobLevels
        self.positions = positions
        self.scoring = scoring
        self.activities = activities
        activityIndex = Dictionary(activities.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let groupOrder: [CompetencyGroup: Int] = [.manajerial: 0, .sosialKultural: 1, .teknis: 2]
        let all = dictionaries.flatMap(\.competencies).enumerated()
            .sorted { (groupOrder[$0.element.group]!, $0.offset) < (groupOrder[$1.element.group]!, $1.offset) }
            .map(\.element)
        competencyOrder = all.map(\.id)
        competencyIndex = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lookup: [String: String] = [:]
        for competency in all {
            for name in [competency.id, competency.code, competency.name] {
                lookup[Self.normalized(name)] = lookup[Self.normalized(name)] ?? competency.id
            }
        }
        self.lookup = lookup
        competencyRefs = Dictionary(uniqueKeysWithValues: competencyOrder.enumerated().map { ($1, $0) })
        instrumentOrder = instruments.keys.sorted()
        instrumentRefs = Dictionary(uniqueKeysWithValues: instrumentOrder.enumerated().map { ($1, $0) })
        resolvedRequirements = Self.resolveAll(positions, refs: competencyRefs, competencies: competencyIndex)
    }

    /// A position's requirements with refs and groups (cached for the library's own positions).
    public func requirements(of position: PositionStandard) -> [ResolvedRequirement] {
        if let cached = resolvedRequirements[position.id], positions[position.id] == position { return cached }
        return Self.resolve(position, refs: competencyRefs, competencies: competencyIndex)
    }

    /// The requirements of the library's own position `id`, without comparing a given position with it:
    /// that comparison (and the copy it took) was a twentieth of the scoring threads of a history.
    public func requirements(ofPosition id: String) -> [ResolvedRequirement]? {
        resolvedRequirements[id]
    }

    private static func resolveAll(
        _ positions: [String: PositionStandard], refs: [String: Int], competencies: [String: Competency]
    ) -> [String: [ResolvedRequirement]] {
        positions.mapValues { resolve($0, refs: refs, competencies: competencies) }
    }

    private static func resolve(
        _ position: PositionStandard, refs: [String: Int], competencies: [String: Competency]
    ) -> [ResolvedRequirement] {
        position.required.compactMap { required in
            guard let ref = refs[required.competency], let competency = competencies[required.competency] else { return nil }
            return ResolvedRequirement(
                competency: ref, group: competency.group, required: required.level, isCritical: required.isCritical)
        }
    }

    /// The place of a competency in `competencyOrder`, which evidence uses instead of its id.
    public func competencyRef(_ id: String) -> Int? {
        competencyRefs[id]
    }

    /// The place of an instrument in `instrumentOrder`.
    public func instrumentRef(_ id: String) -> Int? {
        instrumentRefs[id]
    }

    public func competency(_ id: String) -> Competency? {
        competencyIndex[id]
    }

    /// The level scale of a competency's dictionary (1–5 when the library does not know the competency).
    public func scale(of competency: String) -> ClosedRange<Int> {
        dictionaries.first { $0.competencies.contains { $0.id == competency } }?.scale ?? 1...5
    }

    /// The norm a test's standings are read against: the one its conversion uses, else its only norm
    /// group; nil when it has none, or several and no conversion names one.
    public func norm(forTest instrument: String) -> TestNorm? {
        if let id = instruments[instrument]?.normConversion?.norm { return norms[id] }
        let groups = norms.values.filter { $0.test == instrument }
        return groups.count == 1 ? groups.first : nil
    }

    /// A competency named by id, code (`M.01`) or name (`Integritas`), ignoring case and extra spaces.
    public func competency(named name: String) -> Competency? {
        lookup[Self.normalized(name)].flatMap { competencyIndex[$0] }
    }

    /// Positions in a stable order: by unit, then job level rank (highest first), then title.
    public var positionsInOrder: [PositionStandard] {
        positions.values.sorted {
            let left = jobLevels[$0.jobLevel]?.rank ?? 0
            let right = jobLevels[$1.jobLevel]?.rank ?? 0
            return ($0.unit, -left, $0.title) < ($1.unit, -right, $1.title)
        }
    }

    /// Activities of the catalog that develop a competency toward a level.
    /// The catalog activity with this id.
    public func activity(_ id: String) -> DevelopmentActivity? {
        activityIndex[id].map { activities[$0] }
    }

    public func activities(for competency: String, toward level: Int) -> [DevelopmentActivity] {
        activities.filter { $0.competencies.contains(competency) && $0.targetLevels.contains(level) }
    }

    static func normalized(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
