/// The three competency groups of PermenPANRB 38/2017: managerial, socio-cultural and technical.
public enum CompetencyGroup: String, Sendable, Hashable, CaseIterable, Codable {
    case manajerial
    case sosialKultural = "sosial-kultural"
    case teknis
}

/// One level of a competency as the dictionary describes it.
public struct CompetencyLevelDescription: Sendable, Hashable, Codable {
    public var level: Int
    public var description: String
    public var indicators: [String]

    public init(level: Int, description: String, indicators: [String]) {
        self.level = level
        self.description = description
        self.indicators = indicators
    }
}

/// A competency of a dictionary: `Integritas` (M.01), levels 1–5 with behavioural indicators.
public struct Competency: Sendable, Hashable, Identifiable {
    public var id: String
    public var code: String
    public var name: String
    public var group: CompetencyGroup
    public var definition: String
    public var levels: [CompetencyLevelDescription]
    /// The dictionary it belongs to.
    public var dictionary: String

    public init(
        id: String, code: String, name: String, group: CompetencyGroup, definition: String,
        levels: [CompetencyLevelDescription], dictionary: String
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.group = group
        self.definition = definition
        self.levels = levels
        self.dictionary = dictionary
    }

    public func level(_ number: Int) -> CompetencyLevelDescription? {
        levels.first { $0.level == number }
    }
}

/// A competency dictionary (kamus kompetensi): the national managerial + socio-cultural one, or an
/// agency's technical one (technical dictionaries are set by each agency, PermenPANRB 38/2017).
public struct CompetencyDictionary: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var source: String?
    public var scale: ClosedRange<Int>
    public var competencies: [Competency]

    public init(id: String, title: String, source: String?, scale: ClosedRange<Int>, competencies: [Competency]) {
        self.id = id
        self.title = title
        self.source = source
        self.scale = scale
        self.competencies = competencies
    }
}
