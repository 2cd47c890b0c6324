import Foundation
import Testing

/// The command line on what assessors bring (issue 10): workbooks, folders with other files in them,
/// the correction loop, and a newcomer's first mistakes.
@Suite struct IntakeCommandTests {
    static let workbooks = "Tests/MeritEndToEndTests/Fixtures/examples-xlsx"

    /// Every file under a folder, by relative path, with its bytes.
    static func contents(of folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder)
            if !isFolder.boolValue { files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) }
        }
        return files
    }

    /// The example cohort saved as .xlsx by LibreOffice Calc imports and scores exactly as the CSVs do:
    /// the same scores, and every report of `merit run` byte for byte.
    @Test func examplesAsWorkbooksScoreLikeTheCSVs() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("xlsx.sqlite")
        let imported = try MeritProcess.run(["import"] + ["profiles", "ratings", "tests", "levels"].map { "\(Self.workbooks)/\($0).xlsx" } + ["--store", store])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\(Self.workbooks)/ratings.xlsx[ratings]: 2038 ratings rows, 2038 stored"))
        let scored = try MeritProcess.run(["score", "--store", store, "--reference-date", "2026-11-22", "--format", "csv"])
        let golden = try String(contentsOfFile: MeritProcess.projectRoot.appendingPathComponent("Tests/MeritEndToEndTests/Golden/examples-score.csv").path, encoding: .utf8)
        #expect(scored.stdout == golden)

        let fromCSV = try MeritProcess.run(["run", "Instruments/examples", "--store", folder.path("csv.sqlite"), "--out", folder.path("csv"), "--reference-date", "2026-11-22"])
        let fromXLSX = try MeritProcess.run(["run", Self.workbooks, "--store", folder.path("run.sqlite"), "--out", folder.path("xlsx"), "--reference-date", "2026-11-22"])
        #expect(fromCSV.status == 0 && fromXLSX.status == 0, "\(fromXLSX.stderr)")
        let csvReports = try Self.contents(of: folder.path("csv"))
        let xlsxReports = try Self.contents(of: folder.path("xlsx"))
        #expect(csvReports.count == 142)
        #expect(csvReports.keys.sorted() == xlsxReports.keys.sorted())
        #expect(csvReports.keys.filter { csvReports[$0] != xlsxReports[$0] }.sorted() == [])
    }

    /// A folder holding a file Merit cannot read: nothing is imported or written, and the file is named.
    @Test func runOnAFolderWithAnUnreadableFile() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["profiles", "ratings", "tests"] {
            try FileManager.default.copyItem(atPath: "Instruments/examples/\(name).csv", toPath: input + "/\(name).csv")
        }
        try Data([0x25, 0x50, 0x44, 0x46]).write(to: URL(fileURLWithPath: input + "/levels.pdf"))
        try "x".write(toFile: input + "/.~lock.levels.xlsx#", atomically: true, encoding: .utf8)
        let store = folder.path("merit.sqlite")
        let run = try MeritProcess.run(["run", input, "--store", store, "--out", folder.path("out")])
        #expect(run.status == 65)
        #expect(run.stderr == """
            \(input)/.~lock.levels.xlsx#: warning: 'levels.xlsx' is open in a spreadsheet program: save and close it there, or what is imported may not be what you see
            \(input)/levels.pdf: error: Merit cannot read this file as records (CSV, .xlsx, .ods, YAML or JSON); move it out of the folder

            """)
        #expect(run.stdout == "Nothing imported; no reports written. Move the files Merit cannot read out of \(input), and run again.\n")
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
    }

    /// The correction loop: a rating changed after a run conflicts with the stored one; the run says to
    /// use --replace, and with it the change goes in.
    @Test func runReplaceAfterACorrection() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["profiles", "ratings", "tests", "levels"] {
            try FileManager.default.copyItem(atPath: "Instruments/examples/\(name).csv", toPath: input + "/\(name).csv")
        }
        let arguments = ["run", input, "--store", folder.path("merit.sqlite"), "--out", folder.path("out"), "--reference-date", "2026-11-22"]
        #expect(try MeritProcess.run(arguments).status == 0)
        var ratings = try String(contentsOfFile: input + "/ratings.csv", encoding: .utf8)
        let first = ratings.range(of: ";asesor-04;3,5;")!
        ratings.replaceSubrange(first, with: ";asesor-04;4;")
        try ratings.write(toFile: input + "/ratings.csv", atomically: true, encoding: .utf8)
        let refused = try MeritProcess.run(arguments)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("\(input)/ratings.csv:624:1: error: assessor 'asesor-04' rated 'kerja-sama' in 'wawancara' for 199008072018111001 in batch 'asesmen-2026' conflicts with the stored rating 3.5 (stored from an earlier import, line 624); use --replace to replace it\n"))
        #expect(refused.stdout.hasSuffix("Nothing imported; no reports written. Fix the files above and run again (with --replace to replace the stored values that conflict).\n"))
        let replaced = try MeritProcess.run(arguments + ["--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(replaced.stdout.contains("\(input)/ratings.csv: 2038 ratings rows, 0 stored, 2037 already stored, 1 replaced"))
    }

    /// A mistyped command gets a suggestion; outside a project folder, the missing library says what to
    /// pass; reading commands on no store or an empty one say to import first, and create nothing.
    @Test func newcomersFirstMistakes() throws {
        let typo = try MeritProcess.run(["imprt", "ratings.csv"])
        #expect(typo.status == 64)
        #expect(typo.stderr.hasPrefix("merit: error: unknown command 'imprt'; did you mean 'import'?"))

        let folder = try TemporaryFolder()
        let elsewhere = try MeritProcess.run(["check"], in: folder.url)
        #expect(elsewhere.status == 74)
        #expect(elsewhere.stderr == "./Instruments: error: the instrument library folder does not exist\nmerit: run merit in a project folder that has an Instruments/ library, or pass --instruments DIR\n")

        let store = folder.path("merit.sqlite")
        let out = ["--out", folder.path("out")]
        for command in [["score"], ["plan", "--all"] + out, ["gaps", "--by", "unit"] + out, ["talent"] + out, ["shortlist", "--position", "kabid-mutasi-promosi"], ["verify"]] {
            let result = try MeritProcess.run(command + ["--store", store])
            #expect(result.status == 66, "\(command)")
            #expect(result.stderr == "\(store): error: there is no store here yet; import record files first (merit import FILE…, or merit run DIR), or name the store with --store FILE\n", "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))

        let header = folder.path("ratings.csv")
        try "nip,instrument,competency,assessor,rating\n".write(toFile: header, atomically: true, encoding: .utf8)
        let empty = try MeritProcess.run(["import", header, "--store", store])
        #expect(empty.status == 0)
        #expect(empty.stdout == "\(header): ratings header and no rows; nothing to import\n")
        let scored = try MeritProcess.run(["score", "--store", store])
        #expect(scored.status == 66)
        #expect(scored.stderr == "\(store): error: the store holds no assessments yet; import record files first (merit import FILE…, or merit run DIR)\n")
    }
}
