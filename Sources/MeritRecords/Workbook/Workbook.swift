import Foundation

/// A spreadsheet workbook on disk: an Office Open XML workbook (`.xlsx`, Excel and LibreOffice Calc) or
/// an OpenDocument spreadsheet (`.ods`), both ZIP archives of XML parts. It knows its sheets and what is
/// needed to read their cells (shared strings, which styles are dates, the 1904 date system); the sheets
/// themselves are streamed, a chunk at a time, so memory does not grow with the sheet.
final class Workbook {
    enum Format {
        case xlsx, ods
    }

    struct Sheet {
        var name: String
        /// The archive entry holding the sheet (xlsx), or the entry holding every sheet (ods).
        var part: String
        /// The sheet's place among the workbook's sheets (ods sheets are found by it in `content.xml`).
        var index: Int
    }

    let path: String
    private(set) var format = Format.xlsx
    private let archive: ZipArchive
    private(set) var sheets: [Sheet] = []
    /// Dates count from 1904-01-01 (workbooks from old Macintosh Excel) rather than 1900.
    private(set) var date1904 = false
    /// By cell style (xlsx `s`): whether a number shows as a date, or as a percentage.
    private(set) var dateStyles: [Bool] = []
    private(set) var percentStyles: [Bool] = []
    private(set) var sharedStrings = SharedStrings()

    /// Opens the workbook and reads its sheet list, styles and shared strings. `bytes`, when given, is
    /// the workbook's content (an upload), and `path` only names it.
    init(path: String, bytes content: [UInt8]? = nil) throws(WorkbookError) {
        self.path = path
        do throws(ZipError) {
            if let content { archive = try ZipArchive(bytes: content) } else { archive = try ZipArchive(path: path) }
        } catch {
            throw WorkbookError("the file is not a readable ZIP archive (\(error.message)); open it in the spreadsheet program and save it again as .xlsx")
        }
        do {
            if archive.entries["mimetype"] != nil,
                String(decoding: try bytes(of: "mimetype", limit: 1 << 10), as: UTF8.self).hasPrefix("application/vnd.oasis.opendocument.spreadsheet")
            {
                format = .ods
                try readODSSheets()
            } else if archive.entries["[Content_Types].xml"] != nil {
                format = .xlsx
                try readXLSXParts()
            } else {
                throw WorkbookError("this ZIP archive is neither an .xlsx workbook nor an .ods spreadsheet")
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError("the workbook cannot be read (\(error)); open it in the spreadsheet program and save it again")
        }
    }

    // MARK: Parts

    func has(_ part: String) -> Bool { archive.entries[part] != nil }

    /// A whole (small) part.
    func bytes(of part: String, limit: Int = 64 << 20) throws -> [UInt8] {
        guard let entry = archive.entries[part] else { throw WorkbookError("the workbook has no part '\(part)'") }
        guard entry.uncompressedSize <= UInt64(limit) else { throw WorkbookError("the part '\(part)' is larger than \(limit >> 20) MB") }
        var bytes: [UInt8] = []
        do {
            try archive.stream(entry, chunkSize: 1 << 16) { bytes.append(contentsOf: $0) }
        } catch let error as ZipError {
            throw WorkbookError("the part '\(part)' is damaged (\(error.message)); open the workbook in the spreadsheet program and save it again")
        }
        return bytes
    }

    /// Streams a part through `consume`, which is handed the bytes not yet consumed and returns how many
    /// it consumed (what is left waits for the next chunk); `final` is true once, after the last chunk.
    ///
    /// A large part (a sheet of many rows) is inflated on another thread, a few chunks ahead of the
    /// parser: on two cores this took a million-row import from ~2.5 s to ~2 s (`merit bench xlsx`), the
    /// importer's storing thread having time to spare while workbook rows are parsed.
    func stream(_ part: String, _ consume: (UnsafeBufferPointer<UInt8>, _ final: Bool) throws -> Int) throws {
        guard let entry = archive.entries[part] else { throw WorkbookError("the workbook has no part '\(part)'") }
        var pending: [UInt8] = []
        func take(_ chunk: [UInt8]) throws {
            pending.append(contentsOf: chunk)
            let used = try pending.withUnsafeBufferPointer { try consume($0, false) }
            pending.removeFirst(used)
        }
        do {
            if entry.uncompressedSize < 8 << 20 {
                try archive.stream(entry, chunkSize: entry.uncompressedSize < 1 << 18 ? 1 << 14 : 1 << 18, take)
            } else {
                try streamAhead(entry, take)
            }
            _ = try pending.withUnsafeBufferPointer { try consume($0, true) }
        } catch let error as ZipError {
            throw WorkbookError("the part '\(part)' is damaged (\(error.message)); open the workbook in the spreadsheet program and save it again")
        } catch let error as XMLProblem {
            throw error.inPart(part)
        }
    }

    /// Inflates on its own thread into a short queue; what either side throws stops both.
    private func streamAhead(_ entry: ZipArchive.Entry, _ take: ([UInt8]) throws -> Void) throws {
        struct Stopped: Error {}
        final class Outcome: @unchecked Sendable {
            var error: (any Error)?
        }
        let queue = BoundedQueue<[UInt8]>(capacity: 4)
        let outcome = Outcome()
        let archive = self.archive
        let inflating = JoinedThread {
            do {
                try archive.stream(entry, chunkSize: 1 << 18) { chunk in
                    guard queue.put(chunk) else { throw Stopped() }
                }
            } catch is Stopped {
            } catch {
                outcome.error = error
            }
            queue.finish()
        }
        defer {
            queue.cancel()
            inflating.join()
        }
        while let chunk = queue.take() { try take(chunk) }
        inflating.join()
        if let error = outcome.error { throw error }
    }

    // MARK: Office Open XML

    private func readXLSXParts() throws {
        let workbookPart = try officeDocumentPart()
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relationships = try XLSXParts.relationships(try bytes(of: Self.relsPath(of: workbookPart)), folder: folder)
        let listed = try XLSXParts.workbook(try bytes(of: workbookPart))
        date1904 = listed.date1904
        for (index, sheet) in listed.sheets.enumerated() {
            guard let target = relationships[sheet.relationship] else {
                throw WorkbookError("sheet '\(sheet.name)' names a part the workbook does not have (\(sheet.relationship))")
            }
            sheets.append(Sheet(name: sheet.name, part: target.path, index: index))
        }
        if let styles = relationships.values.first(where: { $0.type.hasSuffix("/styles") }), has(styles.path) {
            let read = try XLSXParts.styles(try bytes(of: styles.path))
            dateStyles = read.dates
            percentStyles = read.percents
        }
        if let strings = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") }), has(strings.path) {
            var parser = SharedStringsParser()
            try stream(strings.path) { bytes, final in try parser.parse(bytes, final: final) }
            sharedStrings = parser.strings
        }
    }

    private func officeDocumentPart() throws -> String {
        guard has("_rels/.rels") else { return "xl/workbook.xml" }
        let relationships = try XLSXParts.relationships(try bytes(of: "_rels/.rels"), folder: "")
        return relationships.values.first { $0.type.hasSuffix("/officeDocument") }?.path ?? "xl/workbook.xml"
    }

    /// `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    private static func relsPath(of part: String) -> String {
        var pieces = part.split(separator: "/").map(String.init)
        let name = pieces.removeLast()
        return (pieces + ["_rels", name + ".rels"]).joined(separator: "/")
    }

    // MARK: OpenDocument

    private func readODSSheets() throws {
        guard has("content.xml") else { throw WorkbookError("the spreadsheet has no content.xml") }
        var names: [String] = []
        // Sheet names are the `table:name` of each `table:table`, in order; only their start tags are read.
        try stream("content.xml") { bytes, final in try ODSSheetParser.tableNames(bytes, final: final, into: &names) }
        sheets = names.enumerated().map { Sheet(name: $1, part: "content.xml", index: $0) }
    }
}

/// A workbook that cannot be read as one, and what to do.
struct WorkbookError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}

extension XMLProblem {
    /// A problem in a part, as a workbook error.
    func inPart(_ part: String) -> WorkbookError {
        WorkbookError("the part '\(part)' is not well-formed XML (\(message)); open the workbook in the spreadsheet program and save it again")
    }
}
