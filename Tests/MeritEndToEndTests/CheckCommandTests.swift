import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func shippedLibraryChecksClean() throws {
        let output = try MeritProcess.run(["check", "--instruments", "Instruments"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        #expect(
            output.stdout
                == "Instruments: 31 files, 2 dictionaries (14 competencies), 8 instruments, 4 batteries, 10 job levels, 11 positions, 1 scoring, 96 development activities, 2 report languages — no problems\n"
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
