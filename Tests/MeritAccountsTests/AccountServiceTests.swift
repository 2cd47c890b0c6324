import Foundation
import MeritAccounts
import MeritCore
import MeritIO
import Testing

/// Accounts, passwords and the audit log, on a store in a temporary folder (bcrypt cost 4: the cost is a
/// setting, the checks are the same).
@Suite struct AccountServiceTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-accounts-\(UUID().uuidString)")
    let actor = AuditActor(account: "cli:tester", address: "local", at: "2026-12-02T10:00:00Z")

    /// The service, and the SQLite store under it (for what only that store answers: its content).
    func service() throws -> (AccountService, MeritStore) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        return (AccountService(store: store, cost: 4), store)
    }

    @Test func signInNeedsTheRightPasswordAndAnEnabledAccount() async throws {
        let (accounts, store) = try service()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try await accounts.add("sari.hr", role: .hr, password: "kata sandi yang panjang", by: actor) == nil)
        #expect(try await accounts.signIn("sari.hr", password: "kata sandi yang panjang")?.role == .hr)
        #expect(try await accounts.signIn("sari.hr", password: "kata sandi yang salah!") == nil)
        #expect(try await accounts.signIn("nobody", password: "kata sandi yang panjang") == nil)
        try store.setDisabled(true, account: "sari.hr", by: actor)
        #expect(try await accounts.signIn("sari.hr", password: "kata sandi yang panjang") == nil, "a disabled account cannot sign in")
        #expect(try store.accounts() == [Account(name: "sari.hr", role: .hr, disabled: true, createdAt: "2026-12-02T10:00:00Z")])
    }

    @Test func aGeneratedPasswordIsReturnedOnceAndWorks() async throws {
        let (accounts, store) = try service()
        defer { try? FileManager.default.removeItem(at: folder) }
        let password = try #require(try await accounts.add("budi", role: .asesor, password: nil, by: actor))
        #expect(password.count == 20)
        #expect(try await accounts.signIn("budi", password: password)?.name == "budi")
        let next = try #require(try await accounts.reset("budi", password: nil, by: actor))
        #expect(try await accounts.signIn("budi", password: password) == nil, "the old password no longer works")
        #expect(try await accounts.signIn("budi", password: next) != nil)
        // Neither password is in the store in clear.
        let dump = try store.contentDump().joined(separator: "\n")
        #expect(!dump.contains(password) && !dump.contains(next))
    }

    @Test func refusedAccountsAndPasswordsSayWhy() async throws {
        let (accounts, store) = try service()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: AccountService.PasswordError.tooShort(5)) { try await accounts.add("ani", role: .hr, password: "short", by: actor) }
        await #expect(throws: AccountService.PasswordError.tooLong) { try await accounts.add("ani", role: .hr, password: String(repeating: "é", count: 40), by: actor) }
        await #expect(throws: MeritStore.AccountError.invalidName("Ani Putri")) { try await accounts.add("Ani Putri", role: .hr, password: "cukup panjang sekali", by: actor) }
        try await accounts.add("ani", role: .hr, password: "cukup panjang sekali", by: actor)
        await #expect(throws: MeritStore.AccountError.exists("ani")) { try await accounts.add("ani", role: .admin, password: "cukup panjang sekali", by: actor) }
        await #expect(throws: MeritStore.AccountError.unknown("ana")) { try await accounts.reset("ana", password: nil, by: actor) }
        #expect(
            MeritStore.AccountError.invalidName("Ani Putri").description
                == "'Ani Putri' is not an account name: use 3 to 32 of a–z, 0–9, '.', '_' or '-', starting with a letter")
    }

    @Test func theAuditLogRecordsAccountChangesAndIsAppendOnly() async throws {
        let (accounts, store) = try service()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await accounts.add("admin1", role: .admin, password: "cukup panjang sekali", by: actor)
        try store.setDisabled(true, account: "admin1", by: actor)
        try store.audit(AuditEntry(at: "2026-12-02T10:05:00Z", account: "sari.hr", address: "127.0.0.1", action: "view", object: "person:197702102007051001"))
        #expect(try store.auditLog().map(\.action) == ["account-add", "account-disable", "view"])
        #expect(try store.auditLog(person: "197702102007051001").map(\.account) == ["sari.hr"])
        #expect(try store.auditLog(account: "cli:tester").map(\.object) == ["account:admin1 role:admin", "account:admin1"])
        // The application cannot rewrite or delete what was recorded.
        let path = folder.appendingPathComponent("merit.sqlite").path
        for sql in ["UPDATE audit_log SET account = 'x'", "DELETE FROM audit_log"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path, sql]
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus != 0 && message.contains("the audit log is append-only"), "\(sql)")
        }
        #expect(try store.auditLog().count == 3)
    }
}
