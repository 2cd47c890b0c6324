import Foundation
import MeritCore
import MeritLibrary
import MeritRecords
import MeritYAML

/// Reading record files as the importer does (open, validate every record, finish), without a store.
enum RecordReading {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let workbooks = fixtures.appendingPathComponent("workbooks").path
    static let library: Library = LibraryLoader()
        .load(
            folder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Instruments").path
        ).library!

    struct Outcome {
        var sources: [String] = []
        var records: [InputRecord] = []
        /// Every finding, with `strip` taken out of its text.
        var findings: [String] = []
    }

    static func read(_ path: String, options: RecordOptions = RecordOptions(), strip: String? = nil) -> Outcome {
        var outcome = Outcome()
        let prefix = strip ?? (path as NSString).deletingLastPathComponent + "/"
        func add(_ findings: [Finding]) {
            outcome.findings += findings.map { $0.description.replacingOccurrences(of: prefix, with: "") }
        }
        let files: [RecordFile]
        do {
            files = try RecordFile.open(path, options: options, library: library)
        } catch {
            add(error.findings)
            return outcome
        }
        for file in files {
            outcome.sources.append(file.path.replacingOccurrences(of: prefix, with: ""))
            add(file.notes)
            var validator = RecordValidator(library: library, kind: file.kind, defaultBatch: "uji")
            var findings: [Finding] = []
            do {
                try file.forEachRecord { view in outcome.records += validator.records(view, findings: &findings) }
            } catch let error as FindingList {
                findings += error.findings
            } catch {
                findings.append(Finding(.error, at: .file(file.path), "\(error)"))
            }
            validator.finish(findings: &findings)
            add(findings)
        }
        return outcome
    }

    /// The folder of this test process's temporary files, removed when the process exits (a folder per
    /// file, left behind, filled /tmp over many runs).
    static let scratch: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-records-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: RecordReading.scratch) }
        return folder
    }()

    /// A temporary file holding `bytes`, in a folder of its own (tests run at once may use one name).
    static func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }
}

extension InputRecord {
    var rating: RatingRecord? {
        if case .rating(let record) = self { return record }
        return nil
    }
}

/// A valid NIP for tests: born 1985-03-12, appointed 2010-01, male, serial `n`.
func nip(_ serial: Int) -> String {
    "19850312201001100" + String(serial)
}
