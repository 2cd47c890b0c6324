import Foundation
import MeritCore
import MeritIO
import MeritPostgres
import MeritPostgresTesting
import Testing

/// Agencies kept apart by the database: a store bound to one agency reads nothing of another through any
/// read path, and the application's role, in plain SQL, can neither read across agencies nor turn the
/// policies off, nor change or delete the audit log.
@Suite struct AgencyIsolationTests {
    static let actor = AuditActor(account: "admin1", address: "127.0.0.1", at: "2026-12-03T08:00:00Z")
    static let nipA = "197702102007051001"
    static let nipB = "199505162017022001"

    /// Two agencies with an account, an audit entry and a plan each; the stores of both.
    static func twoAgencies() async throws -> (owner: PostgresLocation, app: PostgresLocation, a: PostgresStore, b: PostgresStore) {
        let (owner, app) = try await TestCluster.freshDatabase()
        try await PostgresStore.addAgency(code: "prov-contoh", name: "BKD Provinsi Contoh", at: owner, environment: [:])
        try await PostgresStore.addAgency(code: "kab-satu", name: "BKPSDM Kabupaten Satu", parent: "prov-contoh", at: owner, environment: [:])
        try await PostgresStore.addAgency(code: "kab-dua", name: "BKPSDM Kabupaten Dua", parent: "prov-contoh", at: owner, environment: [:])
        let a = try await PostgresStore.open(app, agency: "kab-satu", environment: [:])
        let b = try await PostgresStore.open(app, agency: "kab-dua", environment: [:])
        try await a.addAccount(Account(name: "sari", role: .hr, createdAt: "2026-12-03"), passwordHash: "hash-a", by: actor)
        try await b.addAccount(Account(name: "sari", role: .admin, createdAt: "2026-12-03"), passwordHash: "hash-b", by: actor)
        try await b.addAccount(Account(name: "dewi", role: .hr, createdAt: "2026-12-03"), passwordHash: "hash-dewi", by: actor)
        _ = try await a.savePlanVersion(nip: nipA, batch: "a", content: "{\"a\":1}", by: actor)
        _ = try await b.savePlanVersion(nip: nipB, batch: "b", content: "{\"b\":1}", by: actor)
        return (owner, app, a, b)
    }

    @Test func everyReadPathSeesItsOwnAgencyOnly() async throws {
        let (_, _, a, b) = try await Self.twoAgencies()
        #expect(try await a.accounts().map(\.name) == ["sari"])
        #expect(try await a.account(named: "sari")?.passwordHash == "hash-a", "the same name in another agency is another account")
        #expect(try await b.account(named: "sari")?.passwordHash == "hash-b")
        #expect(try await a.account(named: "dewi") == nil)
        #expect(try await a.planVersions(nip: Self.nipB).isEmpty)
        #expect(try await a.latestPlanVersions().keys.sorted() == [Self.nipA])
        #expect(try await a.auditLog(person: Self.nipB, account: nil).isEmpty)
        #expect(try await a.auditLog(person: nil, account: nil).allSatisfy { !$0.object.contains("dewi") && !$0.object.contains(Self.nipB) })
        await #expect(throws: MeritStore.AccountError.unknown("dewi")) { try await a.setDisabled(true, account: "dewi", by: Self.actor) }
        #expect(try await b.account(named: "dewi")?.account.disabled == false, "another agency's account cannot be changed")
        await a.close()
        await b.close()
    }

    @Test func theApplicationsRoleInPlainSQLReadsNothingAcrossAgencies() async throws {
        let (_, app, a, b) = try await Self.twoAgencies()
        await a.close()
        await b.close()
        let agencyA = try TestCluster.psql(app, "SELECT id FROM agencies WHERE code = 'kab-satu'").trimmingCharacters(in: .whitespacesAndNewlines)
        // Bound to agency A, asking by key and by everything for B's rows: nothing.
        let asA = "BEGIN; SELECT set_config('merit.agency', '\(agencyA)', true);"
        #expect(try TestCluster.psql(app, asA + " SELECT count(*) FROM accounts WHERE name = 'dewi'; COMMIT;").contains("0"))
        #expect(try TestCluster.psql(app, asA + " SELECT string_agg(nip, ',') FROM plan_versions; COMMIT;").contains(Self.nipA))
        #expect(!(try TestCluster.psql(app, asA + " SELECT string_agg(nip, ',') FROM plan_versions; COMMIT;").contains(Self.nipB)))
        #expect(!(try TestCluster.psql(app, asA + " SELECT string_agg(object, ',') FROM audit_log; COMMIT;").contains("dewi")))
        // Not bound to any agency: no rows at all.
        #expect(try TestCluster.psql(app, "SELECT count(*) FROM accounts").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try TestCluster.psql(app, "SELECT count(*) FROM audit_log").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // Writing into another agency is refused by the policy's check.
        #expect(throws: (any Error).self) {
            try TestCluster.psql(app, asA + " INSERT INTO audit_log (agency_id, at, account, address, action, object) SELECT id, 'x', 'x', 'x', 'x', 'x' FROM agencies WHERE code = 'kab-dua'; COMMIT;")
        }
    }

    @Test func theApplicationsRoleCannotBypassThePoliciesOrRewriteTheAuditLog() async throws {
        let (owner, app, a, b) = try await Self.twoAgencies()
        await a.close()
        await b.close()
        let attempts = [
            "ALTER TABLE accounts DISABLE ROW LEVEL SECURITY",
            "DROP POLICY accounts_of_agency ON accounts",
            "ALTER TABLE audit_log NO FORCE ROW LEVEL SECURITY",
            "SET row_security = off; SELECT count(*) FROM accounts",
            "UPDATE audit_log SET action = 'nothing'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "UPDATE accounts SET role = 'admin'",
            "INSERT INTO agencies (code, name) VALUES ('palsu', 'Palsu')",
        ]
        for sql in attempts {
            #expect(throws: (any Error).self, "merit_app: \(sql)") { try TestCluster.psql(app, sql) }
        }
        let roles = try TestCluster.psql(owner, "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'merit_app'")
        #expect(roles.trimmingCharacters(in: .whitespacesAndNewlines) == "f|f")
        let owners = try TestCluster.psql(owner, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
        #expect(owners.trimmingCharacters(in: .whitespacesAndNewlines) == "merit_owner", "the application's role owns no table")
        // Every table of an agency's data (all but the agencies and the migrations) has its policy, forced;
        // the grants the owner manages (migration 4) have theirs for the application's role only.
        let unforced = try TestCluster.psql(
            owner,
            """
            SELECT string_agg(relname || ':' || relrowsecurity || relforcerowsecurity, ',') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND relname NOT IN ('agencies', 'merit_migrations')
              AND NOT (relrowsecurity AND relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
            """)
        #expect(unforced.trimmingCharacters(in: .whitespacesAndNewlines) == "account_grants:truefalse")
        let tables = try TestCluster.psql(owner, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        #expect(tables.trimmingCharacters(in: .whitespacesAndNewlines) == "19", "agencies, migrations, grants, 3 application and 13 record tables")
        // Even the owner, as the policies are forced, reads no agency's rows without being bound to one.
        #expect(try TestCluster.psql(owner, "SELECT count(*) FROM accounts").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test func migratingAgainAppliesNothingAndAStoreWithoutTheAgencyIsRefused() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        #expect(try await PostgresStore.migrate(owner, applicationRole: "merit_app", environment: [:]) == [])
        await #expect(throws: PostgresStoreError("the store \(app) has no agency yet; add one with merit store agency add CODE NAME")) {
            _ = try await PostgresStore.open(app, agency: nil, environment: [:])
        }
        try await PostgresStore.addAgency(code: "kab-satu", name: "Satu", at: owner, environment: [:])
        try await PostgresStore.addAgency(code: "kab-dua", name: "Dua", at: owner, environment: [:])
        await #expect(throws: PostgresStoreError("the store \(app) holds 2 agencies; say which with --agency CODE (kab-dua, kab-satu)")) {
            _ = try await PostgresStore.open(app, agency: nil, environment: [:])
        }
        await #expect(throws: PostgresStoreError("the store \(app) has no agency 'kab-tiga'; its agencies: kab-dua, kab-satu")) {
            _ = try await PostgresStore.open(app, agency: "kab-tiga", environment: [:])
        }
        await #expect(throws: PostgresStoreError("the store \(owner) has no agency 'prov-tiada' to be the parent; merit store agency list shows them")) {
            try await PostgresStore.addAgency(code: "kab-tiga", name: "Tiga", parent: "prov-tiada", at: owner, environment: [:])
        }
        // The server's refusal, in words, with its SQLSTATE; and a server that is not there.
        let refused = await #expect(throws: PostgresStoreError.self) {
            try await PostgresStore.addAgency(code: "Kab Tiga", name: "Tiga", at: owner, environment: [:])
        }
        #expect(refused?.message.hasPrefix("the store \(owner) refused: new row for relation \"agencies\" violates check constraint") == true)
        #expect(refused?.message.hasSuffix("(SQLSTATE 23514)") == true)
        var nowhere = owner
        nowhere.port = 1
        let unreachable = await #expect(throws: PostgresStoreError.self) { _ = try await PostgresStore.migrate(nowhere, applicationRole: "merit_app", environment: [:]) }
        #expect(unreachable?.message.hasPrefix("the store \(nowhere) cannot be reached") == true)
    }
}
