import MeritCore
import MeritYAML

/// Cross-checks decoded library documents and builds the `Library`, collecting every finding.
struct LibraryBuilder {
    let documents: LibraryDocuments
    /// The library folder, for findings about the library as a whole.
    let root: String
    private(set) var findings: [Finding] = []
    /// First place of every id, per namespace (`instrument`, `competency`…), for duplicate reports.
    private var firstPlace: [String: [String: SourceMark]] = [:]

    // Built pieces, filled in dependency order.
    var dictionaries: [CompetencyDictionary] = []
    var competencies: [String: Competency] = [:]
    /// Each competency's scale (from its dictionary).
    var scales: [String: ClosedRange<Int>] = [:]
    var instruments: [String: Instrument] = [:]
    var batteries: [String: Battery] = [:]
    var jobLevels: [String: JobLevel] = [:]
    var positions: [String: PositionStandard] = [:]
    var scoring: ScoringSettings?
    var activities: [DevelopmentActivity] = []
    var reportLabels: [String: ReportLabels] = [:]
    var agency: Agency?
    var norms: [String: TestNorm] = [:]

    init(documents: LibraryDocuments, root: String) {
        self.documents = documents
        self.root = root
    }

    mutating func build() -> Library? {
        buildDictionaries()
        buildNorms()
        buildInstruments()
        checkNormTests()
        buildBatteries()
        buildJobLevels()
        buildPositions()
        buildScoring()
        buildCatalog()
        buildLabels()
        buildAgency()
        guard let scoring else { return nil }
        return Library(
            dictionaries: dictionaries, instruments: instruments, batteries: batteries, jobLevels: jobLevels,
            positions: positions, scoring: scoring, activities: activities, reportLabels: reportLabels,
            agency: agency, norms: norms)
    }

    // MARK: Findings

    mutating func error(_ mark: SourceMark, _ message: String) {
        findings.append(Finding(.error, at: mark, message))
    }

    mutating func warning(_ mark: SourceMark, _ message: String) {
        findings.append(Finding(.warning, at: mark, message))
    }

    /// Records an id; false (with an error naming both places) when the namespace already has it.
    mutating func register(_ id: Located<String>, as namespace: String) -> Bool {
        if let first = firstPlace[namespace]?[id.value] {
            error(id.mark, "duplicate \(namespace) id '\(id.value)' (first defined at \(first))")
            return false
        }
        firstPlace[namespace, default: [:]][id.value] = id.mark
        return true
    }

    /// One of an enumeration's spellings, or an error listing them (and the default).
    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ text: Located<String>?, default fallback: E, what: String
    ) -> E where E.RawValue == String {
        guard let text else { return fallback }
        if let value = E(rawValue: text.value) { return value }
        let options = E.allCases.map(\.rawValue).joined(separator: ", ")
        error(text.mark, "unknown \(what) '\(text.value)'; expected one of \(options)")
        return fallback
    }

    /// The scale of all dictionaries together, for levels not tied to one competency.
    var overallScale: ClosedRange<Int> {
        let all = dictionaries.map(\.scale)
        guard let low = all.map(\.lowerBound).min(), let high = all.map(\.upperBound).max() else { return 1...5 }
        return low...high
    }

    /// Checks a reference to a competency; false with an error when there is no such competency.
    mutating func checkCompetency(_ id: String, at mark: SourceMark, in context: String) -> Bool {
        guard competencies[id] == nil else { return true }
        // A dictionary that failed to decode has its own error; its competencies are not "unknown".
        if documents.failed["competency-dictionary"] != nil { return false }
        var message = "unknown competency '\(id)' in \(context)"
        if let suggestion = closest(to: id, in: Array(competencies.keys)) { message += "; did you mean '\(suggestion)'?" }
        error(mark, message)
        return false
    }

    /// Checks a required level against the competency's dictionary scale.
    mutating func checkLevel(_ level: Located<Int>, of competency: String, in context: String) -> Bool {
        let scale = scales[competency] ?? overallScale
        guard scale.contains(level.value) else {
            error(
                level.mark,
                "level \(level.value) of '\(competency)' in \(context) is outside the dictionary's scale \(scale.lowerBound)–\(scale.upperBound)")
            return false
        }
        return true
    }

    /// A known id close to an unknown one, as a hint.
    func closest(to name: String, in candidates: [String]) -> String? {
        closestMatch(name, in: candidates, key: { $0 })
    }
}
