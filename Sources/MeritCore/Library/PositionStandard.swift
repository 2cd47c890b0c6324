/// A jenjang jabatan (JPT Pratama, Administrator, Ahli Muda…) with the defaults its positions inherit.
public struct JobLevel: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    /// Structural or functional, for grouping in reports.
    public var family: String
    /// Higher ranks first when sorting (JPT Utama highest).
    public var rank: Int
    public var battery: String?
    /// Required level of every managerial and socio-cultural competency, unless `required` says otherwise.
    public var defaultLevel: Int?
    public var required: [String: Int]

    public init(
        id: String, name: String, family: String, rank: Int, battery: String?, defaultLevel: Int?,
        required: [String: Int]
    ) {
        self.id = id
        self.name = name
        self.family = family
        self.rank = rank
        self.battery = battery
        self.defaultLevel = defaultLevel
        self.required = required
    }
}

/// One competency of a standard with its required level.
public struct RequiredCompetency: Sendable, Hashable {
    public var competency: String
    public var level: Int
    public var isCritical: Bool

    public init(competency: String, level: Int, isCritical: Bool = false) {
        self.competency = competency
        self.level = level
        self.isCritical = isCritical
    }
}

/// A Standar Kompetensi Jabatan (PermenPANRB 38/2017), resolved: inherited defaults applied.
public struct PositionStandard: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var unit: String
    public var jobLevel: String
    public var battery: String
    /// In dictionary order: managerial, socio-cultural, then technical.
    public var required: [RequiredCompetency]
    public var qualifications: Qualifications
    /// A key position of the agency (`key-position: true`): `merit evidence` reports its talent pool and
    /// successors.
    public var isKey: Bool

    public init(
        id: String, title: String, unit: String, jobLevel: String, battery: String, required: [RequiredCompetency],
        qualifications: Qualifications, isKey: Bool = false
    ) {
        self.isKey = isKey
        self.id = id
        self.title = title
        self.unit = unit
        self.jobLevel = jobLevel
        self.battery = battery
        self.required = required
        self.qualifications = qualifications
    }

    public func requiredLevel(_ competency: String) -> Int? {
        required.first { $0.competency == competency }?.level
    }

    public var criticalCompetencies: [String] {
        required.filter(\.isCritical).map(\.competency)
    }
}
