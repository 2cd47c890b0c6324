import MeritCore
import MeritLibrary
import MeritYAML

/// Recognises an assessor's wide sheet from its header (DESIGN.md "Input files"): a column per competency,
/// named by id, code (`M.01`) or name (`Integritas`), instead of `competency` + `rating`/`level` columns.
/// Ratings sheets have `nip, instrument, assessor`; levels sheets (an integration recap) have `nip` and no
/// instrument. Header cells that look like a misspelt competency are refused, not ignored.
struct WideSheet {
    let kind: RecordKind
    let columns: [(field: Int, competency: Int)]
    /// Header cells naming a competency already named by an earlier column.
    private let repeated: [(field: Int, first: Int)]
    /// Header cells close to a competency's id or name (a misspelling, so the column's values would be lost).
    private let misspelt: [(field: Int, hint: String)]
    private let header: [String]

    /// The kind's columns a wide sheet does without.
    func replaces(_ column: String) -> Bool { ["competency", "rating", "level"].contains(column) }

    static func detect(header: [String], declared: RecordKind?, library: Library) -> WideSheet? {
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
        var columns: [(field: Int, competency: Int)] = []
        var repeated: [(field: Int, first: Int)] = []
        var firstField: [Int: Int] = [:]
        var unknown: [Int] = []
        for (field, text) in header.enumerated() where !known.contains(normalized[field]) {
            guard let competency = library.competency(named: text.trimmingSpacesAndTabs), let ref = library.competencyRef(competency.id) else {
                unknown.append(field)
                continue
            }
            if let first = firstField[ref] {
                repeated.append((field, first))
            } else {
                firstField[ref] = field
                columns.append((field, ref))
            }
        }
        guard !columns.isEmpty else { return nil }
        let candidates = library.competencyOrder.flatMap { id in [id] + (library.competency(named: id).map { [$0.name] } ?? []) }
        let misspelt = unknown.compactMap { field in Self.closest(header[field], candidates).map { (field, $0) } }
        return WideSheet(kind: kind, columns: columns, repeated: repeated, misspelt: misspelt, header: header)
    }

    /// Problems of the header, at their cells.
    func findings(file: String, headerMarks: [SourceMark]) -> [Finding] {
        (repeated.map { field, first in
            Finding(
                .error, at: headerMarks[field],
                "column '\(header[field])' names the same competency as column '\(header[first])' (column \(headerMarks[first].column))")
        }
            + misspelt.map { field, hint in
                Finding(.error, at: headerMarks[field], "column '\(header[field])' names no competency; did you mean '\(hint)'? (other columns are ignored, but this one looks like a competency)")
            }).sorted { $0.location.column < $1.location.column }
    }

    private static func closest(_ name: String, _ candidates: [String]) -> String? {
        let name = name.trimmingSpacesAndTabs.lowercased()
        guard name.count >= 4 else { return nil }
        return candidates.map { ($0, editDistance($0.lowercased(), name)) }.filter { $0.1 >= 1 && $0.1 <= max(1, name.count / 4) }
            .min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }
}
