import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritLibrary
import MeritRecords
import MeritReports
import MeritYAML

/// Uploads of record files through the whole job (`WholeJob.importAndScore`): every file is kept as sent
/// in the upload folder (`merit.sqlite.uploads/` beside a SQLite store, `merit serve --uploads` for
/// PostgreSQL; 0700, files 0600) and imported all-or-nothing, with its SHA-256 recorded as `merit import`
/// does. An upload with any error imports nothing and keeps no file. Uploads run one at a time: a second
/// assessor's upload waits for the first, and both land whole (on PostgreSQL, the agency's writers in
/// other processes wait their turn too: `PostgresStore.withRecords`).
public actor UploadService {
    /// One file as the browser sent it.
    public struct File: Sendable {
        public var name: String
        public var data: Data

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }
    }

    /// What the upload page shows: each file's counts and every located finding (file names as sent).
    public struct Outcome: Sendable {
        public var committed: Bool
        public var files: [ImportedFile]
        public var findings: [Finding]
        public var people: Int
        public var scored: ScoredCohort?
        /// The store's change stamp the scored cohort is at least as new as (`WholeJob.Outcome.stamp`).
        public var stamp = ""
    }

    let library: Library
    let reports: Reports
    let store: any RecordStore
    /// The largest upload taken, in bytes (the whole form).
    public let limit: Int
    let folder: URL
    /// The upload before this one, which this one waits for (an actor alone would let two interleave
    /// while the store is awaited).
    private var previous: Task<Void, Never>?

    init(library: Library, reports: Reports, store: any RecordStore, folder: String, limit: Int) {
        self.library = library
        self.reports = reports
        self.store = store
        self.limit = limit
        self.folder = URL(fileURLWithPath: folder)
    }

    /// Imports `files` as one import, after the uploads already asked for; `stamp` names the folder the
    /// files are kept in.
    public func upload(_ files: [File], options: ImportOptions, referenceDate: CalendarDate, stamp: String) async throws -> Outcome {
        let before = previous
        let task = Task { [self] in
            await before?.value
            return try await importFiles(files, options: options, referenceDate: referenceDate, stamp: stamp)
        }
        previous = Task { _ = await task.result }
        return try await task.value
    }

    private func importFiles(_ files: [File], options: ImportOptions, referenceDate: CalendarDate, stamp: String) async throws -> Outcome {
        var refused = files.compactMap(Self.refusal)
        var seen: Set<String> = []
        for file in files where !seen.insert(file.name.lowercased()).inserted {
            refused.append(Finding(.error, at: .file(file.name), "two files of this upload are named '\(file.name)': rename one and upload them again"))
        }
        guard refused.isEmpty else {
            return Outcome(committed: false, files: [], findings: refused, people: 0, scored: nil)
        }
        let target = folder.appendingPathComponent(stamp)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        var paths: [String] = []
        for file in files {
            let path = target.appendingPathComponent(file.name).path
            try AtomicFile.write(file.data, to: path)
            paths.append(path)
        }
        let job = WholeJob(library: library, reports: reports, importOptions: options, referenceDate: referenceDate)
        let outcome: WholeJob.Outcome, scored: ScoredCohort?
        do {
            (outcome, scored) = try await store.withRecords(writing: true) { records in
                try job.importAndScore(paths, store: records, progress: SilentProgress())
            }
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw error
        }
        if !outcome.imported.committed { try? FileManager.default.removeItem(at: target) }
        let prefix = target.path + "/"
        func shown(_ finding: Finding) -> Finding {
            var finding = finding
            if finding.location.file.hasPrefix(prefix) { finding.location.file.removeFirst(prefix.count) }
            return finding
        }
        var imported = outcome.imported.files
        for index in imported.indices {
            if imported[index].path.hasPrefix(prefix) { imported[index].path.removeFirst(prefix.count) }
            imported[index].findings = imported[index].findings.map(shown)
        }
        return Outcome(
            committed: outcome.imported.committed, files: imported, findings: imported.flatMap(\.findings), people: outcome.people, scored: scored,
            stamp: outcome.stamp)
    }

    /// Why a file cannot be part of an upload: a name that is not a plain file name, or not a record file.
    static func refusal(_ file: File) -> Finding? {
        let name = file.name
        let plain = !name.isEmpty && name.count <= 200 && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\")
            && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard plain else { return Finding(.error, at: .file(name.isEmpty ? "upload" : name), "not a plain file name: rename the file and upload it again") }
        guard RecordFile.extensions.contains(where: name.lowercased().hasSuffix) else {
            return Finding(.error, at: .file(name), "Merit cannot read this file as records (CSV, .xlsx, .ods, YAML or JSON); upload record files only")
        }
        return nil
    }
}

/// The server shows no progress while an upload is imported: the page answers when it is done.
struct SilentProgress: JobProgress {
    func start(_ phase: String, total: Int) {}
    func advance(by steps: Int) {}
    func finish() {}
}
