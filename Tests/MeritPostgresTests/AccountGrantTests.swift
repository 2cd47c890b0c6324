import Foundation
import MeritAccounts
import MeritCore
import MeritIO
import MeritPostgres
import MeritPostgresTesting
import Testing

/// A province's account that signs in on its regencies' servers (migration 4): where it was granted only,
/// changed only by its own agency, given and taken back by the schema's owner only, and never under a
/// name that is someone else's there.
@Suite struct AccountGrantTests {
    static let actor = AuditActor(account: "cli:test", address: "local", at: "2026-12-03T00:00:00Z")

    /// A store with a province and two of its regencies; the province has an HR account `hr.prov`.
    static func store() async throws -> (owner: PostgresLocation, app: PostgresLocation) {
        let (owner, app) = try await TestCluster.freshDatabase()
        try await PostgresStore.addAgency(code: "prov-contoh", name: "BKD Provinsi Contoh", at: owner, environment: [:])
        for code in ["kab-satu", "kab-dua"] {
            try await PostgresStore.addAgency(code: code, name: "BKPSDM \(code)", parent: "prov-contoh", at: owner, environment: [:])
        }
        try await with(app, "prov-contoh") { prov in
            _ = try await AccountService(store: prov, cost: 4).add("hr.prov", role: .hr, password: "kata sandi yang panjang", by: actor)
        }
        return (owner, app)
    }

    /// Runs `body` on the store opened for `agency`, closed after.
    @discardableResult
    static func with<T: Sendable>(_ app: PostgresLocation, _ agency: String, _ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = try await PostgresStore.open(app, agency: agency, environment: [:])
        do {
            let value = try await body(store)
            await store.close()
            return value
        } catch {
            await store.close()
            throw error
        }
    }

    static func refusal(_ body: () async throws -> Void) async -> String {
        do {
            try await body()
            return "not refused"
        } catch {
            return "\(error)"
        }
    }

    @Test func aGrantedAccountSignsInWhereGrantedAndIsChangedOnlyByItsOwnAgency() async throws {
        let (owner, app) = try await Self.store()
        try await PostgresStore.grant(account: "hr.prov", of: "prov-contoh", to: ["kab-satu"], at: owner, by: Self.actor, environment: [:])
        try await Self.with(app, "kab-satu") { satu in
            let found = try #require(try await satu.account(named: "hr.prov"))
            #expect(found.account.role == .hr && found.passwordHash.hasPrefix("$2"))
            #expect(try await satu.accounts().isEmpty, "the agency's own accounts only are listed")
            #expect(try await satu.grantedAccounts().map { "\($0.agency) \($0.account.name) \($0.account.role)" } == ["prov-contoh hr.prov hr"])
            let refused = await Self.refusal { try await satu.setDisabled(true, account: "hr.prov", by: Self.actor) }
            #expect(refused == "no account 'hr.prov'; merit user list shows the accounts")
            let audit = try await satu.auditLog(person: nil, account: "cli:test").map { "\($0.action) \($0.object)" }
            #expect(audit == ["account-grant account:hr.prov of:prov-contoh"])
        }
        #expect(try await Self.with(app, "kab-dua") { try await $0.account(named: "hr.prov") } == nil, "not granted there")
        #expect(try await Self.with(app, "kab-dua") { try await $0.grantedAccounts().isEmpty })
        try await Self.with(app, "prov-contoh") { prov in
            try await prov.setDisabled(true, account: "hr.prov", by: Self.actor)
            #expect(try await prov.auditLog(person: nil, account: "cli:test").map(\.object).contains("account:hr.prov to:kab-satu"))
        }
        #expect(try await Self.with(app, "kab-satu") { try await $0.account(named: "hr.prov")?.account.disabled } == true, "disabled everywhere")
        #expect(try await PostgresStore.grants(at: owner, environment: [:]).map { "\($0.served) \($0.agency) \($0.account)" } == ["kab-satu prov-contoh hr.prov"])

        try await PostgresStore.revoke(account: "hr.prov", of: "prov-contoh", from: ["kab-satu"], at: owner, by: Self.actor, environment: [:])
        #expect(try await Self.with(app, "kab-satu") { try await $0.account(named: "hr.prov") } == nil)
        let again = await Self.refusal {
            try await PostgresStore.revoke(account: "hr.prov", of: "prov-contoh", from: ["kab-satu"], at: owner, by: Self.actor, environment: [:])
        }
        #expect(again == "account 'hr.prov' of agency prov-contoh may not sign in on agency kab-satu; merit store agency grants shows who may")
    }

    @Test func aNameTakenWhereTheAccountWouldSignInIsRefused() async throws {
        let (owner, app) = try await Self.store()
        try await Self.with(app, "kab-satu") { satu in
            _ = try await AccountService(store: satu, cost: 4).add("hr.prov", role: .admin, password: "kata sandi yang lain juga", by: Self.actor)
        }
        func grant(_ account: String, of agency: String, to served: [String]) async -> String {
            await Self.refusal { try await PostgresStore.grant(account: account, of: agency, to: served, at: owner, by: Self.actor, environment: [:]) }
        }
        #expect(
            await grant("hr.prov", of: "prov-contoh", to: ["kab-dua", "kab-satu"])
                == "agency kab-satu has an account 'hr.prov' of its own: an account's name must say who signs in there; rename one of them")
        #expect(try await PostgresStore.grants(at: owner, environment: [:]).isEmpty, "nothing granted, kab-dua neither")
        #expect(await grant("hr.prov", of: "prov-contoh", to: ["kab-tiga"]) == "the store \(owner) has no agency 'kab-tiga'; merit store agency list shows them")
        #expect(await grant("nobody", of: "prov-contoh", to: ["kab-dua"]) == "agency prov-contoh has no account 'nobody'; merit user list --agency prov-contoh shows them")
        #expect(await grant("hr.prov", of: "prov-contoh", to: ["prov-contoh"]) == "account 'hr.prov' belongs to agency prov-contoh, where it signs in already")

        #expect(await grant("hr.prov", of: "prov-contoh", to: ["kab-dua"]) == "not refused")
        // The other way round: a name granted to the agency is not given to an account of its own.
        let added = await Self.refusal {
            try await Self.with(app, "kab-dua") { dua in
                _ = try await AccountService(store: dua, cost: 4).add("hr.prov", role: .hr, password: "kata sandi yang panjang", by: Self.actor)
            }
        }
        #expect(added == "an account 'hr.prov' of agency prov-contoh may sign in here already; choose another name")
        // kab-satu's own hr.prov, granted to kab-dua, would make two.
        #expect(
            await grant("hr.prov", of: "kab-satu", to: ["kab-dua"])
                == "agency kab-dua lets an account 'hr.prov' of agency prov-contoh sign in already: an account's name must say who signs in there; rename one of them")
    }

    @Test func onlyTheSchemasOwnerGrantsAndAnAgencySeesOnlyItsGrants() async throws {
        let (owner, app) = try await Self.store()
        let merit = TestCluster.merit
        let grant = [merit, "store", "agency", "grant", "hr.prov", "--of", "prov-contoh", "--to", "kab-satu", "--store"]
        let refused = try TestCluster.spawn(grant + [app.description])
        #expect(refused == (74, "merit: error: the store \(app) refused: permission denied for table account_grants (SQLSTATE 42501)\n"))
        #expect(try TestCluster.spawn(grant + [owner.description]) == (0, "\(owner): account hr.prov of prov-contoh may sign in on kab-satu\n"))
        #expect(try TestCluster.spawn([merit, "store", "agency", "grants", "--store", owner.description]) == (0, "kab-satu\tprov-contoh\thr.prov\n"))
        let none = try TestCluster.spawn([merit, "store", "agency", "grant", "hr.prov", "--of", "prov-contoh", "--store", owner.description])
        #expect(none.status == 64 && none.output.hasPrefix("Error: name the agencies the account may sign in on with --to CODE\n"))

        // The application's role, bound to kab-dua, sees no grant of kab-satu's and can change none.
        let count = "SELECT count(*) FROM account_grants"
        #expect(try TestCluster.psql(app, "SET merit.agency = '3'; \(count)").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        #expect(try TestCluster.psql(app, "SET merit.agency = '2'; \(count)").trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(throws: (any Error).self) { try TestCluster.psql(app, "SET merit.agency = '3'; DELETE FROM account_grants") }
        #expect(try TestCluster.psql(owner, count).trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    }
}
