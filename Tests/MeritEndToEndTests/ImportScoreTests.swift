import Foundation
import Testing

/// The store a test uses, in a folder of its own.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("merit-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

@Suite struct ImportScoreTests {
    static let examples = ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"].map { "Instruments/examples/\($0)" }

    @Test func examplesImportAndScore() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let imported = try MeritProcess.run(["import"] + Self.examples + ["--store", store])
        #expect(imported.status == 0)
        #expect(imported.stderr == "")
        #expect(imported.stdout == """
            Instruments/examples/profiles.csv: 40 profiles rows, 40 stored
            Instruments/examples/ratings.csv: 2038 ratings rows, 2038 stored
            Instruments/examples/tests.csv: 80 tests rows, 80 stored
            Instruments/examples/levels.csv: 3 levels rows, 3 stored

            """)
        let again = try MeritProcess.run(["import", "Instruments/examples/ratings.csv", "--store", store])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Instruments/examples/ratings.csv: ratings already imported ("))
        #expect(again.stdout.hasSuffix("); nothing to do\n"))

        let scored = try MeritProcess.run(["score", "--store", store, "--reference-date", "2026-11-22", "--format", "csv"])
        #expect(scored.status == 0)
        let golden = try String(contentsOfFile: MeritProcess.projectRoot.appendingPathComponent("Tests/MeritEndToEndTests/Golden/examples-score.csv").path, encoding: .utf8)
        #expect(scored.stdout == golden)

        let shortlist = try MeritProcess.run(["shortlist", "--position", "kabid-mutasi-promosi", "--top", "3", "--store", store, "--format", "csv", "--reference-date", "2026-11-22"])
        #expect(shortlist.status == 0)
        let lines = shortlist.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.first == "rank,nip,name,qualified,selection,selection_label,jpm,jpm_exact,critical_gaps,gap_points,tie")
        #expect(lines.count >= 4)
        #expect(lines.dropFirst().first?.hasPrefix("1,") == true)
    }

    /// JSON keeps the JPM's decimals (a string: `100.00`, never `100`), gives the exact value beside it and
    /// names every category by id and label, in score, shortlist and plan alike.
    @Test func jsonKeepsDecimalsAndNamesCategories() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + Self.examples + ["--store", store]).status == 0)
        let scored = try MeritProcess.run(["score", "--store", store, "--reference-date", "2026-11-22", "--format", "json"])
        let people = try #require(try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [[String: Any]])
        let hendra = try #require(people.first { $0["nip"] as? String == "199702252022032001" })
        #expect(hendra["jpm"] as? String == "100.00")
        #expect(hendra["jpm_exact"] as? String == "100")
        #expect(hendra["selection"] as? String == "MS")
        #expect(hendra["selection_label"] as? String == "Memenuhi Syarat")
        #expect(hendra["mapping"] as? String == "optimal")
        #expect(hendra["mapping_label"] as? String == "Optimal")
        #expect(hendra["box"] as? Int == 8)

        let shortlist = try MeritProcess.run(["shortlist", "--position", "kasubbag-program-keuangan", "--top", "40", "--store", store, "--reference-date", "2026-11-22", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(shortlist.stdout.utf8)) as? [[String: Any]])
        let entry = try #require(entries.first { $0["nip"] as? String == "199702252022032001" })
        #expect(entry["jpm"] as? String == "150.00")
        #expect(entry["jpm_exact"] as? String == "150")
        #expect(entry["selection"] as? String == "MS")
        #expect(entry["selection_label"] as? String == "Memenuhi Syarat")
        #expect(entry["gap_points"] as? String == "0.0")
        #expect(entry["rank"] as? Int == 31)

        let out = folder.path("out")
        #expect(try MeritProcess.run(["plan", "199702252022032001", "--format", "json", "--store", store, "--out", out, "--reference-date", "2026-11-22"]).status == 0)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/plans/199702252022032001.json"))) as? [String: Any])
        let assessment = try #require(plan["assessment"] as? [String: Any])
        #expect(assessment["jpm"] as? String == "100,00")
        #expect(assessment["jpmValue"] as? String == "100.00")
        #expect(assessment["jpmExact"] as? String == "100")
        #expect(assessment["selectionCategory"] as? [String: String] == ["id": "MS", "label": "Memenuhi Syarat"])
        #expect(assessment["mappingCategory"] as? [String: String] == ["id": "optimal", "label": "Optimal"])
    }

    /// A store whose rating sheet was damaged outside merit: scoring, a history and importing into that sheet stop
    /// with the store's path, the person and the batch, exit 74; nothing is imported.
    @Test func damagedStoreIsNamedAndExits74() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + Self.examples + ["--store", store]).status == 0)
        let nip = try MeritProcess.sqlite(store, "SELECT nip FROM people WHERE id = 3;").trimmingCharacters(in: .newlines)
        _ = try MeritProcess.sqlite(store, "UPDATE rating_sheets SET ratings = substr(ratings, 1, 100) WHERE person_id = 3;")
        let damage = "the rating sheet of \(nip) in batch 'asesmen-2026' is damaged (at byte 100 of its JSON); restore the store from a backup\n"

        let scored = try MeritProcess.run(["score", "--store", store, "--format", "csv"])
        #expect(scored.status == 74)
        #expect(scored.stderr == "\(store): error: " + damage)
        // Scoring every batch for the person's history reads the same sheet.
        let history = try MeritProcess.run(["history", nip, "--store", store])
        #expect(history.status == 74)
        #expect(history.stderr == "\(store): error: " + damage)

        let more = folder.path("more.csv")
        try "nip,instrument,competency,assessor,rating,batch\n\(nip),lgd,integritas,asesor-baru,3,asesmen-2026\n".write(toFile: more, atomically: true, encoding: .utf8)
        let before = try MeritProcess.sqlite(store, "SELECT count(*) FROM imports;")
        let imported = try MeritProcess.run(["import", more, "--store", store])
        #expect(imported.status == 74)
        #expect(imported.stderr == "\(store): error: the import was rolled back: " + damage)
        #expect(try MeritProcess.sqlite(store, "SELECT count(*) FROM imports;") == before)
    }

    /// A provider's recap (wide levels with JPM and category) is checked against Merit's own results.
    @Test func providerResultsAreVerified() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + Self.examples + ["--store", store]).status == 0)
        let none = try MeritProcess.run(["verify", "--store", store])
        #expect(none.stdout == "\(store) holds no provider results: import a levels file with jpm or category columns\n")
        let recap = folder.path("recap.csv")
        try "nip;M.01;jpm;category\n199602072020112001;;125,49;MS\n197702102007051001;;82,4;MMS\n199810042024042001;;110;MMS\n"
            .write(toFile: recap, atomically: true, encoding: .utf8)
        let imported = try MeritProcess.run(["import", recap, "--store", store, "--batch", "asesmen-2026"])
        #expect(imported.stdout == "\(recap): 3 levels rows, 3 stored\n")
        let verified = try MeritProcess.run(["verify", "--store", store, "--reference-date", "2026-11-22", "--format", "csv"])
        #expect(verified.status == 0)
        // RFC 4180 CSV: CRLF line ends.
        #expect(verified.stdout.components(separatedBy: "\r\n") == [
            "nip,batch,what,provider,merit,why",
            "199810042024042001,asesmen-2026,JPM,110,54.55,\"18.00 of 33.00 required level points against 'sekretaris-bkpsdm' (sum-ratio, cap none)\"",
            "199810042024042001,asesmen-2026,Pengisian jabatan,MMS,KMS,JPM 54.55 is below 68.00: KMS",
            "",
        ])
        #expect(verified.stderr == "merit verify: 3 provider results checked: 2 disagreements\n")
    }

    @Test func badFileImportsNothingAndExits65() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let bad = folder.path("ratings.csv")
        try "nip,instrument,competency,assessor,rating,date\n198503122010011001,lgd,integritas,asr-1,7,2026-03-16\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try MeritProcess.run(["import", bad, "--store", store])
        #expect(result.status == 65)
        #expect(result.stderr == "\(bad):2:41: error: column 'rating' (E): rating 7 is off the scale 1–5 of 'lgd'\n")
        #expect(result.stdout.hasSuffix("Nothing imported: 1 error; the store is unchanged.\n"))
    }

    /// SIGKILL in the middle of a large import: the store stays sound and holds all of the file or none.
    @Test(.timeLimit(.minutes(3))) func killedImportLeavesTheStoreConsistent() throws {
        let folder = try TemporaryFolder()
        let cohort = folder.path("cohort")
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["sample", "--people", "3000", "--seed", "9", "--out", cohort]).status == 0)
        let ratings = cohort + "/ratings.csv"
        // First a small import, so the store exists with something in it.
        #expect(try MeritProcess.run(["import", cohort + "/profiles.csv", "--store", store]).status == 0)

        let process = Process()
        process.executableURL = MeritProcess.executable
        process.arguments = ["import", ratings, "--store", store]
        process.currentDirectoryURL = MeritProcess.projectRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the import finished before it could be killed")

        let check = try MeritProcess.sqlite(store, "PRAGMA integrity_check;")
        #expect(check == "ok\n")
        let stored = try MeritProcess.sqlite(store, "SELECT count(*) FROM ratings;")
        #expect(stored == "0\n")
        let profiles = try MeritProcess.sqlite(store, "SELECT count(*) FROM profiles;")
        #expect(profiles == "3000\n")
        // And the import can simply be run again.
        let rerun = try MeritProcess.run(["import", ratings, "--store", store])
        #expect(rerun.status == 0)
        #expect(try MeritProcess.sqlite(store, "SELECT count(*) = (SELECT rows FROM imports WHERE kind = 'ratings') FROM ratings;") == "1\n")
    }
}
