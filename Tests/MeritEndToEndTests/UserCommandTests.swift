import Foundation
import Testing

/// `merit user` and `merit audit`, run as an administrator would.
@Suite struct UserCommandTests {
    @Test func accountsAreAddedListedDisabledAndAudited() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let added = try MeritProcess.run(["user", "add", "sari.hr", "--role", "hr", "--password-stdin", "--store", store], input: "kata sandi yang panjang\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "account 'sari.hr' (hr) created\n", "a chosen password is not echoed")

        let generated = try MeritProcess.run(["user", "add", "admin", "--role", "admin", "--store", store])
        #expect(generated.status == 0)
        let password = generated.stdout.split(separator: "\n").last?.split(separator: " ").last.map(String.init) ?? ""
        #expect(password.count == 20, "\(generated.stdout)")

        #expect(try MeritProcess.run(["user", "disable", "sari.hr", "--store", store]).status == 0)
        let list = try MeritProcess.run(["user", "list", "--store", store])
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: " ") }
        #expect(rows == ["admin admin enabled", "sari.hr hr disabled"])

        let audit = try MeritProcess.run(["audit", "--store", store])
        let actions = audit.stdout.split(separator: "\n").map { $0.split(separator: "\t").suffix(2).joined(separator: " ") }
        #expect(actions == ["account-add account:sari.hr role:hr", "account-add account:admin role:admin", "account-disable account:sari.hr"])
        let dump = try MeritProcess.sqlite(store, "SELECT * FROM accounts; SELECT * FROM audit_log;")
        #expect(!dump.contains(password) && !dump.contains("kata sandi yang panjang"), "no password in the store in clear")
    }

    @Test func refusedAccountChangesSayWhyAndChangeNothing() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let short = try MeritProcess.run(["user", "add", "budi", "--role", "asesor", "--password-stdin", "--store", store], input: "pendek\n")
        #expect(short.status == 65)
        #expect(short.stderr == "merit: error: the password has 6 characters; use at least 12\n")
        let empty = try MeritProcess.run(["user", "add", "budi", "--role", "asesor", "--password-stdin", "--store", store], input: "")
        #expect(empty.status == 64)
        #expect(empty.stderr.hasPrefix("Error: --password-stdin: standard input holds no password\n"), "\(empty.stderr)")
        let role = try MeritProcess.run(["user", "add", "budi", "--role", "boss", "--store", store])
        #expect(role.status == 64)
        #expect(role.stderr.hasPrefix("Error: The value 'boss' is invalid for '--role <role>'. Please provide one of 'admin', 'asesor', 'hr' or 'pelatihan'.\n"), "\(role.stderr)")
        let code = try MeritProcess.run(["user", "add", "budi", "--role", "hr", "--assessor", "asesor-05", "--store", store])
        #expect(code.status == 64)
        #expect(code.stderr.hasPrefix("Error: --assessor: an assessor code is for an account with the role asesor\n"), "\(code.stderr)")
        let spaced = try MeritProcess.run(["user", "add", "budi", "--role", "asesor", "--assessor", "asesor 05", "--store", store])
        #expect(spaced.stderr.hasPrefix("Error: --assessor: 'asesor 05' is not an assessor code as the rating files write it (1 to 64 characters, no spaces)\n"), "\(spaced.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store), "a refused command makes no store")
        let unknown = try MeritProcess.run(["user", "reset", "ana", "--store", store])
        #expect(unknown.status == 65)
        #expect(unknown.stderr == "merit: error: no account 'ana'; merit user list shows the accounts\n")
        #expect(try MeritProcess.run(["user", "list", "--store", store]).stdout == "")
        #expect(try MeritProcess.run(["audit", "--store", store]).stdout == "")
    }
}
