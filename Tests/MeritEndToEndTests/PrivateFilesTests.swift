import Foundation
import Testing

/// Personal data stays private (UU 27/2022 PDP): the store and every report are created for their owner
/// only, whatever the umask allows, and a file's mode is kept when it is written again.
@Suite struct PrivateFilesTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int) ?? -1
    }

    @Test func storeAndReportsAreCreatedPrivate() throws {
        let previous = umask(0o022)
        defer { umask(previous) }
        let folder = try TemporaryFolder()
        let store = folder.path("data/merit.sqlite")
        let out = folder.path("out")
        let arguments = ["run", "Instruments/examples", "--store", store, "--out", out, "--reference-date", "2026-11-22"]
        let run = try MeritProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.mode(store) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: store + suffix) {
            #expect(try Self.mode(store + suffix) == 0o600)
        }
        #expect(try Self.mode(folder.path("data")) == 0o700)
        #expect(try Self.mode(out) == 0o700)
        #expect(try Self.mode(out + "/plans") == 0o700)
        let written = try FileManager.default.subpathsOfDirectory(atPath: out)
        let files = written.filter { !$0.hasPrefix(".") && $0.contains(".") }
        #expect(files.count == 142)
        #expect(try files.filter { try Self.mode(out + "/" + $0) != 0o600 } == [])

        // A report tightened (or opened up) by hand keeps its mode when written again.
        let plan = out + "/plans/" + (try FileManager.default.contentsOfDirectory(atPath: out + "/plans").sorted().first { $0.hasSuffix(".html") })!
        chmod(plan, 0o400)
        chmod(out + "/gaps/gaps-unit.csv", 0o640)
        #expect(try MeritProcess.run(arguments).status == 0)
        #expect(try Self.mode(plan) == 0o400)
        #expect(try Self.mode(out + "/gaps/gaps-unit.csv") == 0o640)
    }
}
