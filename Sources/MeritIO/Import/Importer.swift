import Foundation
import GRDB
import MeritCore
import MeritYAML

/// What `merit import` is asked to do.
public struct ImportOptions: Sendable {
    /// The kind of every file, when the header or `kind:` should not decide it.
    public var kind: RecordKind?
    /// The batch of rows without a `batch` column.
    public var batch: String
    /// The battery the batch followed (else each person's position decides it when scoring).
    public var battery: String?
    /// Replace stored rows that conflict, recording each replacement.
    public var replace: Bool
    /// Let a batch become a person's latest assessment though it covers fewer competencies or
    /// instruments than the one it replaces (a partial re-assessment, on purpose).
    public var partialBatch: Bool
    public var csv: CSVOptions
    /// Columns to leave out (any other column Merit does not use is an error).
    public var ignoredColumns: [String]
    /// The sheets to read from workbooks (default: every sheet holding records).
    public var sheets: [String]
    /// Findings kept per file (the count of the rest is reported).
    public var maxFindingsPerFile: Int
    /// Ratings held in memory before their sheets are written (about 110 bytes each). The larger, the
    /// fewer times a file whose rows of one person lie far apart (sorted by instrument, say) merges a sheet.
    var ratingsHeldInMemory = 3_000_000

    public init(
        kind: RecordKind? = nil, batch: String = "default", battery: String? = nil, replace: Bool = false, partialBatch: Bool = false,
        csv: CSVOptions = CSVOptions(), ignoredColumns: [String] = [], sheets: [String] = [], maxFindingsPerFile: Int = 1_000
    ) {
        self.kind = kind
        self.batch = batch
        self.battery = battery
        self.replace = replace
        self.partialBatch = partialBatch
        self.csv = csv
        self.ignoredColumns = ignoredColumns
        self.sheets = sheets
        self.maxFindingsPerFile = maxFindingsPerFile
    }

    var records: RecordOptions { RecordOptions(kind: kind, csv: csv, ignoredColumns: ignoredColumns, sheets: sheets) }
}

/// What happened to one file (or one sheet of a workbook).
public struct ImportedFile: Sendable {
    public var path: String
    public var kind: RecordKind?
    public var rows = 0
    public var inserted = 0
    public var unchanged = 0
    public var replaced = 0
    /// The file's content and kind were imported before (at this time): nothing was done.
    public var alreadyImported: String?
    /// The file has a header and no rows: nothing was imported and no import recorded.
    public var isEmpty = false
    public var ignoredColumns: [String] = []
    public var findings: [Finding] = []
    /// Findings not shown (beyond the first few of each kind), counted in the notes.
    public var moreFindings = 0
    /// Errors beyond those shown in `findings` (counted in its notes).
    public var hiddenErrors = 0
    /// Errors found in all, shown or not.
    public var errors: Int { findings.errorCount + hiddenErrors }
}

/// The outcome of one `merit import`: all files are stored, or none.
public struct ImportResult: Sendable {
    public var files: [ImportedFile]
    public var committed: Bool
    public var findings: [Finding] { files.flatMap(\.findings) }
}

/// Imports record files into the store: validates every row against the library, and stores all files
/// in one transaction that is rolled back when any file has an error.
public struct Importer {
    public let library: Library
    public let store: MeritStore

    public init(library: Library, store: MeritStore) {
        self.library = library
        self.store = store
    }

    private struct Rollback: Error {}

    public func run(_ paths: [String], options: ImportOptions = ImportOptions(), progress: ((Int) -> Void)? = nil) throws -> ImportResult {
        var files: [ImportedFile] = []
        if let battery = options.battery, library.batteries[battery] == nil {
            var file = ImportedFile(path: paths.first ?? "")
            file.findings = [Finding(.error, at: .file(paths.first ?? "import"), "unknown battery '\(battery)'")]
            return ImportResult(files: [file], committed: false)
        }
        do {
            try store.transaction { db in
                let session = try ImportSession(
                    db: db, library: library, replace: options.replace, storePath: store.path, ratingsHeld: options.ratingsHeldInMemory)
                for path in paths {
                    files += try importFile(path, session: session, options: options, progress: progress)
                }
                if !options.replace && !options.partialBatch && !files.contains(where: { $0.errors > 0 }) {
                    for finding in try session.partialBatchFindings() {
                        let index = files.firstIndex { finding.location.file == $0.path } ?? 0
                        files[index].findings.append(finding)
                    }
                }
                if files.contains(where: { $0.errors > 0 }) { throw Rollback() }
                if let battery = options.battery { try session.setBattery(battery, forBatch: options.batch) }
            }
        } catch is Rollback {
            return ImportResult(files: files, committed: false)
        }
        return ImportResult(files: files, committed: true)
    }

    /// Imports one file: each of its record sources (a workbook's sheets) in turn.
    private func importFile(_ path: String, session: ImportSession, options: ImportOptions, progress: ((Int) -> Void)?) throws -> [ImportedFile] {
        // Small files are hashed first (a re-import is then skipped at once); large ones are hashed on the
        // other core while they import, under a savepoint that is rolled back if the hash was seen before.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let hashing = DigestTask(path: path, background: size > 8 << 20)
        let sources: [RecordFile]
        do {
            sources = try RecordFile.open(path, options: options.records, library: library)
        } catch {
            var report = ImportedFile(path: path)
            report.findings = error.findings
            return [report]
        }
        var reports: [ImportedFile] = []
        for file in sources {
            reports.append(try importSource(file, hashing: hashing, session: session, options: options, progress: progress))
        }
        return reports
    }

    private func importSource(
        _ file: RecordFile, hashing: DigestTask, session: ImportSession, options: ImportOptions, progress: ((Int) -> Void)?
    ) throws -> ImportedFile {
        var report = ImportedFile(path: file.path)
        report.kind = file.kind
        report.ignoredColumns = file.ignoredColumns
        // A sheet is told apart from the workbook's other sheets by its name beside the workbook's digest.
        let suffix = file.sheet.map { "[\($0)]" } ?? ""
        let pending = hashing.isBackground
        if pending {
            _ = try session.beginPending(file: file.path, kind: file.kind, isSheet: file.sheet != nil)
        } else {
            guard let digest = hashing.wait() else {
                report.findings = [Finding(.error, at: .file(file.sourcePath), "cannot read the file")]
                return report
            }
            let started = try session.begin(file: file.path, sha256: digest + suffix, kind: file.kind, isSheet: file.sheet != nil)
            if let earlier = started.alreadyImported {
                report.alreadyImported = earlier
                return report
            }
        }
        var summary = FindingSummary(file: file.path, maxKept: options.maxFindingsPerFile)
        let before = (session.inserted, session.unchanged, session.replaced)
        // Repeated findings are summarised by kind, and counted however many there are.
        func keep(_ findings: inout [Finding]) {
            summary.add(findings)
            findings.removeAll(keepingCapacity: true)
        }
        let rows: Int
        if file.isTable {
            let read = try pipelined(file, session: session, options: options, progress: progress)
            rows = read.rows
            summary.merge(read.summary)
            var storeFindings = read.storeFindings
            keep(&storeFindings)
        } else {
            var validator = RecordValidator(library: library, kind: file.kind, defaultBatch: options.batch)
            var findings: [Finding] = []
            var count = 0
            do {
                try file.forEachRecord { view in
                    if view.isFirstOfRow { count += 1 }
                    if count % 65_536 == 0 { progress?(file.bytesRead) }
                    for record in validator.records(view, findings: &findings) {
                        try session.store(record, at: { view.mark }, battery: options.battery, findings: &findings)
                    }
                    if !findings.isEmpty { keep(&findings) }
                }
            } catch let error as FindingList {
                findings += error.findings
            }
            validator.finish(findings: &findings)
            keep(&findings)
            rows = count
        }
        var sheetFindings: [Finding] = []
        try session.writeSheets(&sheetFindings)
        keep(&sheetFindings)
        if rows == 0 && summary.findings.isEmpty {
            // A header and no rows: nothing to import, and no import to record.
            try session.discardFile(pending: pending)
            report.isEmpty = true
            report.findings = file.notes
            return report
        }
        if pending {
            guard let digest = hashing.wait() else {
                report.findings = [Finding(.error, at: .file(file.sourcePath), "cannot read the file")]
                return report
            }
            if let earlier = try session.settlePending(sha256: digest + suffix, kind: file.kind) {
                report.alreadyImported = earlier
                return report
            }
        }
        try session.finish(rows: rows)
        report.rows = rows
        report.inserted = session.inserted - before.0
        report.unchanged = session.unchanged - before.1
        report.replaced = session.replaced - before.2
        // The file's notes first, then its findings in order, then the counts of repeated ones.
        report.findings = file.notes + (file.undatedWarning.map { [$0] } ?? []) + summary.findings
        report.moreFindings = summary.dropped
        report.hiddenErrors = summary.errorCount - report.findings.errorCount
        return report
    }

    /// The file's SHA-256, read in chunks.
    static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { raw in hasher.update(raw.bindMemory(to: UInt8.self)) }
        }
        return hasher.hexDigest()
    }
}

/// A file's SHA-256, computed now or on another thread.
final class DigestTask: @unchecked Sendable {
    let isBackground: Bool
    private let done = DispatchSemaphore(value: 0)
    private var digest: String?

    init(path: String, background: Bool) {
        isBackground = background
        if background {
            DispatchQueue.global().async {
                self.digest = try? Importer.sha256(of: path)
                self.done.signal()
            }
        } else {
            digest = try? Importer.sha256(of: path)
            done.signal()
        }
    }

    /// The digest, or nil when the file could not be read.
    func wait() -> String? {
        done.wait()
        done.signal()
        return digest
    }
}
