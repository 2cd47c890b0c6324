import Foundation
import MeritCore
import MeritIO
import MeritPostgres
import MeritPostgresTesting
import Testing

/// The records on PostgreSQL, through the `merit` executable as a user runs it: the whole job gives the
/// same reports, scores and stored rows as on SQLite; `merit store copy` there and back gives the same
/// store; a killed import changes nothing; imports at once into one store all land, nothing twice.
@Suite struct RecordStoreTests {
    static let examples = TestCluster.root.appendingPathComponent("Instruments/examples").path
    static let merit = TestCluster.merit

    static func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-records-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A fresh database with the agencies named; the application's URL.
    static func store(agencies: [String]) async throws -> (owner: PostgresLocation, app: PostgresLocation) {
        let (owner, app) = try await TestCluster.freshDatabase()
        for code in agencies { try await PostgresStore.addAgency(code: code, name: "BKPSDM \(code)", at: owner, environment: [:]) }
        return (owner, app)
    }

    static func tables(_ app: PostgresLocation, agency: String) async throws -> [RecordTable] {
        let store = try await PostgresStore.open(app, agency: agency, environment: [:])
        let tables = try await store.storeTables()
        await store.close()
        return tables
    }

    /// Every file under `folder` (relative path → bytes).
    static func files(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { files[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path)) }
        }
        return files
    }

    /// The record tables without the times they were written at (imports' and scoring runs' clocks).
    static func withoutClocks(_ tables: [RecordTable]) -> [RecordTable] {
        tables.filter { RecordTables.all.contains($0.schema) }.map { table in
            var table = table
            let clock = table.schema.columns.firstIndex { $0 == "imported_at" || $0 == "computed_at" }
            if let clock { table.rows = table.rows.map { var row = $0; row[clock] = .null; return row } }
            return table
        }
    }

    @Test func theWholeJobGivesTheSameReportsScoresAndRowsOnBothStores() async throws {
        let (_, app) = try await Self.store(agencies: ["kab-satu"])
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let sqlite = work + "/merit.sqlite"
        for (store, out) in [(sqlite, "sqlite"), (app.description, "postgres")] {
            let run = try TestCluster.spawn([Self.merit, "run", Self.examples, "--store", store, "--out", "\(work)/\(out)", "--reference-date", "2026-12-01"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("40 people scored"))
        }
        let reports = try Self.files(work + "/sqlite")
        #expect(reports.count > 100)
        #expect(try Self.files(work + "/postgres") == reports, "every report byte-identical")
        let scores = ["score", "--format", "csv", "--reference-date", "2026-12-01", "--store"]
        let onSQLite = try TestCluster.spawn([Self.merit] + scores + [sqlite])
        let onPostgres = try TestCluster.spawn([Self.merit] + scores + [app.description])
        #expect(onSQLite.status == 0)
        #expect(onSQLite.output.split(whereSeparator: \.isNewline).filter { $0.first?.isNumber == true }.count == 40, "\(onSQLite.output)")
        #expect(onPostgres == onSQLite)
        let stored = Self.withoutClocks(try await Self.tables(app, agency: "kab-satu"))
        #expect(stored == Self.withoutClocks(try MeritStore(path: sqlite).storeTables()))
        #expect(stored.first { $0.name == "rating_sheets" }?.rows.count == 40)
        let ratings = try TestCluster.psql(app, "BEGIN; SELECT set_config('merit.agency', (SELECT id::text FROM agencies), true); SELECT count(*) FROM ratings; COMMIT;")
        #expect(ratings.contains("2038"), "one row per rating: \(ratings)")
    }

    @Test func copyingSQLiteToPostgreSQLAndBackGivesAnIdenticalStore() async throws {
        let (_, app) = try await Self.store(agencies: ["kab-satu", "kab-dua"])
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let first = work + "/first.sqlite"
        #expect(try TestCluster.spawn([Self.merit, "run", Self.examples, "--store", first, "--out", work + "/out"]).status == 0)
        #expect(try TestCluster.spawn([Self.merit, "user", "add", "sari", "--role", "hr", "--store", first]).status == 0)
        let store = try MeritStore(path: first)
        let actor = AuditActor(account: "sari", address: "127.0.0.1", at: "2026-12-03T08:00:00Z")
        _ = try await store.savePlanVersion(nip: "197702102007051001", batch: "b", content: "{\"v\":1}", by: actor)
        _ = try await store.savePlanVersion(nip: "197702102007051001", batch: "b", content: "{\"v\":2,\"catatan\":\"baris\\tbaru\\\\\"}", by: actor)
        try await store.audit([AuditEntry(at: "2026-12-03T08:01:00Z", account: "sari", address: "127.0.0.1", action: "view", object: "person:1977\n\\x")])

        let there = try TestCluster.spawn([Self.merit, "store", "copy", first, app.description, "--agency", "kab-dua"])
        #expect(there.status == 0, "\(there.output)")
        #expect(there.output.hasPrefix("\(app): "))
        let back = work + "/back.sqlite"
        #expect(try TestCluster.spawn([Self.merit, "store", "copy", app.description, back, "--agency", "kab-dua"]).status == 0)
        #expect(try MeritStore(path: back).contentDump() == (try store.contentDump()), "every row of every table, the audit log's ids too")
        #expect(try await Self.tables(app, agency: "kab-satu").allSatisfy { $0.rows.isEmpty }, "the other agency got nothing")

        // Into a store that holds something: refused, with what to do, and nothing changed.
        let before = try await Self.tables(app, agency: "kab-dua")
        let again = try TestCluster.spawn([Self.merit, "store", "copy", first, app.description, "--agency", "kab-dua"])
        #expect(again == (74, "merit: error: agency kab-dua of the store \(app) holds imports already; copy into an agency that holds nothing yet\n"))
        #expect(try await Self.tables(app, agency: "kab-dua") == before)
        let intoFile = try TestCluster.spawn([Self.merit, "store", "copy", app.description, back, "--agency", "kab-dua"])
        #expect(intoFile == (74, "\(back): error: the store holds imports already; copy into a new store (a file that is not there yet)\n"))
        let missing = try TestCluster.spawn([Self.merit, "store", "copy", work + "/none.sqlite", app.description, "--agency", "kab-satu"])
        #expect(missing == (66, "\(work)/none.sqlite: error: there is no store here to copy; name an existing SQLite file or a postgres:// store\n"))
        #expect(!FileManager.default.fileExists(atPath: work + "/none.sqlite"))
        let same = try TestCluster.spawn([Self.merit, "store", "copy", first, first])
        #expect(same.status == 64 && same.output.hasPrefix("Error: FROM and TO are the same store\n"), "\(same.output)")
        let agencyOnFiles = try TestCluster.spawn([Self.merit, "store", "copy", first, work + "/other.sqlite", "--agency", "kab-satu"])
        #expect(agencyOnFiles.status == 64 && agencyOnFiles.output.hasPrefix("Error: --agency: neither store is a postgres:// store; leave --agency out\n"))
        #expect(!FileManager.default.fileExists(atPath: work + "/other.sqlite"))
    }

    @Test func aKilledImportLeavesThePostgreSQLStoreAsItWas() async throws {
        let (_, app) = try await Self.store(agencies: ["kab-satu"])
        let cluster = try TestCluster.cluster.get()
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        #expect(try TestCluster.spawn([Self.merit, "import"] + Self.exampleFiles + ["--store", app.description]).status == 0)
        #expect(try TestCluster.spawn([Self.merit, "sample", "--people", "3000", "--seed", "7", "--out", work]).status == 0)
        let cohort = ["levels", "profiles", "ratings", "tests"].map { "\(work)/\($0).csv" }
        let before = try await Self.tables(app, agency: "kab-satu")

        // Killed while its ratings are on their way into PostgreSQL (the COPY of the write-back).
        let running = try TestCluster.launch([Self.merit, "import"] + cohort + ["--store", app.description])
        var copying = false
        for _ in 0..<1200 where !copying {
            let active = try TestCluster.psql(
                cluster, user: "postgres", database: app.database,
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'merit_app' AND state = 'active' AND query LIKE 'COPY \"incoming_ratings\"%'")
            copying = active.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            if !copying { usleep(50_000) }
        }
        kill(running.pid, SIGKILL)
        let killed = running.wait()
        #expect(copying, "the import was seen sending its ratings")
        #expect(killed.status == 128 + SIGKILL)
        #expect(try await Self.tables(app, agency: "kab-satu") == before, "nothing of the killed import stored")

        // The lock went with the connection: the same import now lands whole.
        let again = try TestCluster.spawn([Self.merit, "import"] + cohort + ["--store", app.description])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.output.contains("profiles rows, 3000 stored"))
    }

    /// A working copy holds the agency's saved plan versions too, as the store has them, so what scores on
    /// it (`merit plan`, the served cohort) reads HR's latest version; and its change stamp is the store's.
    @Test func theWorkingCopyHoldsThePlanVersionsAndTheStoresStamp() async throws {
        let (_, app) = try await Self.store(agencies: ["kab-satu"])
        #expect(try TestCluster.spawn([Self.merit, "import"] + Self.exampleFiles + ["--store", app.description]).status == 0)
        let store = try await PostgresStore.open(app, agency: "kab-satu", environment: [:])
        let actor = AuditActor(account: "hr1", address: "127.0.0.1", at: "2026-12-03T08:00:00Z")
        for (nip, content) in [("197702102007051001", "{\"v\":1}"), ("197702102007051001", "{\"v\":2}"), ("196801071994062001", "{\"v\":1}")] {
            _ = try await store.savePlanVersion(nip: nip, batch: "default", content: content, by: actor)
        }
        let (latest, versions, stamp) = try await store.withRecords(writing: false) { copy in
            (try copy.latestPlanVersions(), try copy.planVersions(nip: "197702102007051001"), try copy.changeStamp())
        }
        #expect(latest == (try await store.latestPlanVersions()))
        #expect(latest["197702102007051001"]?.content == "{\"v\":2}")
        #expect(versions == (try await store.planVersions(nip: "197702102007051001")))
        #expect(stamp == (try await store.changeStamp()) && stamp.hasSuffix(".3"))
        await store.close()
    }

    /// The reports of `merit run` are written after the store has committed the rows they show: when the
    /// write-back fails (here the application may no longer land rows), nothing is stored and no report written.
    @Test func aRunWhoseRowsTheStoreRefusesWritesNoReport() async throws {
        let (owner, app) = try await Self.store(agencies: ["kab-satu"])
        let work = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = try TestCluster.psql(owner, "REVOKE EXECUTE ON FUNCTION merit_land(text, text[], text) FROM merit_app")
        let run = try TestCluster.spawn([Self.merit, "run", Self.examples, "--store", app.description, "--out", "\(work)/out", "--reference-date", "2026-12-01"])
        #expect(run.status == 74, "\(run.output)")
        #expect(run.output.contains("permission denied for function merit_land"), "\(run.output)")
        #expect(!run.output.contains("people scored"))
        #expect(try Self.files(work + "/out").isEmpty, "no report of rows that were not stored")
        #expect(try await Self.tables(app, agency: "kab-satu").allSatisfy { $0.rows.isEmpty }, "nothing stored")
    }

    static var exampleFiles: [String] { ["levels", "profiles", "ratings", "tests"].map { "\(examples)/\($0).csv" } }

    @Test func importsAtOnceIntoTwoAgenciesBothLandAndIntoOneAgencyNothingIsStoredTwice() async throws {
        let (_, app) = try await Self.store(agencies: ["kab-satu", "kab-dua"])
        let both = try ["kab-satu", "kab-dua", "kab-satu"].map { agency in
            try TestCluster.launch([Self.merit, "import"] + Self.exampleFiles + ["--store", app.description, "--agency", agency])
        }
        let outcomes = both.map { $0.wait() }
        #expect(outcomes.allSatisfy { $0.status == 0 }, "\(outcomes)")
        #expect(outcomes[1].output.contains("ratings.csv: 2038 ratings rows, 2038 stored"))
        // The two into kab-satu: one stored the files, the other waited for it and found them imported.
        let satu = [outcomes[0].output, outcomes[2].output]
        #expect(satu.filter { $0.contains("2038 ratings rows, 2038 stored") }.count == 1, "\(satu)")
        #expect(satu.filter { $0.contains("ratings already imported") }.count == 1, "\(satu)")
        let one = Self.withoutClocks(try await Self.tables(app, agency: "kab-satu"))
        let two = Self.withoutClocks(try await Self.tables(app, agency: "kab-dua"))
        #expect(one == two, "the same rows in each agency, none twice")
    }
}
