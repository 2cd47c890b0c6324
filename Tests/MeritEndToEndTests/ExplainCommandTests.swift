import Foundation
import Testing

/// `merit explain`: the working behind one person's result, as an assessor would check it by hand.
@Suite struct ExplainCommandTests {
    static let golden = "Tests/MeritEndToEndTests/Golden/explain-199408082017012001.txt"

    func importedExamples(in folder: TemporaryFolder) throws -> String {
        let store = folder.path("merit.sqlite")
        let imported = try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store])
        #expect(imported.status == 0)
        return store
    }

    /// The golden sample has an agreed level replacing a computed one (M.01 Integritas, critical).
    @Test func explainsEveryLevelAndTheJPM() throws {
        let folder = try TemporaryFolder()
        let store = try importedExamples(in: folder)
        let explained = try MeritProcess.run(["explain", "199408082017012001", "--store", store, "--reference-date", "2026-11-22"])
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

    /// A provider's recap without dates: its results have no validity to decide, and every output says so
    /// instead of printing a validity that looks decided.
    @Test func anUndatedRecapShowsItsValidityAsUndecided() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let nip = "199505162017022001"
        let profiles = folder.path("profiles.csv")
        try "nip,name,unit,position,job_level\n\(nip),Hendra Siregar,Bidang Mutasi dan Promosi,kabid-mutasi-promosi,administrator\n"
            .write(toFile: profiles, atomically: true, encoding: .utf8)
        let codes = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01", "T.03", "T.04"]
        let recap = folder.path("rekap.csv")
        try ("nip," + codes.joined(separator: ",") + ",batch\n\(nip)," + codes.map { _ in "3" }.joined(separator: ",") + ",rekap-2025\n")
            .write(toFile: recap, atomically: true, encoding: .utf8)
        let imported = try MeritProcess.run(["import", profiles, recap, "--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("\(recap):1:1: warning: no 'date' column"))

        let scored = try MeritProcess.run(["score", "--store", store, "--reference-date", "2026-11-22", "--format", "csv"])
        #expect(scored.stdout.contains("\(nip),Hendra Siregar,kabid-mutasi-promosi,100.00,100,MS,Memenuhi Syarat,optimal,Optimal,"))
        // Nothing after the flags: no valid_until.
        let row = try #require(scored.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix(nip) })
        #expect(row.hasSuffix(",complete,11 agreed; undated,"))

        let explained = try MeritProcess.run(["explain", nip, "--store", store, "--reference-date", "2026-11-22"])
        #expect(explained.stdout.contains("Tanggal asesmen: — · Berlaku sampai: — (tanggal asesmen tidak tercatat: masa berlaku tidak dapat ditentukan)"))

        let out = folder.path("out")
        #expect(try MeritProcess.run(["plan", nip, "--format", "markdown", "--store", store, "--out", out, "--reference-date", "2026-11-22"]).status == 0)
        let plan = try String(contentsOfFile: out + "/plans/\(nip).md", encoding: .utf8)
        #expect(plan.contains("| — (tanggal asesmen tidak tercatat: masa berlaku tidak dapat ditentukan) — berlaku 3 tahun sejak tanggal asesmen"))
        #expect(!plan.contains("Hasil asesmen masih berlaku"))
    }
}
