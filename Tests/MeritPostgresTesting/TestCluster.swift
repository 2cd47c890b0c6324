import Foundation
import MeritPostgres

/// Debian's PostgreSQL server (for the tests of MeritPostgres and of the pages served on it), started once for this test process by `scripts/postgres-cluster` (in a
/// temporary folder, on loopback) and stopped when the process exits. Each test takes a database of its
/// own, migrated, so tests run in parallel without seeing each other's rows.
public enum TestCluster {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public struct Cluster: Sendable {
        public var folder: String
        public var port: Int
    }

    nonisolated(unsafe) static var started: String?

    public static let cluster: Result<Cluster, any Error> = Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-pg-\(UUID().uuidString)").path
        let output = try run(["bash", root.appendingPathComponent("scripts/postgres-cluster").path, "start", folder])
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("MERIT_POSTGRES_APP=") }),
            let port = Int(line.split(separator: ":").last?.split(separator: "/").first ?? "")
        else { throw PostgresStoreError("scripts/postgres-cluster said: \(output)") }
        started = folder
        atexit {
            guard let folder = TestCluster.started else { return }
            _ = try? TestCluster.run(["bash", TestCluster.root.appendingPathComponent("scripts/postgres-cluster").path, "stop", folder])
            try? FileManager.default.removeItem(atPath: folder)
        }
        return Cluster(folder: folder, port: port)
    }

    /// A new database owned by `merit_owner` with the migrations applied; its URLs as the owner and as
    /// the application's role.
    public static func freshDatabase() async throws -> (owner: PostgresLocation, app: PostgresLocation) {
        let cluster = try cluster.get()
        let name = "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        _ = try psql(cluster, user: "postgres", database: "postgres", "CREATE DATABASE \(name) OWNER merit_owner")
        let owner = try PostgresLocation("postgres://merit_owner@127.0.0.1:\(cluster.port)/\(name)")
        try await PostgresStore.migrate(owner, applicationRole: "merit_app", environment: [:])
        return (owner, try PostgresLocation("postgres://merit_app@127.0.0.1:\(cluster.port)/\(name)"))
    }

    /// Runs SQL with psql as `user`; its output (unaligned, tuples only), or the error psql printed.
    public static func psql(_ cluster: Cluster, user: String, database: String, _ sql: String) throws -> String {
        try run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(cluster.port), "-U", user, "-d", database, "-c", sql])
    }

    public static func psql(_ location: PostgresLocation, _ sql: String) throws -> String {
        try psql(try cluster.get(), user: location.user, database: location.database, sql)
    }

    /// Runs a program (found on PATH) and waits for it; what it printed (stdout and stderr), or an error
    /// with it when it failed. posix_spawn and waitpid, not Foundation's Process: `waitUntilExit` never
    /// returned here when called while other tests waited for the cluster to start.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> String {
        let (status, text) = try spawn(arguments)
        guard status == 0 else { throw PostgresStoreError("\(arguments.joined(separator: " ").prefix(200)): \(text)") }
        return text
    }

    /// Runs a program and waits for it: its exit status and what it printed (stdout, then stderr's lines among them).
    public static func spawn(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try launch(arguments).wait()
    }

    /// A program started and not yet waited for.
    public struct Launched {
        public var pid: pid_t
        public var log: String

        /// Waits for it: its exit status (128 + the signal when one ended it) and what it printed.
        public func wait() -> (status: Int32, output: String) {
            defer { try? FileManager.default.removeItem(atPath: log) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            return (status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), text)
        }
    }

    /// Starts a program (found on PATH), its output to a log of its own.
    public static func launch(_ arguments: [String]) throws -> Launched {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("merit-run-\(UUID().uuidString).log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw PostgresStoreError("\(arguments[0]) could not be started (\(spawned))") }
        return Launched(pid: pid, log: log)
    }

    /// The `merit` built beside the test bundle.
    public static var merit: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("merit").path
    }
}
