import MeritCore
import MeritLibrary
import MeritYAML

/// Recognises an assessor's wide sheet from its header (DESIGN.md "Input files"): a column per competency,
/// named as `CompetencyHeader` reads it, instead of `competency` + `rating`/`level` columns. Ratings
/// sheets have `nip, instrument, assessor`; levels sheets (an integration recap) have `nip` and no
/// instrument. A header naming a competency twice, or naming two competencies at once, is refused.
struct WideSheet {
    let kind: RecordKind
    let columns: [(field: Int, competency: Int)]
    /// Header cells naming a competency already named by an earlier column.
    private let repeated: [(field: Int, first: Int)]
    /// Header cells whose parts name two different competencies, and why.
    private let conflicts: [(field: Int, why: String)]
    private let header: [String]

    /// The kind's columns a wide sheet does without.
    func replaces(_ column: String) -> Bool { ["competency", "rating", "level"].contains(column) }

    /// Fields that are not competency columns but were taken for none (conflicts): not "unknown".
    var claimedFields: Set<Int> { Set(columns.map(\.field) + conflicts.map(\.field) + repeated.map(\.field)) }

    static func detect(header: [String], declared: RecordKind?, library: Library, ignored: Set<String>) -> WideSheet? {
        let normalized = header.map(RecordKind.normalizedColumn)
        let names = Set(normalized)
        guard names.contains("nip"), !names.contains("competency") else { return nil }
        let kind: RecordKind
        if names.contains("instrument") && names.contains("assessor") {
            kind = .ratings
        } else if !names.contains("instrument") && !names.contains("assessor") {
            kind = .levels
        } else {
            return nil
        }
        if let declared, declared != kind { return nil }
        let known = Set(RecordKind.allCases.flatMap { $0.requiredColumns + $0.optionalColumns })
        let reader = CompetencyHeader(library: library)
        var columns: [(field: Int, competency: Int)] = []
        var repeated: [(field: Int, first: Int)] = []
        var conflicts: [(field: Int, why: String)] = []
        var firstField: [Int: Int] = [:]
        for (field, text) in header.enumerated() where !known.contains(normalized[field]) && !ignored.contains(normalized[field]) {
            switch reader.match(text) {
            case .competency(let ref):
                if let first = firstField[ref] {
                    repeated.append((field, first))
                } else {
                    firstField[ref] = field
                    columns.append((field, ref))
                }
            case .conflict(let why):
                conflicts.append((field, why))
            case .none:
                continue
            }
        }
        guard !columns.isEmpty || !conflicts.isEmpty else { return nil }
        return WideSheet(kind: kind, columns: columns, repeated: repeated, conflicts: conflicts, header: header)
    }

    /// Problems of the header, at their cells.
    func findings(headerMarks: [SourceMark]) -> [Finding] {
        let twice = repeated.map { field, first in
            Finding(
                .error, at: headerMarks[field],
                "column '\(header[field])' names the same competency as column '\(header[first])' (\(RecordFile.columnName(headerMarks[first])))")
        }
        let both = conflicts.map { field, why in
            Finding(.error, at: headerMarks[field], "column '\(header[field])' could name two competencies: \(why); head it with one competency's code or name")
        }
        return (twice + both).sorted { $0.location.column < $1.location.column }
    }
}
