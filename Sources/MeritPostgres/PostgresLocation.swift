import Foundation
import PostgresNIO

/// Where a PostgreSQL store is: `--store postgres://USER@HOST:PORT/DATABASE`. The password is never part of
/// it (a command line is visible to every user of the machine and kept in shell histories); it comes from
/// `PGPASSWORD` or the password file (`PGPASSFILE`, default `~/.pgpass`), as for psql.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var host: String
    public var port: Int
    public var database: String

    public init(user: String, host: String, port: Int, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// Whether `store` names a PostgreSQL store rather than a SQLite file.
    public static func isPostgres(_ store: String) -> Bool {
        store.hasPrefix("postgres://") || store.hasPrefix("postgresql://")
    }

    /// Reads a store URL; a refusal says what is wrong and what to write instead.
    public init(_ text: String) throws(PostgresStoreError) {
        guard Self.isPostgres(text), let url = URLComponents(string: text) else {
            throw PostgresStoreError("'\(text.prefix(80))' is not a PostgreSQL store; write postgres://USER@HOST:PORT/DATABASE")
        }
        if url.password != nil {
            throw PostgresStoreError("the store URL holds a password; remove it and give it in PGPASSWORD or ~/.pgpass (a command line is visible to other users)")
        }
        guard let user = url.user, !user.isEmpty else {
            throw PostgresStoreError("the store URL names no user; write postgres://USER@HOST:PORT/DATABASE")
        }
        guard let host = url.host, !host.isEmpty else {
            throw PostgresStoreError("the store URL names no host; write postgres://USER@HOST:PORT/DATABASE")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresStoreError("the store URL names no database; write postgres://USER@HOST:PORT/DATABASE")
        }
        if url.query != nil || url.fragment != nil {
            throw PostgresStoreError("the store URL has options ('?…' or '#…'), which Merit does not read; write postgres://USER@HOST:PORT/DATABASE")
        }
        self.user = user
        self.host = host
        port = url.port ?? 5432
        self.database = database
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password: `PGPASSWORD`, else the first matching line of the password file, else none (the
    /// server may trust the connection). A password file that others can read is refused, as psql ignores it.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws(PostgresStoreError) -> String? {
        if let password = environment["PGPASSWORD"] { return password }
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !path.isEmpty, FileManager.default.fileExists(atPath: path) else { return nil }
        let mode = ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? 0
        if mode & 0o077 != 0 {
            throw PostgresStoreError("\(path) can be read by others (mode \(String(mode, radix: 8))); make it private: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PostgresStoreError("\(path) cannot be read as UTF-8 text")
        }
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = Self.passwordFileFields(line)
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A password file line's fields: `:` separates, `\:` and `\\` are a colon and a backslash.
    static func passwordFileFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}

/// A PostgreSQL store that cannot be used, and what to do.
public struct PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension PostgresStoreError {
    /// A failure of the server or the connection, in words: the server's message and SQLSTATE, or why the
    /// connection failed. (PSQLError's own description hides the message, as it may quote data.)
    static func from(_ error: any Error, location: PostgresLocation) -> PostgresStoreError {
        guard let error = error as? PSQLError else { return PostgresStoreError("the store \(location): \(error)") }
        if let message = error.serverInfo?[.message] {
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return PostgresStoreError("the store \(location) refused: \(message)\(state)")
        }
        return PostgresStoreError("the store \(location) cannot be reached (\(error.code)); is PostgreSQL running there, and does it accept this user?")
    }
}
