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
    public var csv: CSVOptions
    /// Findings kept per file (the count of the rest is reported).
    public var maxFindingsPerFile: Int
    /// Ratings held in memory before their sheets are written (about 110 bytes each). The larger, the
    /// fewer times a file whose rows of one person lie far apart (sorted by instrument, say) merges a sheet.
    var ratingsHeldInMemory = 3_000_000

    public init(
        kind: RecordKind? = nil, batch: String = "default", battery: String? = nil, replace: Bool = false,
        csv: CSVOptions = CSVOptions(), maxFindingsPerFile: Int = 1_000
    ) {
        self.kind = kind
        self.batch = batch
        self.battery = battery
        self.replace = replace
        self.csv = csv
        self.maxFindingsPerFile = maxFindingsPerFile
    }
}

/// What happened to one file.
public struct ImportedFile: Sendable {
    public var path: String
    public var kind: RecordKind?
    public var rows = 0
    public var inserted = 0
    public var unchanged = 0
    public var replaced = 0
    /// The file's content and kind were imported before (at this time): nothing was done.
    public var alreadyImported: String?
    public var ignoredColumns: [String] = []
    public var findings: [Finding] = []
    /// Findings beyond the per-file limit, counted only.
    public var moreFindings = 0
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
                    files.append(try importFile(path, session: session, options: options, progress: progress))
                }
                if files.contains(where: { !$0.findings.filter { $0.severity == .error }.isEmpty }) { throw Rollback() }
                if let battery = options.battery { try session.setBattery(battery, forBatch: options.batch) }
            }
        } catch is Rollback {
            return ImportResult(files: files, committed: false)
        }
        return ImportResult(files: files, committed: true)
    }

    private func importFile(_ path: String, session: ImportSession, options: ImportOptions, progress: ((Int) -> Void)?) throws -> ImportedFile {
        var report = ImportedFile(path: path)
        // Small files are hashed first (a re-import is then skipped at once); large ones are hashed on the
        // other core while they import, under a savepoint that is rolled back if the hash was seen before.
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let hashing = DigestTask(path: path, background: size > 8 << 20)
        let file: RecordFile
        do {
            file = try RecordFile(path: path, kind: options.kind, options: options.csv, library: library)
        } catch {
            report.findings = error.findings
            return report
        }
        report.kind = file.kind
        report.ignoredColumns = file.ignoredColumns
        let pending = hashing.isBackground
        if pending {
            _ = try session.beginPending(file: path, kind: file.kind)
        } else {
            guard let digest = hashing.wait() else {
                report.findings = [Finding(.error, at: .file(path), "cannot read the file")]
                return report
            }
            let started = try session.begin(file: path, sha256: digest, kind: file.kind)
            if let earlier = started.alreadyImported {
                report.alreadyImported = earlier
                return report
            }
        }
        var kept: [Finding] = []
        var dropped = 0
        let before = (session.inserted, session.unchanged, session.replaced)
        func keep(_ findings: inout [Finding]) {
            let room = max(0, options.maxFindingsPerFile - kept.count)
            kept += findings.prefix(room)
            dropped += max(0, findings.count - room)
            findings.removeAll(keepingCapacity: true)
        }
        let rows: Int
        if file.isCSV {
            let read = try pipelined(file, session: session, options: options, progress: progress)
            rows = read.rows
            var producerFindings = read.findings
            keep(&producerFindings)
            var storeFindings = read.storeFindings
            keep(&storeFindings)
            dropped += read.moreFindings
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
                keep(&findings)
            }
            rows = count
        }
        var sheetFindings: [Finding] = []
        try session.writeSheets(&sheetFindings)
        keep(&sheetFindings)
        if pending {
            guard let digest = hashing.wait() else {
                report.findings = [Finding(.error, at: .file(path), "cannot read the file")]
                return report
            }
            if let earlier = try session.settlePending(sha256: digest, kind: file.kind) {
                report.alreadyImported = earlier
                return report
            }
        }
        try session.finish(rows: rows)
        report.rows = rows
        report.inserted = session.inserted - before.0
        report.unchanged = session.unchanged - before.1
        report.replaced = session.replaced - before.2
        report.findings = kept.sorted()
        report.moreFindings = dropped
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
