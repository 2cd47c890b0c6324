import Foundation
import MeritPostgres
import Testing

/// `--store postgres://…`: what is read, what is refused (with what to write instead), and where the
/// password comes from (never the command line).
@Suite struct PostgresLocationTests {
    @Test func aStoreURLIsRead() throws {
        let location = try PostgresLocation("postgres://merit_app@db.bkpsdm.example:6432/merit")
        #expect(location == PostgresLocation.init(user: "merit_app", host: "db.bkpsdm.example", port: 6432, database: "merit"))
        #expect(try PostgresLocation("postgresql://u@127.0.0.1/merit").port == 5432)
        #expect(PostgresLocation.isPostgres("postgres://u@h/d") && !PostgresLocation.isPostgres("merit.sqlite"))
    }

    @Test(arguments: [
        ("postgres://merit:rahasia@127.0.0.1/merit", "the store URL holds a password; remove it and give it in PGPASSWORD or ~/.pgpass (a command line is visible to other users)"),
        ("postgres://127.0.0.1/merit", "the store URL names no user; write postgres://USER@HOST:PORT/DATABASE"),
        ("postgres://merit@127.0.0.1", "the store URL names no database; write postgres://USER@HOST:PORT/DATABASE"),
        ("postgres://merit@127.0.0.1/merit?sslmode=disable", "the store URL has options ('?…' or '#…'), which Merit does not read; write postgres://USER@HOST:PORT/DATABASE"),
        ("mysql://merit@127.0.0.1/merit", "'mysql://merit@127.0.0.1/merit' is not a PostgreSQL store; write postgres://USER@HOST:PORT/DATABASE"),
    ])
    func aBadURLIsRefusedWithWhatToWrite(text: String, message: String) {
        #expect(throws: PostgresStoreError(message)) { try PostgresLocation(text) }
    }

    @Test func thePasswordComesFromPGPASSWORDThenThePasswordFile() throws {
        let location = try PostgresLocation("postgres://merit_app@db:5432/merit")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try "# agency stores\nother:5432:merit:merit_app:wrong\ndb:*:merit:merit_app:pa\\:ss\\\\word\n".write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        #expect(try location.password(environment: ["PGPASSWORD": "from-env", "PGPASSFILE": file]) == "from-env")
        #expect(try location.password(environment: ["PGPASSFILE": file]) == "pa:ss\\word")
        #expect(try PostgresLocation("postgres://someone@db/merit").password(environment: ["PGPASSFILE": file]) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(throws: PostgresStoreError("\(file) can be read by others (mode 644); make it private: chmod 600 \(file)")) {
            try location.password(environment: ["PGPASSFILE": file])
        }
    }
}
