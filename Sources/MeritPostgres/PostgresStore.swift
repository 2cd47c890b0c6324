import Foundation
import Logging
import MeritCore
import MeritIO
import PostgresNIO

/// The PostgreSQL store (issue 14), bound to one agency for its whole life: every transaction first sets
/// `merit.agency`, which the tables' row-level security policies read, and every query also filters by
/// the agency itself (PostgresMigrations). It holds the agency's records and results (`RecordStore`,
/// PostgresStore+Records) and the served application's accounts, audit log and plan versions.
public final class PostgresStore: Sendable {
    public struct Agency: Sendable, Equatable {
        public var id: Int
        public var code: String
        public var name: String
    }

    public let location: PostgresLocation
    public let agency: Agency
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    private init(location: PostgresLocation, agency: Agency, client: PostgresClient, logger: Logger, running: Task<Void, Never>) {
        self.location = location
        self.agency = agency
        self.client = client
        self.logger = logger
        self.running = running
    }

    /// A running client for `location` (the password from `PGPASSWORD` or the password file); `close()` it.
    /// One connection is made first and closed: a server that is not there, or that refuses the user, is
    /// said at once (the client's pool would retry for a minute before giving up).
    static func connect(_ location: PostgresLocation, environment: [String: String]) async throws -> (PostgresClient, Task<Void, Never>) {
        let password = try location.password(environment: environment)
        let probe = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password, database: location.database, tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: Logger(label: "merit.postgres"))
            try await connection.close()
        } catch let error as PSQLError {
            throw PostgresStoreError.from(error, location: location)
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: password, database: location.database, tls: .disable)
        // A writer's rows wait in a temporary table before merit_land moves them (PostgresStore+RecordWrites);
        // with the default 8 MB of buffers for it, landing a 100,000-person import took 26 s, with 256 MB 18 s.
        // The buffers are taken only as a temporary table fills them.
        configuration.options.additionalStartupParameters = [("temp_buffers", "256MB")]
        let client = PostgresClient(configuration: configuration)
        return (client, Task { await client.run() })
    }

    /// Opens the store for one agency, named by its code; without a code, the store's only agency.
    public static func open(
        _ location: PostgresLocation, agency code: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> PostgresStore {
        let logger = Logger(label: "merit.postgres")
        let (client, running) = try await connect(location, environment: environment)
        do {
            var agencies: [Agency] = []
            let rows = try await client.query("SELECT id, code, name FROM agencies ORDER BY code", logger: logger)
            for try await (id, agencyCode, name) in rows.decode((Int, String, String).self) {
                agencies.append(Agency(id: id, code: agencyCode, name: name))
            }
            let chosen: Agency
            if let code {
                guard let found = agencies.first(where: { $0.code == code }) else {
                    throw PostgresStoreError("the store \(location) has no agency '\(code.prefix(40))'; its agencies: \(agencies.map(\.code).joined(separator: ", "))")
                }
                chosen = found
            } else {
                guard agencies.count == 1 else {
                    throw PostgresStoreError(
                        agencies.isEmpty
                            ? "the store \(location) has no agency yet; add one with merit store agency add CODE NAME"
                            : "the store \(location) holds \(agencies.count) agencies; say which with --agency CODE (\(agencies.map(\.code).joined(separator: ", ")))")
                }
                chosen = agencies[0]
            }
            return PostgresStore(location: location, agency: chosen, client: client, logger: logger, running: running)
        } catch {
            running.cancel()
            await running.value
            throw error
        }
    }

    /// Ends the store's connections.
    public func close() async {
        running.cancel()
        await running.value
    }

    /// How a transaction sees other transactions' commits: a reader of many tables takes one snapshot.
    enum Isolation: String {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
    }

    /// Runs `body` in one transaction bound to the store's agency.
    func inAgency<T: Sendable>(isolation: Isolation = .readCommitted, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let id = agency.id
        let logger = logger
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await connection.query(PostgresQuery(unsafeSQL: "SET TRANSACTION ISOLATION LEVEL \(isolation.rawValue)"), logger: logger)
                try await connection.query("SELECT set_config('merit.agency', \(String(id)), true)", logger: logger)
                return try await body(connection)
            }
        } catch let error as PostgresTransactionError {
            // What the body threw (an account that exists, say) leaves as itself; the rest names the store.
            if let thrown = error.closureError, !(thrown is PSQLError) { throw thrown }
            throw PostgresStoreError.from(error.closureError ?? error.beginError ?? error.commitError ?? error, location: location)
        } catch let error as PSQLError {
            throw PostgresStoreError.from(error, location: location)
        }
    }

    /// Adds an agency (run as the schema's owner: the application's role may only read agencies).
    public static func addAgency(
        code: String, name: String, parent: String? = nil, at location: PostgresLocation,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        try await withClient(location, environment: environment) { client, logger in
            // A parent that is not there is refused, not stored as no parent.
            var parentID: Int?
            if let parent {
                for try await id in try await client.query("SELECT id FROM agencies WHERE code = \(parent)", logger: logger).decode(Int.self) { parentID = id }
                guard parentID != nil else {
                    throw PostgresStoreError("the store \(location) has no agency '\(parent.prefix(40))' to be the parent; merit store agency list shows them")
                }
            }
            try await client.query("INSERT INTO agencies (code, name, parent_id) VALUES (\(code), \(name), \(parentID))", logger: logger)
        }
    }

    /// The store's agencies, by code, with the code of each one's parent.
    public static func agencies(
        at location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [(agency: Agency, parent: String?)] {
        try await withClient(location, environment: environment) { client, logger in
            var agencies: [(agency: Agency, parent: String?)] = []
            let rows = try await client.query(
                "SELECT a.id, a.code, a.name, p.code FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id ORDER BY a.code", logger: logger)
            for try await (id, code, name, parent) in rows.decode((Int, String, String, String?).self) {
                agencies.append((Agency(id: id, code: code, name: name), parent))
            }
            return agencies
        }
    }

    /// Applies the migrations (as the schema's owner), granting the application's role what it needs.
    @discardableResult
    public static func migrate(
        _ location: PostgresLocation, applicationRole: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [Int] {
        try await withClient(location, environment: environment) { client, logger in
            try await PostgresMigrations.apply(on: client, applicationRole: applicationRole, logger: logger)
        }
    }

    /// Runs `body` with a client of its own, ended when it returns or throws; the server's refusals as
    /// `PostgresStoreError`s.
    static func withClient<T: Sendable>(
        _ location: PostgresLocation, environment: [String: String], _ body: (PostgresClient, Logger) async throws -> T
    ) async throws -> T {
        let (client, running) = try await connect(location, environment: environment)
        defer { running.cancel() }
        do {
            let value = try await body(client, Logger(label: "merit.postgres"))
            running.cancel()
            await running.value
            return value
        } catch let error as PSQLError {
            throw PostgresStoreError.from(error, location: location)
        }
    }
}
