#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ZIPFoundation

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
    let format: Format
    private let archive: Archive
    /// The archive's entries by path, read once: ZIPFoundation finds an entry by reading its whole
    /// central directory again, a seek and a read per entry.
    private var entries: [String: Entry] = [:]
    private(set) var sheets: [Sheet] = []
    /// Dates count from 1904-01-01 (workbooks from old Macintosh Excel) rather than 1900.
    private(set) var date1904 = false
    /// By cell style (xlsx `s`): whether a number shows as a date, or as a percentage.
    private(set) var dateStyles: [Bool] = []
    private(set) var percentStyles: [Bool] = []
    private(set) var sharedStrings = SharedStrings()

    /// Opens the workbook and reads its sheet list, styles and shared strings. `bytes`, when given, is
    /// the workbook's content (an upload), and `path` only names it.
    init(path: String, bytes: [UInt8]? = nil) throws(WorkbookError) {
        self.path = path
        do {
            if let bytes {
                archive = try Self.openPrivateCopy(of: bytes)
            } else {
                archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError("the file is not a readable ZIP archive (\(error)); open it in the spreadsheet program and save it again as .xlsx")
        }
        for entry in archive.prefix(10_000) where entries[entry.path] == nil { entries[entry.path] = entry }
        do {
            if let mimetype = entries["mimetype"], try Self.text(of: mimetype, in: archive).hasPrefix("application/vnd.oasis.opendocument.spreadsheet") {
                format = .ods
                try readODSSheets()
            } else if entries["[Content_Types].xml"] != nil {
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

    /// A workbook held in memory, opened through a private file (mode 0600, removed once open): ZIPFoundation's
    /// memory-backed archive traps on an entry offset past the end of its data (weichsel/ZIPFoundation#394,
    /// found by the `xlsx` fuzz target), where its file-backed one reads an end of file.
    private static func openPrivateCopy(of bytes: [UInt8]) throws -> Archive {
        let path = NSTemporaryDirectory() + "/merit-workbook-\(UUID().uuidString).zip"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw WorkbookError("the workbook cannot be read: no private copy can be made in \(NSTemporaryDirectory())") }
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { throw WorkbookError("the workbook cannot be read: no room for a private copy in \(NSTemporaryDirectory())") }
        return try Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil)
    }

    // MARK: Parts

    /// A whole (small) part.
    func bytes(of part: String) throws -> [UInt8] {
        guard let entry = entries[part] else { throw WorkbookError("the workbook has no part '\(part)'") }
        return try Self.bytes(of: entry, in: archive, limit: 64 << 20)
    }

    private static func bytes(of entry: Entry, in archive: Archive, limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16) { data in
                bytes.append(contentsOf: data)
                if bytes.count > limit { throw WorkbookError("the part '\(entry.path)' is larger than \(limit >> 20) MB") }
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw WorkbookError("the part '\(entry.path)' is damaged (\(error)); open the workbook in the spreadsheet program and save it again")
        }
        return bytes
    }

    private static func text(of entry: Entry, in archive: Archive) throws -> String {
        String(decoding: try bytes(of: entry, in: archive, limit: 1 << 16), as: UTF8.self)
    }

    /// Streams a part through `consume`, which is handed the bytes not yet consumed and returns how many
    /// it consumed (what is left waits for the next chunk); `final` is true once, after the last chunk.
    /// What `consume` throws comes out as it is; what the archive throws is a damaged part.
    func stream(_ part: String, _ consume: (UnsafeBufferPointer<UInt8>, _ final: Bool) throws -> Int) throws {
        guard let entry = entries[part] else { throw WorkbookError("the workbook has no part '\(part)'") }
        struct Stopped: Error {}
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 19)
        var consumerError: (any Error)?
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 18) { data in
                pending.append(contentsOf: data)
                do {
                    let used = try pending.withUnsafeBufferPointer { try consume($0, false) }
                    pending.removeFirst(used)
                } catch {
                    consumerError = error
                    throw Stopped()
                }
            }
        } catch {
            if let consumerError { throw (consumerError as? XMLProblem)?.inPart(part) ?? consumerError }
            throw WorkbookError("the part '\(part)' is damaged (\(error)); open the workbook in the spreadsheet program and save it again")
        }
        do {
            _ = try pending.withUnsafeBufferPointer { try consume($0, true) }
        } catch let error as XMLProblem {
            throw error.inPart(part)
        }
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
        if let styles = relationships.values.first(where: { $0.type.hasSuffix("/styles") }), entries[styles.path] != nil {
            let read = try XLSXParts.styles(try bytes(of: styles.path))
            dateStyles = read.dates
            percentStyles = read.percents
        }
        if let strings = relationships.values.first(where: { $0.type.hasSuffix("/sharedStrings") }), entries[strings.path] != nil {
            var parser = SharedStringsParser()
            try stream(strings.path) { bytes, final in try parser.parse(bytes, final: final) }
            sharedStrings = parser.strings
        }
    }

    private func officeDocumentPart() throws -> String {
        guard entries["_rels/.rels"] != nil else { return "xl/workbook.xml" }
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
        guard entries["content.xml"] != nil else { throw WorkbookError("the spreadsheet has no content.xml") }
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
