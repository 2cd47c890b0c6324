import Foundation
import Testing

/// What the report commands refuse, with their messages and exit codes; nothing is written when they do.
@Suite struct ReportCommandErrorTests {
    /// A store with the examples imported, and an output folder that must stay absent.
    final class Setup {
        let folder: TemporaryFolder
        let store: String
        let out: String

        init() throws {
            folder = try TemporaryFolder()
            store = folder.path("merit.sqlite")
            out = folder.path("out")
            let imported = try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store])
            precondition(imported.status == 0, imported.stderr)
        }

        func run(_ arguments: [String], environment: [String: String]? = nil) throws -> MeritProcess.Output {
            try MeritProcess.run(arguments + ["--store", store, "--out", out], environment: environment)
        }

        var wroteNothing: Bool { !FileManager.default.fileExists(atPath: out) }
    }

    @Test func refusals() throws {
        let setup = try Setup()
        let cases: [(arguments: [String], status: Int32, stderr: String)] = [
            (["plan", "199999999999999999"], 65, "merit: error: no assessment stored for NIP 199999999999999999\n"),
            (["plan", "--all", "--position", "kepala-xx"], 65, "merit: error: unknown position 'kepala-xx'\n"),
            (["talent", "--language", "fr"], 65, "merit: error: no report labels for language 'fr' in the library (have: en, id)\n"),
            (["plan"], 64, "Error: name NIPs, or give --all or --from FILE\n"),
            (["plan", "--all", "--format", "csv"], 64, "Error: unknown plan format 'csv'; use html, markdown, yaml or json\n"),
            (["gaps", "--min-group", "2"], 64, "Error: --min-group must be at least 3, found 2: in smaller groups people learn each other's results (UU 27/2022 PDP)\n"),
            (["talent", "--min-group", "0"], 64, "Error: --min-group must be at least 3, found 0: in smaller groups people learn each other's results (UU 27/2022 PDP)\n"),
            (["gaps", "--format", "pdf"], 64, "Error: unknown format 'pdf'; use html, markdown, csv, json or xlsx\n"),
        ]
        for (arguments, status, stderr) in cases {
            let result = try setup.run(arguments)
            #expect(result.status == status, "\(arguments)")
            #expect(result.stderr.hasPrefix(stderr), "\(arguments)")
            #expect(setup.wroteNothing, "\(arguments) wrote reports")
        }
    }

    /// Lowering the minimum below the library's is allowed down to the floor, with a warning; the counts-only
    /// talent map then withholds only boxes under the new minimum.
    @Test func aLoweredMinimumGroupIsWarnedAbout() throws {
        let setup = try Setup()
        let result = try setup.run(["talent", "--min-group", "3", "--format", "csv", "--reference-date", "2026-11-22"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr
                == "merit: warning: --min-group 3 is below the library's minimum-group-size 5: smaller groups are shown, and their people are easier to recognise\n")
        let csv = try String(contentsOfFile: setup.out + "/talent/talent-counts.csv", encoding: .utf8)
        #expect(!csv.contains(",<5,"))
        let standard = try setup.run(["talent", "--format", "csv", "--reference-date", "2026-11-22"])
        #expect(standard.stderr == "")
        #expect(try String(contentsOfFile: setup.out + "/talent/talent-counts.csv", encoding: .utf8).contains(",<5,"))
    }

    @Test func pdfWithoutChromiumSaysHowToInstallIt() throws {
        let setup = try Setup()
        let result = try setup.run(["talent", "--pdf"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 74)
        #expect(result.stderr == "merit: error: --pdf needs a headless Chromium; install it with: sudo apt-get install -y chromium\n")
        #expect(setup.wroteNothing)
    }

    @Test func runOnAFolderWithoutRecordFiles() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try "notes".write(toFile: input + "/README.txt", atomically: true, encoding: .utf8)
        let result = try MeritProcess.run(["run", input, "--store", folder.path("merit.sqlite"), "--out", folder.path("out")])
        #expect(result.status == 65)
        #expect(result.stderr == "\(input): note: not read: README.txt (hidden files, subfolders and READMEs are not records)\n\(input): error: no record files here (CSV, .xlsx, .ods, YAML or JSON)\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
        let missing = try MeritProcess.run(["run", folder.path("nowhere"), "--store", folder.path("merit.sqlite")])
        #expect(missing.status == 74)
        #expect(missing.stderr == "\(folder.path("nowhere")): error: the folder cannot be read\n")
    }
}
