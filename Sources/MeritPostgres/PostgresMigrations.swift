import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL schema, as numbered migrations applied in order by the schema's owner (`merit store
/// migrate`); each runs in its own transaction and is recorded in `merit_migrations`, so running them again
/// applies only the new ones.
///
/// Every table of an agency's data has `agency_id` first in its primary key and in every foreign key that
/// points at agency data, and every query filters by it: the agency can be the distribution column of Citus
/// (`SELECT create_distributed_table('accounts', 'agency_id')`, `agencies` a reference table), so a national
/// store shards by agency and an agency's rows stay on one node.
///
/// Row-level security keeps agencies apart: every agency table has a policy on the session's
/// `merit.agency` setting, forced for the table's owner too (but for `account_grants`, which the owner
/// manages: migration 4); the application's role owns nothing, so it can
/// neither drop a policy nor turn security off. The audit log is append-only for that role (no UPDATE or
/// DELETE is granted), as UU 27/2022 PDP's accountability asks.
public enum PostgresMigrations {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        /// The statements; `{app}` is the application's role.
        public var statements: [String]
        /// What to do when the owner may not run them (SQLSTATE 42501), if a grant is needed; `{owner}` is the owner.
        public var grantNeeded: String? = nil
    }

    /// The rows of an agency table that a session bound to an agency may see and write.
    static func agencyPolicy(_ table: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            """
            CREATE POLICY \(table)_of_agency ON \(table)
                USING (agency_id = NULLIF(current_setting('merit.agency', true), '')::integer)
                WITH CHECK (agency_id = NULLIF(current_setting('merit.agency', true), '')::integer)
            """,
        ]
    }

    public static let all: [Migration] = [
        Migration(
            version: 1, name: "agencies, accounts, audit log, plan versions",
            statements: [
                """
                CREATE TABLE agencies (
                    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9.-]{0,31}$'),
                    name text NOT NULL,
                    parent_id integer REFERENCES agencies (id))
                """,
                """
                CREATE TABLE accounts (
                    agency_id integer NOT NULL REFERENCES agencies (id),
                    name text NOT NULL,
                    role text NOT NULL CHECK (role IN ('admin', 'asesor', 'hr', 'pelatihan')),
                    password_hash text NOT NULL,
                    disabled boolean NOT NULL DEFAULT false,
                    created_at text NOT NULL,
                    assessor text,
                    PRIMARY KEY (agency_id, name))
                """,
                """
                CREATE TABLE audit_log (
                    agency_id integer NOT NULL REFERENCES agencies (id),
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    at text NOT NULL, account text NOT NULL, address text NOT NULL, action text NOT NULL, object text NOT NULL,
                    PRIMARY KEY (agency_id, id))
                """,
                "CREATE INDEX audit_log_by_object ON audit_log (agency_id, object)",
                "CREATE INDEX audit_log_by_account ON audit_log (agency_id, account)",
                """
                CREATE TABLE plan_versions (
                    agency_id integer NOT NULL REFERENCES agencies (id),
                    nip text NOT NULL CHECK (nip ~ '^[0-9]{18}$'),
                    version integer NOT NULL CHECK (version > 0),
                    batch text NOT NULL, saved_at text NOT NULL, account text NOT NULL, content text NOT NULL,
                    PRIMARY KEY (agency_id, nip, version))
                """,
            ] + agencyPolicy("accounts") + agencyPolicy("audit_log") + agencyPolicy("plan_versions") + [
                "GRANT SELECT ON agencies TO {app}",
                "GRANT SELECT, INSERT, UPDATE (disabled, password_hash) ON accounts TO {app}",
                "GRANT SELECT, INSERT ON audit_log, plan_versions TO {app}",
            ]),
        records,
        landing,
        grants,
    ]

    /// Applies the migrations not yet applied; the versions it applied.
    @discardableResult
    public static func apply(on client: PostgresClient, applicationRole: String, logger: Logger) async throws -> [Int] {
        guard applicationRole.wholeMatch(of: /[a-z_][a-z0-9_]{0,62}/) != nil else {
            throw PostgresStoreError("'\(applicationRole.prefix(80))' is not a role name Merit grants to; use a–z, 0–9 and '_'")
        }
        try await client.query(
            "CREATE TABLE IF NOT EXISTS merit_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            logger: logger)
        var owner = "the schema's owner"
        for try await (name) in try await client.query("SELECT current_user::text", logger: logger).decode(String.self) { owner = name }
        var applied: [Int] = []
        for migration in all {
            let done: Bool
            do {
                done = try await client.withTransaction(logger: logger) { connection in
                    // One migrator at a time: a second `merit store migrate` waits here, then finds it done.
                    try await connection.query("LOCK TABLE merit_migrations IN EXCLUSIVE MODE", logger: logger)
                    let rows = try await connection.query("SELECT 1 FROM merit_migrations WHERE version = \(migration.version)", logger: logger)
                    for try await _ in rows { return true }
                    for statement in migration.statements {
                        let sql = statement.replacingOccurrences(of: "{app}", with: applicationRole)
                        do {
                            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "42501" {
                            guard let grant = migration.grantNeeded else { throw error }
                            let message = error.serverInfo?[.message] ?? "permission denied"
                            let todo = grant.replacingOccurrences(of: "{owner}", with: owner)
                            throw PostgresStoreError("migration \(migration.version) (\(migration.name)): \(message); \(todo)")
                        }
                    }
                    try await connection.query(
                        "INSERT INTO merit_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                    return false
                }
            } catch let error as PostgresTransactionError {
                if let thrown = error.closureError as? PostgresStoreError { throw thrown }
                throw error
            }
            if !done { applied.append(migration.version) }
        }
        return applied
    }
}
