import MeritCore
import MeritLibrary
import MeritYAML

/// An input file of records: CSV (any delimiter), or YAML/JSON with `kind:` and `records:`.
/// It knows its kind (from the header, the `kind:` key, or the caller) and maps columns to slots.
///
/// A CSV may also be an assessor's wide sheet (DESIGN.md "Input files"): ratings with one row per person ×
/// instrument × assessor and a column per competency, or levels with one row per person and a column per
/// competency. Its rows are handed on as one record per filled competency cell.
public final class RecordFile {
    public let path: String
    public let kind: RecordKind
    /// Columns the file has that the kind does not use (ignored, listed in the report).
    public private(set) var ignoredColumns: [String] = []
    let columns: [String]
    private let csv: CSVReader?
    private let records: [Node]
    private var fieldOfSlot: [Int] = []
    /// A wide sheet's competency columns: the field, and the competency (library ref) its header names.
    public private(set) var competencyColumns: [(field: Int, competency: Int)] = []
    public var isWide: Bool { !competencyColumns.isEmpty }

    /// Opens a file; throws the findings that stop it being read at all (syntax, missing columns, no kind).
    /// `library` lets a wide sheet's competency columns be recognised (without it, only long files are read).
    public init(path: String, kind declared: RecordKind? = nil, options: CSVOptions = CSVOptions(), library: Library? = nil) throws(FindingList) {
        self.path = path
        let lower = path.lowercased()
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
            csv = nil
            let document: YAMLDocument
            do {
                document = try YAMLLoader().loadSingle(try readBytes(path), file: path)
            } catch {
                throw FindingList([Finding(error)])
            }
            let root = document.root
            guard let kindNode = root["kind"], let kindText = kindNode.scalar?.text else {
                throw FindingList([Finding(.error, at: root.mark, "missing 'kind:' (one of \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))")])
            }
            guard let found = RecordKind(rawValue: kindText) else {
                let hint = LibraryLoader.libraryKinds.contains(kindText) ? "; this is a library file: put it under Instruments/" : ""
                throw FindingList([Finding(.error, at: kindNode.mark, "'\(kindText)' is not a kind of input records (\(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")))\(hint)")])
            }
            if let declared, declared != found {
                throw FindingList([Finding(.error, at: kindNode.mark, "the file holds \(found.rawValue), not \(declared.rawValue)")])
            }
            kind = found
            guard let list = root["records"], let items = list.sequence else {
                throw FindingList([Finding(.error, at: root.mark, "missing 'records:' (a list of mappings)")])
            }
            for key in root.mapping!.compactMap({ $0.key.scalar?.text }) where !["kind", "id", "records", "batch", "date"].contains(key) {
                throw FindingList([Finding(.error, at: root[key]!.mark, "unknown key '\(key)'; expected kind, records")])
            }
            records = items
            columns = kind.requiredColumns + kind.optionalColumns
            return
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(path: path, options: options)
        } catch {
            throw FindingList([Finding(.error, at: error.mark, error.message)])
        }
        csv = reader
        records = []
        let normalized = reader.header.map(RecordKind.normalizedColumn)
        let wide = library.flatMap { WideSheet.detect(header: reader.header, declared: declared, library: $0) }
        guard let found = wide?.kind ?? declared ?? RecordKind.detect(header: reader.header) else {
            throw FindingList([
                Finding(
                    .error, at: SourceMark(file: path, line: 1, column: 1),
                    "cannot tell the kind of records from the header (\(reader.header.joined(separator: ", "))); expected the columns of "
                        + RecordKind.allCases.map { "\($0.rawValue) (\($0.requiredColumns.joined(separator: ", ")))" }.joined(separator: ", "))
            ])
        }
        kind = found
        columns = kind.requiredColumns + kind.optionalColumns
        var findings: [Finding] = []
        var seen: [String: Int] = [:]
        for (index, name) in normalized.enumerated() {
            if let first = seen[name] {
                findings.append(Finding(.error, at: reader.headerMarks[index], "column '\(reader.header[index])' appears twice (first at column \(reader.headerMarks[first].column))"))
            }
            seen[name] = seen[name] ?? index
        }
        fieldOfSlot = columns.map { seen[$0] ?? -1 }
        if let wide {
            competencyColumns = wide.columns
            findings += wide.findings(file: path, headerMarks: reader.headerMarks)
        }
        for required in kind.requiredColumns where seen[required] == nil && !(wide?.replaces(required) ?? false) {
            findings.append(
                Finding(
                    .error, at: SourceMark(file: path, line: 1, column: 1),
                    "missing required column '\(required)' for \(kind.rawValue) (the header has: \(reader.header.joined(separator: ", ")))"))
        }
        let competencyFields = Set(competencyColumns.map(\.field))
        ignoredColumns = reader.header.enumerated().filter { !columns.contains(normalized[$0.offset]) && !competencyFields.contains($0.offset) }
            .map(\.element)
        if !findings.isEmpty { throw FindingList(findings) }
    }

    /// The slot of a column of this kind.
    func slot(_ column: String) -> Int { columns.firstIndex(of: column)! }

    /// Calls `body` with each record; CSV syntax errors stop the file and are thrown as a finding.
    public func forEachRecord(_ body: (RecordView) throws -> Void) throws {
        if let csv {
            do {
                if isWide {
                    try forEachWideRecord(csv, body)
                } else {
                    try csv.forEachRow { row in
                        try body(RecordView(backing: .csv(row, fieldOfSlot: fieldOfSlot), line: row.line))
                    }
                }
            } catch let error as CSVError {
                throw FindingList([Finding(.error, at: error.mark, error.message)])
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
                } else {
                    throw FindingList([Finding(.error, at: pair.key.mark, "unknown key '\(key)' for \(kind.rawValue); expected \(keys.joined(separator: ", "))")])
                }
            }
            try body(RecordView(backing: .node(record, keyOfSlot: keyOfSlot), line: record.mark.line))
        }
    }

    /// A wide row as records: one per filled competency cell, its value read through the kind's value
    /// column (`rating` or `level`). A row with no filled cell is handed on once, marked so, to be reported.
    private func forEachWideRecord(_ csv: CSVReader, _ body: (RecordView) throws -> Void) throws {
        let valueSlot = slot(kind == .ratings ? "rating" : "level")
        var mapped = fieldOfSlot
        try csv.forEachRow { row in
            var handed = false
            for column in competencyColumns where !row.isEmpty(column.field) {
                mapped[valueSlot] = column.field
                try body(RecordView(backing: .csv(row, fieldOfSlot: mapped), line: row.line, wide: .cell(competency: column.competency, first: !handed)))
                handed = true
            }
            if !handed { try body(RecordView(backing: .csv(row, fieldOfSlot: fieldOfSlot), line: row.line, wide: .emptyRow)) }
        }
    }

    public var isCSV: Bool { csv != nil }

    /// Bytes read so far (CSV), for progress.
    public var bytesRead: Int { csv?.bytesRead ?? 0 }
}

/// Findings that stop a file being read, thrown together.
public struct FindingList: Error, Sendable {
    public var findings: [Finding]

    public init(_ findings: [Finding]) {
        self.findings = findings
    }
}
