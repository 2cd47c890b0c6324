import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritLibrary
import MeritReports
import Synchronization
import Testing

/// The whole job as `merit run` and the server run it, with the reports kept in memory.
@Suite struct WholeJobTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = ["profiles", "ratings", "tests", "levels"].map { root.appendingPathComponent("Instruments/examples/\($0).csv").path }

    /// Reports written, by folder/name.
    final class MemoryOutput: ReportOutput {
        let files = Mutex<[String: Data]>([:])
        func write(_ data: Data, to name: String, in folder: String) throws -> [String] {
            let path = folder.isEmpty ? name : folder + "/" + name
            files.withLock { $0[path] = data }
            return [path]
        }
    }

    /// Phases in the order they started.
    final class Phases: JobProgress {
        let started = Mutex<[String]>([])
        func start(_ phase: String, total: Int) { started.withLock { $0.append(phase) } }
        func advance(by steps: Int) {}
        func finish() {}
    }

    static func job() throws -> (WholeJob, MeritStore, URL) {
        let library = try #require(LibraryLoader().load(folder: root.appendingPathComponent("Instruments").path).library)
        let reports = try Reports(library: library, language: "id", templates: ReportTemplates(folder: nil))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-job-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        let job = WholeJob(
            library: library, reports: reports, importOptions: ImportOptions(), referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
        return (job, store, folder)
    }

    @Test func theExamplesGiveEveryReport() throws {
        let (job, store, folder) = try Self.job()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = MemoryOutput()
        let phases = Phases()
        let outcome = try job.run(Self.examples, store: store, output: output, progress: phases)
        #expect(outcome.imported.committed)
        #expect(outcome.people == 40)
        #expect(outcome.written == ["plans": 120, "gaps": 16, "talent": 6])
        let names = output.files.withLock { Set($0.keys) }
        #expect(names.count == 142)
        #expect(names.contains("plans/197702102007051001.html") && names.contains("plans/197702102007051001.yaml"))
        #expect(names.contains("gaps/gaps-competency.csv") && names.contains("talent/talent-counts.json"))
        #expect(phases.started.withLock { $0 } == ["importing 4 files", "scoring", "plans", "summaries"])
        // The counts-only map names nobody.
        let counts = String(decoding: try #require(output.files.withLock { $0["talent/talent-counts.csv"] }), as: UTF8.self)
        #expect(!counts.contains("197702102007051001") && !counts.contains("Siti Saputra"))
        #expect(try store.contentDump().contains { $0.hasPrefix("scoring_runs: ") }, "the results are saved")
    }

    @Test func aFileWithAnErrorImportsAndWritesNothing() throws {
        let (job, store, folder) = try Self.job()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("tests.csv").path
        try "nip,instrument,raw_score,date\n197702102007051001,no-such-test,12,2026-03-16\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let output = MemoryOutput()
        let outcome = try job.run([Self.examples[0], bad], store: store, output: output, progress: Phases())
        #expect(!outcome.imported.committed)
        #expect(outcome.imported.findings.map(\.description) == ["\(bad):2:20: error: column 'instrument' (B): unknown instrument 'no-such-test'"])
        #expect(output.files.withLock { $0.isEmpty })
        #expect(try store.isEmpty())
    }

    @Test func aFolderListsWhatItCannotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-folder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["ratings.csv", "levels.xlsx", "scan.pdf", "README.md", ".hidden"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let listing = try RecordFolder(folder.path)
        #expect(listing.files == ["levels.xlsx", "ratings.csv"].map { folder.appendingPathComponent($0).path })
        #expect(listing.refused.map(\.description) == [
            "\(folder.path)/scan.pdf: error: Merit cannot read this file as records (CSV, .xlsx, .ods, YAML or JSON); move it out of the folder"
        ])
        #expect(listing.notes.map(\.description) == [
            "\(folder.path): note: not read: .hidden, README.md (hidden files, subfolders and READMEs are not records)"
        ])
        #expect(throws: RecordFolder.Unreadable.self) { try RecordFolder(folder.appendingPathComponent("missing").path) }
    }
}
