import Foundation
import MeritCore
import MeritLibrary
import MeritYAML

extension RecordFile {
    /// Opens a file as record sources: one for a CSV, YAML or JSON file, one per sheet holding records for
    /// a workbook. What the file is comes from its content, not its name (an .xlsx renamed .csv is still a
    /// workbook); a file Merit cannot read as records is an error that says what it is and what to do.
    public static func open(_ path: String, options: RecordOptions = RecordOptions(), library: Library? = nil) throws(FindingList) -> [RecordFile] {
        try open(path, bytes: nil, options: options, library: library)
    }

    /// Reads record sources from a file's content held in memory (an upload); `name` names it in findings
    /// and its extension says YAML or JSON, as a path's would.
    public static func open(named name: String, bytes: [UInt8], options: RecordOptions = RecordOptions(), library: Library? = nil) throws(FindingList) -> [RecordFile] {
        try open(name, bytes: bytes, options: options, library: library)
    }

    private static func open(_ path: String, bytes: [UInt8]?, options: RecordOptions, library: Library?) throws(FindingList) -> [RecordFile] {
        let lower = path.lowercased()
        let start: [UInt8]
        if let bytes { start = Array(bytes.prefix(8)) } else { start = try firstBytes(path) }
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return try workbook(path, bytes: bytes, options: options, library: library)
        }
        if start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw refusal(path, "this is an Excel 97–2003 workbook (.xls), which Merit does not read; save it as an Excel Workbook (.xlsx) or as CSV UTF-8")
        }
        if [".xlsx", ".xlsm", ".ods", ".xls"].contains(where: lower.hasSuffix) {
            throw refusal(path, "the file is named as a workbook but is not one (it is not a ZIP archive); open it in the spreadsheet program and save it as .xlsx")
        }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
            let document: YAMLDocument
            do {
                let content: [UInt8]
                if let bytes { content = bytes } else { content = try readBytes(path) }
                if lower.hasSuffix(".json") { try JSONSyntax.check(content, file: path) }
                document = try YAMLLoader().loadSingle(content, file: path)
            } catch {
                throw FindingList([Finding(error)])
            }
            return [try RecordFile(document: document, path: path, options: options)]
        }
        let reader: CSVReader
        do {
            if let bytes {
                reader = try CSVReader(bytes: bytes, file: path, options: options.csv)
            } else {
                reader = try CSVReader(path: path, options: options.csv)
            }
        } catch {
            throw FindingList([Finding(.error, at: error.mark, error.message)])
        }
        return [try RecordFile(table: reader, sourcePath: path, sheet: nil, options: options, library: library)]
    }

    /// The kinds of file `open` reads, by name, for a folder's listing.
    public static let extensions = [".csv", ".tsv", ".txt", ".yaml", ".yml", ".json", ".xlsx", ".xlsm", ".ods"]

    private static func firstBytes(_ path: String) throws(FindingList) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw refusal(path, "cannot read the file") }
        defer { try? handle.close() }
        let data: Data? = try? handle.read(upToCount: 8)
        return data.map { Array($0) } ?? []
    }

    private static func refusal(_ path: String, _ message: String) -> FindingList {
        FindingList([Finding(.error, at: .file(path), message)])
    }

    /// Every sheet of a workbook that holds records (or the sheets `--sheet` names). Empty sheets hold
    /// nothing and are passed over; a sheet with content but no header Merit knows is an error, since its
    /// content would otherwise go unread.
    private static func workbook(_ path: String, bytes: [UInt8]?, options: RecordOptions, library: Library?) throws(FindingList) -> [RecordFile] {
        let book: Workbook
        do {
            book = try Workbook(path: path, bytes: bytes)
        } catch {
            throw refusal(path, error.message)
        }
        let names = book.sheets.map(\.name)
        var wanted = book.sheets
        if !options.sheets.isEmpty {
            let missing = options.sheets.filter { !names.contains($0) }
            if !missing.isEmpty {
                throw refusal(path, "no sheet named \(missing.map { "'\($0)'" }.joined(separator: ", ")) in this workbook; its sheets are \(names.map { "'\($0)'" }.joined(separator: ", "))")
            }
            wanted = book.sheets.filter { options.sheets.contains($0.name) }
        }
        let chosen = !options.sheets.isEmpty
        let ignored = options.ignored
        let isHeader: ([String]) -> Bool = { header in
            if let kind = options.kind { return Set(kind.requiredColumns).isSubset(of: Set(header.map(RecordKind.normalizedColumn))) }
            if RecordKind.detect(header: header) != nil { return true }
            return library.flatMap { WideSheet.detect(header: header, declared: nil, library: $0, ignored: ignored) } != nil
        }
        var files: [RecordFile] = []
        var findings: [Finding] = []
        for sheet in wanted {
            let label = Worksheet.label(path, sheet.name)
            do {
                let top = try Worksheet.top(of: sheet, in: book, maxFieldBytes: options.csv.maxFieldBytes, isHeader: isHeader)
                switch top {
                case .header:
                    let table = Worksheet(workbook: book, sheet: sheet, top: top, maxFieldBytes: options.csv.maxFieldBytes)
                    let file = try RecordFile(table: table, sourcePath: path, sheet: sheet.name, options: options, library: library)
                    if !table.rowsAbove.isEmpty {
                        let above = table.rowsAbove.prefix(3).map { "row \($0.row) '\($0.text.excerpt)'" }.joined(separator: ", ")
                        file.notes.append(
                            Finding(.note, at: .cell(label, row: table.headerRow, column: 0), "the header is row \(table.headerRow); the rows above it are not records and are not read (\(above))"))
                    }
                    files.append(file)
                case .empty:
                    if chosen { findings.append(Finding(.error, at: .file(label), "the sheet is empty")) }
                case .noHeader(let rows):
                    let first = rows.prefix(2).map { "row \($0.row) '\($0.text.excerpt)'" }.joined(separator: ", ")
                    let advice = chosen
                        ? "expected a header with the columns of " + RecordKind.allCases.map { "\($0.rawValue) (\($0.requiredColumns.joined(separator: ", ")))" }.joined(separator: ", ")
                        : "to import only the other sheets, name them with --sheet"
                    findings.append(
                        Finding(
                            .error, at: .file(label),
                            "no header row Merit knows in \(rows.count == 1 ? "its only row" : "the first \(rows.count) rows") with content (\(first)); \(advice)"))
                }
            } catch let error as FindingList {
                findings += error.findings
            } catch let error as CSVError {
                findings.append(Finding(.error, at: error.mark, error.message))
            } catch let error as WorkbookError {
                findings.append(Finding(.error, at: .file(label), error.message))
            } catch {
                findings.append(Finding(.error, at: .file(label), "\(error)"))
            }
        }
        if !findings.isEmpty { throw FindingList(findings) }
        if files.isEmpty {
            throw refusal(path, "no sheet of this workbook holds records (its sheets: \(names.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        return files
    }
}
