import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func shippedLibraryChecksClean() throws {
        let output = try MeritProcess.run(["check", "--instruments", "Instruments"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(
            output.stdout
                == "Instruments: 33 files, 2 dictionaries (14 competencies), 8 instruments, 4 batteries, 10 job levels, 11 positions, 1 scoring, 96 development activities, 2 report languages, 2 test norms — no problems\n"
        )
    }

    @Test func brokenLibraryExits65WithLocatedErrors() throws {
        let folder = "Tests/MeritEndToEndTests/Fixtures/broken-library"
        let output = try MeritProcess.run(["check", "--instruments", folder])
        #expect(output.status == 65)
        #expect(output.stderr == """
            \(folder): error: no 'kind: scoring' document: JPM, categories and the 9-box need one
            \(folder)/instrumen.yaml:6:32: error: rating step 0.3 does not divide the scale 1–5 into whole steps

            """)
        #expect(output.stdout.hasSuffix("— 2 errors, 0 warnings\n"))
    }

    /// An agency's own folder with the folder every agency shares (here the national managerial
    /// dictionary) is one library: the shipped one split in two checks and scores as the whole.
    @Test func anAgencysFolderWithTheSharedFolderIsOneLibrary() throws {
        let folder = try TemporaryFolder()
        let (shared, own) = (folder.path("nasional"), folder.path("kab-satu"))
        try FileManager.default.copyItem(atPath: "Instruments", toPath: own)
        try FileManager.default.createDirectory(atPath: shared + "/kamus", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: own + "/kamus/manajerial-sosiokultural.yaml", toPath: shared + "/kamus/manajerial-sosiokultural.yaml")
        let both = ["--instruments", own, "--shared-instruments", shared]
        let checked = try MeritProcess.run(["check"] + both)
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(
            checked.stdout
                == "\(shared) + \(own): 33 files, 2 dictionaries (14 competencies), 8 instruments, 4 batteries, 10 job levels, 11 positions, 1 scoring, 96 development activities, 2 report languages, 2 test norms — no problems\n")
        let alone = try MeritProcess.run(["check", "--instruments", own])
        #expect(alone.status == 65, "the agency's folder alone lacks the managerial competencies")

        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store] + both).status == 0)
        let score = ["score", "--format", "csv", "--reference-date", "2026-12-01", "--store", store]
        let split = try MeritProcess.run(score + both)
        #expect(split.status == 0)
        #expect(split.stdout == (try MeritProcess.run(score + ["--instruments", "Instruments"])).stdout, "scored as by the whole library")

        // The same document in both folders is defined twice.
        try FileManager.default.copyItem(atPath: shared + "/kamus/manajerial-sosiokultural.yaml", toPath: own + "/kamus/manajerial-sosiokultural.yaml")
        let twice = try MeritProcess.run(["check"] + both)
        #expect(twice.status == 65)
        #expect(twice.stderr.contains("\(own)/kamus/manajerial-sosiokultural.yaml:"), "\(twice.stderr)")
        #expect(twice.stderr.contains("(first defined at \(shared)/kamus/manajerial-sosiokultural.yaml:"), "\(twice.stderr)")
        let missing = try MeritProcess.run(["check", "--instruments", own, "--shared-instruments", folder.path("nowhere")])
        #expect(missing.status == 74 && missing.stderr == "\(folder.path("nowhere")): error: the instrument library folder does not exist\n")
    }

    @Test func missingLibraryExits74() throws {
        let output = try MeritProcess.run(["check", "--instruments", "no-such-folder"])
        #expect(output.status == 74)
        #expect(output.stderr == "no-such-folder: error: the instrument library folder does not exist\n")
    }

    @Test func unknownOptionExits64() throws {
        let output = try MeritProcess.run(["check", "--instrumnets", "Instruments"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("Unknown option '--instrumnets'"))
    }

    @Test func versionAndHelp() throws {
        #expect(try MeritProcess.run(["--version"]).stdout == "0.1.0\n")
        let help = try MeritProcess.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 ok, 64 usage, 65 bad data, 74 I/O."))
        #expect(help.stdout.contains("check"))
    }
}
