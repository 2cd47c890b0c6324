import Foundation
import MeritCore
import MeritIO
import MeritPostgres
import MeritPostgresTesting
import Testing

/// The store interface the served application uses, run against both stores: SQLite (`MeritStore`) and
/// PostgreSQL (`PostgresStore`, on Debian's server started for the tests). Same calls, same answers.
@Suite struct ApplicationStoreTests {
    enum Backend: String, CaseIterable, Sendable {
        case sqlite, postgres
    }

    /// A new, empty store of the kind; and how to close it.
    static func store(_ backend: Backend) async throws -> (any ApplicationStore, @Sendable () async -> Void) {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
            return (store, { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let (owner, app) = try await TestCluster.freshDatabase()
            try await PostgresStore.addAgency(code: "bkpsdm-contoh", name: "BKPSDM Kabupaten Contoh", at: owner, environment: [:])
            let store = try await PostgresStore.open(app, agency: nil, environment: [:])
            return (store, { await store.close() })
        }
    }

    static let admin = AuditActor(account: "admin1", address: "127.0.0.1", at: "2026-12-03T08:00:00Z")
    static let nip = "197702102007051001"

    /// Every operation of the interface, and what each answered, as lines.
    static func transcript(_ store: any ApplicationStore) async throws -> [String] {
        var lines: [String] = []
        func line(_ text: String) { lines.append(text) }
        try await store.addAccount(Account(name: "sari", role: .hr, createdAt: "2026-12-03T08:00:00Z"), passwordHash: "$2b$04$hash-sari", by: admin)
        try await store.addAccount(
            Account(name: "budi", role: .asesor, createdAt: "2026-12-03T08:01:00Z", assessor: "asesor-05"), passwordHash: "$2b$04$hash-budi", by: admin)
        do {
            try await store.addAccount(Account(name: "sari", role: .admin, createdAt: "2026-12-03T08:02:00Z"), passwordHash: "x", by: admin)
            line("second sari: added")
        } catch { line("second sari: \(error)") }
        do {
            try await store.addAccount(Account(name: "X y", role: .hr, createdAt: "2026-12-03T08:02:00Z"), passwordHash: "x", by: admin)
        } catch { line("bad name: \(error)") }
        line("accounts: " + (try await store.accounts()).map { "\($0.name) \($0.role.rawValue) \($0.assessor ?? "-") \($0.disabled)" }.joined(separator: "; "))
        try await store.setDisabled(true, account: "budi", by: admin)
        try await store.resetPassword(account: "sari", passwordHash: "$2b$04$new-sari", by: admin)
        do { try await store.setDisabled(true, account: "nobody", by: admin) } catch { line("disable nobody: \(error)") }
        do { try await store.resetPassword(account: "nobody", passwordHash: "x", by: admin) } catch { line("reset nobody: \(error)") }
        let sari = try await store.account(named: "sari")
        line("sari: \(sari.map { "\($0.account.role.rawValue) \($0.passwordHash) \($0.account.disabled)" } ?? "none")")
        line("budi disabled: \(try await store.account(named: "budi")?.account.disabled ?? false)")
        line("nobody: \(try await store.account(named: "nobody") == nil ? "none" : "found")")
        try await store.audit([
            AuditEntry(at: "2026-12-03T09:00:00Z", account: "sari", address: "10.0.0.2", action: "view-plan", object: "person:\(nip)"),
            AuditEntry(at: "2026-12-03T09:00:01Z", account: "sari", address: "10.0.0.2", action: "download", object: "person:\(nip)"),
        ])
        try await store.audit([])
        line("v1 \(try await store.savePlanVersion(nip: nip, batch: "2026-ac", content: "{\"v\":1}", by: admin))")
        line("v2 \(try await store.savePlanVersion(nip: nip, batch: "2026-ac", content: "{\"v\":2}", by: admin))")
        line("other v1 \(try await store.savePlanVersion(nip: "199505162017022001", batch: "2026-ac", content: "{}", by: admin))")
        line("versions: " + (try await store.planVersions(nip: nip)).map { "\($0.version) \($0.batch) \($0.account) \($0.content)" }.joined(separator: "; "))
        line("latest: " + (try await store.latestPlanVersions()).sorted { $0.key < $1.key }.map { "\($0.key) v\($0.value.version)" }.joined(separator: "; "))
        let log = try await store.auditLog(person: nil, account: nil)
        line("log: " + log.map { "\($0.account) \($0.action) \($0.object)" }.joined(separator: " | "))
        line("about \(nip): " + (try await store.auditLog(person: nip, account: nil)).map(\.action).joined(separator: ", "))
        line("by sari: " + (try await store.auditLog(person: nil, account: "sari")).map(\.action).joined(separator: ", "))
        line("by sari about \(nip): \((try await store.auditLog(person: nip, account: "sari")).count)")
        return lines
    }

    @Test func bothStoresAnswerEveryOperationAlike() async throws {
        var transcripts: [Backend: [String]] = [:]
        for backend in Backend.allCases {
            let (store, close) = try await Self.store(backend)
            transcripts[backend] = try await Self.transcript(store)
            await close()
        }
        let sqlite = try #require(transcripts[.sqlite])
        #expect(sqlite == transcripts[.postgres])
        // And what they say is what the operations mean.
        #expect(sqlite.contains("second sari: an account 'sari' exists already; use merit user reset sari for a new password"))
        #expect(sqlite.contains { $0.hasPrefix("bad name: 'X y' is not an account name") })
        #expect(sqlite.contains("accounts: budi asesor asesor-05 false; sari hr - false"))
        #expect(sqlite.contains("disable nobody: no account 'nobody'; merit user list shows the accounts"))
        #expect(sqlite.contains("sari: hr $2b$04$new-sari false"))
        #expect(sqlite.contains("budi disabled: true"))
        #expect(sqlite.contains("versions: 1 2026-ac admin1 {\"v\":1}; 2 2026-ac admin1 {\"v\":2}"))
        #expect(sqlite.contains("latest: 197702102007051001 v2; 199505162017022001 v1"))
        #expect(sqlite.contains("about \(Self.nip): view-plan, download, edit-plan, edit-plan"))
        #expect(sqlite.contains("by sari: view-plan, download"))
        #expect(sqlite.contains("log: admin1 account-add account:sari role:hr | admin1 account-add account:budi role:asesor assessor:asesor-05 | admin1 account-disable account:budi | admin1 account-reset account:sari | sari view-plan person:\(Self.nip) | sari download person:\(Self.nip) | admin1 edit-plan person:\(Self.nip) | admin1 edit-plan person:\(Self.nip) | admin1 edit-plan person:199505162017022001"))
    }

    @Test(arguments: Backend.allCases) func plansSavedAtOnceAreNumberedOneAfterAnother(backend: Backend) async throws {
        let (store, close) = try await Self.store(backend)
        let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<12 {
                group.addTask { try await store.savePlanVersion(nip: Self.nip, batch: "b", content: "{\"n\":\(index)}", by: Self.admin) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(numbers.sorted() == Array(1...12))
        #expect(try await store.planVersions(nip: Self.nip).map(\.version) == Array(1...12))
        await close()
    }
}
