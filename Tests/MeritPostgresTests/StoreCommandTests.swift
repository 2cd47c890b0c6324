import Foundation
import MeritPostgres
import MeritPostgresTesting
import Testing

/// `merit store` on Debian's PostgreSQL, run as a user would: migrate, add agencies, list them; and the
/// refusals, each with its message and exit status.
@Suite struct StoreCommandTests {
    @Test func migrateAddAndListAgencies() async throws {
        let cluster = try TestCluster.cluster.get()
        let name = "c" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        _ = try TestCluster.psql(cluster, user: "postgres", database: "postgres", "CREATE DATABASE \(name) OWNER merit_owner")
        let owner = "postgres://merit_owner@127.0.0.1:\(cluster.port)/\(name)"
        let app = "postgres://merit_app@127.0.0.1:\(cluster.port)/\(name)"
        let merit = TestCluster.merit

        #expect(try TestCluster.spawn([merit, "store", "migrate", "--store", owner]) == (0, "\(owner): applied migration 1, 2, 3, 4\n"))
        #expect(try TestCluster.spawn([merit, "store", "migrate", "--store", owner]) == (0, "\(owner): up to date\n"))
        #expect(try TestCluster.spawn([merit, "store", "agency", "add", "prov-contoh", "BKD Provinsi Contoh", "--store", owner]).status == 0)
        #expect(
            try TestCluster.spawn([merit, "store", "agency", "add", "kab-satu", "BKPSDM Kabupaten Satu", "--parent", "prov-contoh", "--store", owner])
                == (0, "\(owner): agency kab-satu added\n"))
        #expect(
            try TestCluster.spawn([merit, "store", "agency", "list", "--store", app])
                == (0, "kab-satu\tprov-contoh\tBKPSDM Kabupaten Satu\nprov-contoh\t-\tBKD Provinsi Contoh\n"))
        // The application's role may not add agencies: the server's refusal, in words.
        let refused = try TestCluster.spawn([merit, "store", "agency", "add", "kab-dua", "Dua", "--store", app])
        #expect(refused == (74, "merit: error: the store \(app) refused: permission denied for table agencies (SQLSTATE 42501)\n"))
        #expect(try TestCluster.psql(cluster, user: "merit_owner", database: name, "SELECT count(*) FROM agencies").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    /// Migration 3's merit_land sets session_replication_role, which needs a superuser's grant to the
    /// owner: without it, migrate says which grant, applies 1 and 2 and leaves 3 for the next run.
    @Test func migrationThreeNamesTheGrantItNeeds() async throws {
        let cluster = try TestCluster.cluster.get()
        let name = "g" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let role = "owner_\(name)"
        _ = try TestCluster.psql(cluster, user: "postgres", database: "postgres", "CREATE ROLE \(role) LOGIN")
        _ = try TestCluster.psql(cluster, user: "postgres", database: "postgres", "CREATE DATABASE \(name) OWNER \(role)")
        let owner = "postgres://\(role)@127.0.0.1:\(cluster.port)/\(name)"
        let merit = TestCluster.merit

        #expect(
            try TestCluster.spawn([merit, "store", "migrate", "--store", owner])
                == (74, "merit: error: migration 3 (rows landed with their foreign keys checked per parent): permission denied to set parameter \"session_replication_role\"; as a superuser, run GRANT SET ON PARAMETER session_replication_role TO \(role) once, then migrate again\n"))
        #expect(try TestCluster.psql(cluster, user: role, database: name, "SELECT string_agg(version::text, ',' ORDER BY version) FROM merit_migrations").trimmingCharacters(in: .whitespacesAndNewlines) == "1,2")
        _ = try TestCluster.psql(cluster, user: "postgres", database: "postgres", "GRANT SET ON PARAMETER session_replication_role TO \(role)")
        #expect(try TestCluster.spawn([merit, "store", "migrate", "--store", owner]) == (0, "\(owner): applied migration 3, 4\n"))
    }

    /// `merit bench postgres` runs end to end on a small cohort and reports each phase it times.
    @Test func benchPostgresReportsItsPhases() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        let (status, output) = try TestCluster.spawn([TestCluster.merit, "bench", "postgres", "--owner", owner.description, "--store", app.description, "--people", "40"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("merit bench postgres: 40 people, "))
        for phase in ["merit import into SQLite", "merit import into PostgreSQL", "copy ratings", "land ratings", "two imports of 20 people into two agencies at once:", "both stored after"] {
            #expect(output.contains(phase), "\(phase)")
        }
        #expect(!output.contains("    copy ratings                   0.00 s"))
    }

    @Test func accountsAndTheAuditLogOfOneAgencyOnTheCommandLine() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        try await PostgresStore.addAgency(code: "kab-satu", name: "Satu", at: owner, environment: [:])
        try await PostgresStore.addAgency(code: "kab-dua", name: "Dua", at: owner, environment: [:])
        let merit = TestCluster.merit
        let store = app.description
        let added = try TestCluster.spawn([merit, "user", "add", "sari", "--role", "hr", "--store", store, "--agency", "kab-satu"])
        #expect(added.status == 0 && added.output.hasPrefix("account 'sari' (hr) created\npassword (shown once; give it to sari and ask for a change): "))
        #expect(try TestCluster.spawn([merit, "user", "disable", "sari", "--store", store, "--agency", "kab-satu"]) == (0, "account 'sari' disabled\n"))
        let listed = try TestCluster.spawn([merit, "user", "list", "--store", store, "--agency", "kab-satu"])
        #expect(listed.status == 0 && listed.output.hasPrefix("sari\thr\tdisabled\t"))
        #expect(try TestCluster.spawn([merit, "user", "list", "--store", store, "--agency", "kab-dua"]) == (0, ""), "the other agency has no account")
        #expect(
            try TestCluster.spawn([merit, "user", "disable", "sari", "--store", store, "--agency", "kab-dua"])
                == (65, "merit: error: no account 'sari'; merit user list shows the accounts\n"))
        let audit = try TestCluster.spawn([merit, "audit", "--store", store, "--agency", "kab-satu"])
        #expect(audit.status == 0)
        #expect(audit.output.split(separator: "\n").map { $0.split(separator: "\t").dropFirst(3).joined(separator: " ") } == ["account-add account:sari role:hr", "account-disable account:sari"])
        let which = try TestCluster.spawn([merit, "user", "list", "--store", store])
        #expect(which == (74, "merit: error: the store \(app) holds 2 agencies; say which with --agency CODE (kab-dua, kab-satu)\n"))
        let sqlite = try TestCluster.spawn([merit, "user", "list", "--store", "/tmp/x.sqlite", "--agency", "kab-satu"])
        #expect(sqlite.status == 64 && sqlite.output.contains("--agency: a SQLite store holds one agency"))
    }

    @Test func aPasswordInTheURLAndServingWithoutAnUploadFolderAreRefused() throws {
        let merit = TestCluster.merit
        #expect(
            try TestCluster.spawn([merit, "store", "migrate", "--store", "postgres://merit:rahasia@127.0.0.1/merit"])
                == (64, "merit: error: --store: the store URL holds a password; remove it and give it in PGPASSWORD or ~/.pgpass (a command line is visible to other users)\n"))
        let serve = try TestCluster.spawn([merit, "serve", "--store", "postgres://merit_app@127.0.0.1/merit"])
        #expect(serve.status == 64)
        #expect(
            serve.output.hasPrefix(
                "Error: --store postgres://merit_app@127.0.0.1/merit: a PostgreSQL store has no folder of its own for uploaded files; name one with --uploads FOLDER\n"),
            "\(serve.output)")
        #expect(!FileManager.default.fileExists(atPath: TestCluster.root.appendingPathComponent("postgres:").path), "no file named like the URL")
    }
}
