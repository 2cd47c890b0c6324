import Foundation
import Testing

/// `merit explain`: the working behind one person's result, as an assessor would check it by hand.
@Suite struct ExplainCommandTests {
    static let golden = "Tests/MeritEndToEndTests/Golden/explain-197801252002031001.txt"

    func importedExamples(in folder: TemporaryFolder) throws -> String {
        let store = folder.path("merit.sqlite")
        let imported = try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store])
        #expect(imported.status == 0)
        return store
    }

    /// The golden sample has an agreed level replacing a computed one (M.03) and a critical competency.
    @Test func explainsEveryLevelAndTheJPM() throws {
        let folder = try TemporaryFolder()
        let store = try importedExamples(in: folder)
        let explained = try MeritProcess.run(["explain", "197801252002031001", "--store", store, "--reference-date", "2026-11-22"])
        #expect(explained.status == 0)
        #expect(explained.stderr == "")
        let path = MeritProcess.projectRoot.appendingPathComponent(Self.golden)
        if ProcessInfo.processInfo.environment["MERIT_UPDATE_GOLDEN"] == "1" {
            try explained.stdout.write(to: path, atomically: true, encoding: .utf8)
        }
        #expect(explained.stdout == (try String(contentsOf: path, encoding: .utf8)))
        #expect(explained.stdout.contains("disepakati level 2 dalam rapat integrasi, menggantikan level hitungan 2"))
    }

    @Test func unknownPersonIsNamedAndExits65() throws {
        let folder = try TemporaryFolder()
        let store = try importedExamples(in: folder)
        let explained = try MeritProcess.run(["explain", "199901012020121001", "--store", store, "--reference-date", "2026-11-22"])
        #expect(explained.status == 65)
        #expect(explained.stdout == "")
        #expect(explained.stderr == "merit: error: no assessment stored for NIP 199901012020121001\n")
    }
}
