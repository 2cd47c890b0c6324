import Foundation
import Testing

/// A store another process is writing to: SQLite has one writer, so a second import waits (`--store-wait`,
/// 30 s by default) and then says what is happening and what to do, having changed nothing.
@Suite struct StoreLockTests {
    @Test func anImportWhileAnotherProcessWritesWaitsThenSaysSo() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import", "Instruments/examples/profiles.csv", "--store", store]).status == 0)
        let before = try MeritProcess.sqlite(store, "SELECT count(*) FROM imports")

        // Another writer: sqlite3 holding a write transaction open until told to end it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [store]
        let input = Pipe()
        holder.standardInput = input
        holder.standardOutput = FileHandle.nullDevice
        try holder.run()
        // With a busy timeout: without one, a BEGIN that met the check below holding the lock for a moment
        // failed, and the holder never held it (CI of stop 36, under the full parallel test run).
        input.fileHandleForWriting.write(Data(".timeout 30000\nBEGIN IMMEDIATE;\nSELECT 1;\n".utf8))
        // Until the holder has its lock, an import would simply succeed: wait for it to be taken (by a
        // deadline, not a count of tries: a loaded machine starts the holder late).
        var held = false
        let deadline = Date().addingTimeInterval(60)
        while !held, Date() < deadline {
            // -bail: when BEGIN IMMEDIATE finds the lock taken, 'free' is never printed.
            held = try !MeritProcess.capture("/usr/bin/sqlite3", ["-bail", store, "BEGIN IMMEDIATE; SELECT 'free'; ROLLBACK;"]).contains("free")
            if !held { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(held)

        let started = Date()
        let run = try MeritProcess.run(["import", "Instruments/examples/ratings.csv", "--store", store, "--store-wait", "1"])
        let waited = Date().timeIntervalSince(started)
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()

        #expect(run.status == 74)
        #expect(run.stderr == "\(store): error: another process is writing to this store (an import, a scoring run or merit serve's upload); Merit waited 1 s for it and changed nothing. Run the command again when it has finished, or wait longer with --store-wait SECONDS\n")
        #expect(waited >= 1, "it waited before giving up")
        #expect(try MeritProcess.sqlite(store, "SELECT count(*) FROM imports") == before, "nothing was stored")
        // Once the other writer is done, the same import goes in.
        #expect(try MeritProcess.run(["import", "Instruments/examples/ratings.csv", "--store", store]).status == 0)
    }

    @Test func aWaitOutOfRangeIsRefused() throws {
        let run = try MeritProcess.run(["import", "Instruments/examples/profiles.csv", "--store-wait", "7200"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--store-wait must be 0 to 3600 seconds"))
    }
}
