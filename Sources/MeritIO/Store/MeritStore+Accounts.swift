import Foundation
import GRDB
import MeritCore

/// Accounts of the served application and the audit log, in the same store as the results they guard.
extension MeritStore {
    public enum AccountError: Error, Equatable, CustomStringConvertible {
        case exists(String)
        case unknown(String)
        case invalidName(String)

        public var description: String {
            switch self {
            case .exists(let name): "an account '\(name)' exists already; use merit user reset \(name) for a new password"
            case .unknown(let name): "no account '\(name)'; merit user list shows the accounts"
            case .invalidName(let name):
                "'\(name)' is not an account name: use 3 to 32 of a–z, 0–9, '.', '_' or '-', starting with a letter"
            }
        }
    }

    /// Creates an account with a password hash made by the caller (bcrypt), logged as `by` did it.
    public func addAccount(_ account: Account, passwordHash: String, by actor: AuditActor) throws {
        guard Account.isValidName(account.name) else { throw AccountError.invalidName(account.name) }
        try transaction { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM accounts WHERE name = ?)", arguments: [account.name]) == true {
                throw AccountError.exists(account.name)
            }
            try db.execute(
                sql: "INSERT INTO accounts(name, role, password_hash, disabled, created_at, assessor) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [account.name, account.role.rawValue, passwordHash, account.disabled, account.createdAt, account.assessor])
            let assessor = account.assessor.map { " assessor:\($0)" } ?? ""
            try Self.append(AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "account-add", object: "account:\(account.name) role:\(account.role.rawValue)\(assessor)"), db)
        }
    }

    /// Every account, by name (no password hashes).
    public func accounts() throws -> [Account] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, disabled, created_at, assessor FROM accounts ORDER BY name").compactMap { row in
                Role(rawValue: row["role"]).map { Account(name: row["name"], role: $0, disabled: row["disabled"], createdAt: row["created_at"], assessor: row["assessor"]) }
            }
        }
    }

    /// The account and its password hash, for signing in.
    public func account(named name: String) throws -> (account: Account, passwordHash: String)? {
        try read { db in
            // Cached statements here and below: every page asks for its account, stamp and audit entry
            // (parsing each anew was a tenth of a served page's SQLite time, perf on scripts/load-test).
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM accounts WHERE name = ?"), arguments: [name]),
                let role = Role(rawValue: row["role"])
            else { return nil }
            return (Account(name: row["name"], role: role, disabled: row["disabled"], createdAt: row["created_at"], assessor: row["assessor"]), row["password_hash"])
        }
    }

    /// Disables (or enables again) an account; its sessions end with it.
    public func setDisabled(_ disabled: Bool, account name: String, by actor: AuditActor) throws {
        try transaction { db in
            try db.execute(sql: "UPDATE accounts SET disabled = ? WHERE name = ?", arguments: [disabled, name])
            guard db.changesCount == 1 else { throw AccountError.unknown(name) }
            try Self.append(AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: disabled ? "account-disable" : "account-enable", object: "account:\(name)"), db)
        }
    }

    /// Gives an account a new password hash.
    public func resetPassword(account name: String, passwordHash: String, by actor: AuditActor) throws {
        try transaction { db in
            try db.execute(sql: "UPDATE accounts SET password_hash = ? WHERE name = ?", arguments: [passwordHash, name])
            guard db.changesCount == 1 else { throw AccountError.unknown(name) }
            try Self.append(AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "account-reset", object: "account:\(name)"), db)
        }
    }

    /// Records one action in the audit log (which the application can only append to).
    public func audit(_ entry: AuditEntry) throws {
        try audit([entry])
    }

    /// Records several actions in one transaction: all of them or, when it fails, none.
    public func audit(_ entries: [AuditEntry]) throws {
        try transaction { db in
            for entry in entries { try Self.append(entry, db) }
        }
    }

    /// The audit log, oldest first; only the entries about one person (`person:NIP`) or by one account when asked.
    public func auditLog(person nip: String? = nil, account: String? = nil) throws -> [AuditEntry] {
        try read { db in
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if let nip {
                conditions.append("object = ?")
                arguments.append("person:\(nip)")
            }
            if let account {
                conditions.append("account = ?")
                arguments.append(account)
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            return try Row.fetchAll(db, sql: "SELECT * FROM audit_log\(filter) ORDER BY id", arguments: StatementArguments(arguments)).map { row in
                AuditEntry(at: row["at"], account: row["account"], address: row["address"], action: row["action"], object: row["object"])
            }
        }
    }

    static func append(_ entry: AuditEntry, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log(at, account, address, action, object) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [entry.at, entry.account, entry.address, entry.action, entry.object])
    }
}

/// Who does an account change, for the audit log: an account on the server, or the command line.
public struct AuditActor: Sendable {
    public var account: String
    public var address: String
    public var at: String

    public init(account: String, address: String, at: String) {
        self.account = account
        self.address = address
        self.at = at
    }

    /// The command line: the system user running `merit`, on this machine, now (UTC).
    public static func commandLine(now: Date = Date()) -> AuditActor {
        let user = ProcessInfo.processInfo.userName
        return AuditActor(account: "cli:\(user)", address: "local", at: timestamp(now))
    }

    /// ISO 8601 in UTC, to the second (`2026-12-02T18:47:20Z`). Written from the broken-down time rather
    /// than by a new ISO8601DateFormatter per call: making one took 0.45 ms, 8 % of a served page (perf,
    /// scripts/load-test).
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
