import MeritCore
import MeritLibrary
import MeritYAML

/// How record files are read.
public struct RecordOptions: Sendable {
    /// The kind of every file, when the header or `kind:` should not decide it.
    public var kind: RecordKind?
    public var csv: CSVOptions
    /// Columns (or YAML/JSON keys) to leave out, by name in any case and spacing: any other column
    /// Merit does not use is an error, so that nothing is dropped unseen.
    public var ignoredColumns: [String]
    /// The sheets to read from workbooks, by name; empty: every sheet that holds records.
    public var sheets: [String]

    public init(kind: RecordKind? = nil, csv: CSVOptions = CSVOptions(), ignoredColumns: [String] = [], sheets: [String] = []) {
        self.kind = kind
        self.csv = csv
        self.ignoredColumns = ignoredColumns
        self.sheets = sheets
    }

    var ignored: Set<String> { Set(ignoredColumns.map(RecordKind.normalizedColumn)) }
}

/// A source of records: a CSV file, one sheet of a workbook, or a YAML/JSON file with `kind:` and
/// `records:`. It knows its kind (from the header, the `kind:` key, or the caller) and maps columns to slots.
///
/// A table may also be an assessor's wide sheet (DESIGN.md "Input files"): ratings with one row per person ×
/// instrument × assessor and a column per competency, or levels with one row per person and a column per
/// competency. Its rows are handed on as one record per filled competency cell.
public final class RecordFile {
    /// How the source is named in messages: the file, or `book.xlsx[Sheet]`.
    public let path: String
    /// The file on disk.
    public let sourcePath: String
    public let kind: RecordKind
    /// Columns left out because the user said so (`--ignore-column`).
    public private(set) var ignoredColumns: [String] = []
    /// What the reader noticed and did not read, said so (rows above a sheet's header).
    public internal(set) var notes: [Finding] = []
    /// The sheet this source is, in a workbook.
    public let sheet: String?
    let columns: [String]
    private let table: (any TableReader)?
    private let records: [Node]
    private var fieldOfSlot: [Int] = []
    private let ignoredKeys: Set<String>
    /// Header fields with no name: only empty cells may stand under them.
    private var unnamedFields: [Int] = []
    /// `column 'rating' (E)` for each field, for messages.
    private var labels = ColumnLabels(names: [])
    /// A wide sheet's competency columns: the field, and the competency (library ref) its header names.
    public private(set) var competencyColumns: [(field: Int, competency: Int)] = []
    public var isWide: Bool { !competencyColumns.isEmpty }
    /// A levels table laid out as the integration meeting pack (it has a `computed_level` column).
    public private(set) var isMeetingPack = false

    /// Reads a table's header: its kind, and every column mapped, ignored as asked, or refused.
    init(table: any TableReader, sourcePath: String, sheet: String?, options: RecordOptions, library: Library?) throws(FindingList) {
        self.path = table.file
        self.sourcePath = sourcePath
        self.sheet = sheet
        self.table = table
        self.records = []
        let ignored = options.ignored
        self.ignoredKeys = ignored
        let header = table.header
        let marks = table.headerMarks
        let normalized = header.map(RecordKind.normalizedColumn)
        let wide = library.flatMap { WideSheet.detect(header: header, declared: options.kind, library: $0, ignored: ignored) }
        guard let found = wide?.kind ?? options.kind ?? RecordKind.detect(header: header) else {
            throw FindingList([
                Finding(
                    .error, at: marks.first ?? .file(table.file),
                    "cannot tell the kind of records from the header (\(header.joined(separator: ", ").excerpt)); expected the columns of "
                        + RecordKind.allCases.map { "\($0.rawValue) (\($0.requiredColumns.joined(separator: ", ")))" }.joined(separator: ", "))
            ])
        }
        kind = found
        columns = kind.requiredColumns + kind.optionalColumns
        labels = ColumnLabels(names: header.indices.map { field in
            "column " + (header[field].isEmpty ? "" : "'\(header[field].excerpt)' ") + "(\(SourceMark.columnLetters(table.column(ofField: field))))"
        })
        var findings: [Finding] = []
        var seen: [String: Int] = [:]
        let claimed = wide?.claimedFields ?? []
        isMeetingPack = kind == .levels && wide == nil && normalized.contains("computed_level")
        let shown = isMeetingPack ? RecordKind.meetingPackShown : []
        for (field, name) in normalized.enumerated() {
            if name.isEmpty {
                unnamedFields.append(field)
                continue
            }
            if ignored.contains(name) {
                ignoredColumns.append(header[field])
                continue
            }
            if let first = seen[name] {
                findings.append(Finding(.error, at: marks[field], "column '\(header[field].excerpt)' appears twice (first in \(labels.names[first]))"))
                continue
            }
            seen[name] = field
            if !columns.contains(name) && !claimed.contains(field) && !shown.contains(name) {
                findings.append(unknownColumn(header[field], at: marks[field], wide: wide != nil, library: library))
            }
        }
        fieldOfSlot = columns.map { seen[$0] ?? -1 }
        if let wide {
            competencyColumns = wide.columns
            findings += wide.findings(headerMarks: marks)
        }
        for required in kind.requiredColumns where seen[required] == nil && !(wide?.replaces(required) ?? false) {
            findings.append(
                Finding(
                    .error, at: marks.first ?? .file(table.file),
                    "missing required column '\(required)' for \(kind.rawValue) (the header has: \(header.joined(separator: ", ").excerpt))"))
        }
        if !findings.isEmpty { throw FindingList(findings.sorted()) }
    }

    /// A column Merit does not use: an error that names what it may have meant and how to leave it out.
    private func unknownColumn(_ name: String, at mark: SourceMark, wide: Bool, library: Library?) -> Finding {
        var candidates = columns
        if wide || kind == .ratings || kind == .levels, let library {
            candidates += library.competencyOrder.flatMap { id in [id] + (library.competency(named: id).map { [$0.name, $0.code] } ?? []) }
        }
        var message = "column '\(name.excerpt)' is not a column of \(kind.rawValue) (\(columns.joined(separator: ", "))\(wide ? ", or a competency" : ""))"
        if let hint = Self.closest(name, candidates) {
            message += "; did you mean '\(hint)'? Rename it"
        } else {
            message += ": rename it"
        }
        message += ", or give --ignore-column '\(name.excerpt)' to import without it"
        return Finding(.error, at: mark, message)
    }

    static func closest(_ name: String, _ candidates: [String]) -> String? {
        guard RecordKind.normalizedColumn(name).count >= 2 else { return nil }
        return closestMatch(name, in: candidates, key: RecordKind.normalizedColumn)
    }

    /// `column E` (a cell's column) or `column 12` (a line's), for messages about a header.
    static func columnName(_ mark: SourceMark) -> String {
        mark.isCell ? "column \(SourceMark.columnLetters(mark.column))" : "column \(mark.column)"
    }

    /// Reads a YAML or JSON document of records (its `kind:` and `records:`).
    init(document: YAMLDocument, path: String, options: RecordOptions) throws(FindingList) {
        self.path = path
        self.sourcePath = path
        self.sheet = nil
        self.table = nil
        self.ignoredKeys = options.ignored
        let root = document.root
        guard let kindNode = root["kind"], let kindText = kindNode.scalar?.text else {
            throw FindingList([Finding(.error, at: root.mark, "missing 'kind:' (one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))")])
        }
        guard let found = RecordKind(rawValue: kindText) else {
            let hint = LibraryLoader.libraryKinds.contains(kindText) ? "; this is a library file: put it under Instruments/" : ""
            throw FindingList([Finding(.error, at: kindNode.mark, "'\(kindText.excerpt)' is not a kind of input records (\(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))\(hint)")])
        }
        if let declared = options.kind, declared != found {
            throw FindingList([Finding(.error, at: kindNode.mark, "the file holds \(found.rawValue), not \(declared.rawValue)")])
        }
        kind = found
        guard let list = root["records"], let items = list.sequence else {
            throw FindingList([Finding(.error, at: root.mark, "missing 'records:' (a list of mappings)")])
        }
        for key in root.mapping!.compactMap({ $0.key.scalar?.text }) where !["kind", "id", "records", "batch", "date"].contains(key) {
            throw FindingList([Finding(.error, at: root[key]!.mark, "unknown key '\(key.excerpt)'; expected kind, records")])
        }
        records = items
        columns = kind.requiredColumns + kind.optionalColumns
    }

    /// The slot of a column of this kind.
    func slot(_ column: String) -> Int { columns.firstIndex(of: column)! }

    /// Calls `body` with each record; a problem that stops the file is thrown as a finding.
    public func forEachRecord(_ body: (RecordView) throws -> Void) throws {
        if let table {
            do {
                if isWide {
                    try forEachWideRecord(table, body)
                } else {
                    let labels = self.labels
                    try fieldOfSlot.withUnsafeBufferPointer { fields in
                        try table.forEachRow { row in
                            try checkUnnamed(row)
                            try body(RecordView(backing: .csv(row, fieldOfSlot: fields), line: row.line, labels: labels))
                        }
                    }
                }
            } catch let error as CSVError {
                throw FindingList([Finding(.error, at: error.mark, error.message)])
            } catch let error as WorkbookError {
                throw FindingList([Finding(.error, at: .file(sourcePath), error.message)])
            }
            return
        }
        let keys = columns
        for record in records {
            guard let pairs = record.mapping else {
                throw FindingList([Finding(.error, at: record.mark, "expected a mapping for each record, found \(record.kindDescription)")])
            }
            var keyOfSlot: [String?] = Array(repeating: nil, count: keys.count)
            for pair in pairs {
                guard let key = pair.key.scalar?.text else { continue }
                let normalized = RecordKind.normalizedColumn(key)
                if let slot = keys.firstIndex(of: normalized) {
                    keyOfSlot[slot] = key
                } else if !ignoredKeys.contains(normalized) {
                    var message = "unknown key '\(key.excerpt)' for \(kind.rawValue); expected \(keys.joined(separator: ", "))"
                    if let hint = Self.closest(key, keys) { message += "; did you mean '\(hint)'?" }
                    throw FindingList([Finding(.error, at: pair.key.mark, message + " (or give --ignore-column '\(key.excerpt)')")])
                }
            }
            try body(RecordView(backing: .node(record, keyOfSlot: keyOfSlot), line: record.mark.line))
        }
    }

    /// A value under a header cell with no name is refused: Merit would not know what it is.
    private func checkUnnamed(_ row: TableRow) throws(CSVError) {
        for field in unnamedFields where !row.isEmpty(field) {
            throw CSVError(at: row.mark(field), "a value in \(labels.names[field]), which has no header; name the column, or delete its values")
        }
    }

    /// A wide row as records: one per filled competency cell, its value read through the kind's value
    /// column (`rating` or `level`). A row with no filled cell is handed on once, marked so, to be reported.
    private func forEachWideRecord(_ table: any TableReader, _ body: (RecordView) throws -> Void) throws {
        let valueSlot = slot(kind == .ratings ? "rating" : "level")
        var mapped = fieldOfSlot
        let labels = self.labels
        try fieldOfSlot.withUnsafeBufferPointer { plain in
            try mapped.withUnsafeMutableBufferPointer { mapped in
                let cellFields = UnsafeBufferPointer(mapped)
                try table.forEachRow { row in
                    try checkUnnamed(row)
                    var handed = false
                    for column in competencyColumns where !row.isEmpty(column.field) {
                        mapped[valueSlot] = column.field
                        let view = RecordView(
                            backing: .csv(row, fieldOfSlot: cellFields), line: row.line, labels: labels, wide: .cell(competency: column.competency, first: !handed))
                        try body(view)
                        handed = true
                    }
                    if !handed { try body(RecordView(backing: .csv(row, fieldOfSlot: plain), line: row.line, labels: labels, wide: .emptyRow)) }
                }
            }
        }
    }

    /// A table of evidence without a `date` column: its people will have no assessment date, so the
    /// validity of their results cannot be decided. Said once, as a warning, where the header is.
    public var undatedWarning: Finding? {
        guard table != nil, kind != .profiles, let slot = columns.firstIndex(of: "date"), fieldOfSlot[slot] < 0 else { return nil }
        return Finding(
            .warning, at: table?.headerMarks.first ?? .file(path),
            "no 'date' column: these \(kind.rawValue) have no assessment date, so the validity of the results they give cannot be decided; add the date of the assessment (yyyy-mm-dd) to each row")
    }

    /// Whether rows come from a table (CSV or a sheet), which a second thread can read.
    public var isTable: Bool { table != nil }

    /// Bytes read so far (tables), for progress.
    public var bytesRead: Int { table?.bytesRead ?? 0 }
}

/// How each field of a table is named in messages (`column 'rating' (E)`).
final class ColumnLabels: Sendable {
    let names: [String]

    init(names: [String]) {
        self.names = names
    }
}

/// Findings that stop a file being read, thrown together.
public struct FindingList: Error, Sendable {
    public var findings: [Finding]

    public init(_ findings: [Finding]) {
        self.findings = findings
    }
}

extension String {
    /// The text as a message quotes it: at most 80 characters, then `…`.
    public var excerpt: String {
        count <= 80 ? self : String(prefix(79)) + "…"
    }
}
