import Foundation
import MeritIO
import PostgresNIO

/// Accounts of a province or a provider that sign in on other agencies' servers (migration 4,
/// `merit store agency grant`/`revoke`), run as the schema's owner. Each grant and revoke is in the audit
/// log of both agencies.
extension PostgresStore {
    /// Lets `account` of agency `owner` sign in on each agency of `served` (where it works on that agency's
    /// rows only). Refused, with nothing granted, when an agency is unknown, the account is not there, or
    /// a served agency already has an account of that name (its own, or another agency's granted to it).
    public static func grant(
        account: String, of owner: String, to served: [String], at location: PostgresLocation, by actor: AuditActor,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        try await changeGrants(account: account, of: owner, served, at: location, by: actor, environment: environment) { ids, connection, logger in
            for (code, id) in ids.served {
                try await bind(id, connection, logger)
                let taken = try await connection.query(
                    """
                    SELECT a.code FROM accounts c JOIN agencies a ON a.id = c.agency_id
                    WHERE c.name = \(account) AND (c.agency_id = \(id) OR c.agency_id <> \(ids.owner))
                    """, logger: logger)
                for try await (holder) in taken.decode(String.self) {
                    throw PostgresStoreError(
                        holder == code
                            ? "agency \(code) has an account '\(account)' of its own: an account's name must say who signs in there; rename one of them"
                            : "agency \(code) lets an account '\(account)' of agency \(holder) sign in already: an account's name must say who signs in there; rename one of them")
                }
                try await connection.query(
                    """
                    INSERT INTO account_grants (agency_id, account_agency_id, account, granted_at)
                    VALUES (\(id), \(ids.owner), \(account), \(actor.at)) ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            return "account-grant"
        }
    }

    /// Takes back what `grant` gave; an account not granted to one of the agencies is refused, nothing changed.
    public static func revoke(
        account: String, of owner: String, from served: [String], at location: PostgresLocation, by actor: AuditActor,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws {
        try await changeGrants(account: account, of: owner, served, at: location, by: actor, environment: environment) { ids, connection, logger in
            for (code, id) in ids.served {
                var removed = 0
                let rows = try await connection.query(
                    """
                    DELETE FROM account_grants WHERE agency_id = \(id) AND account_agency_id = \(ids.owner) AND account = \(account)
                    RETURNING account
                    """, logger: logger)
                for try await _ in rows { removed += 1 }
                guard removed == 1 else {
                    throw PostgresStoreError("account '\(account)' of agency \(owner) may not sign in on agency \(code); merit store agency grants shows who may")
                }
            }
            return "account-revoke"
        }
    }

    /// Every grant: the agency served, the account's agency and the account, by agency served.
    public static func grants(
        at location: PostgresLocation, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> [(served: String, agency: String, account: String)] {
        try await withClient(location, environment: environment) { client, logger in
            let rows = try await client.query(
                """
                SELECT s.code, o.code, g.account FROM account_grants g
                JOIN agencies s ON s.id = g.agency_id JOIN agencies o ON o.id = g.account_agency_id
                ORDER BY s.code, o.code, g.account
                """, logger: logger)
            var grants: [(served: String, agency: String, account: String)] = []
            for try await (served, agency, account) in rows.decode((String, String, String).self) { grants.append((served, agency, account)) }
            return grants
        }
    }

    /// The agencies' ids, checked; `change` in one transaction, then its action in both agencies' audit logs.
    private static func changeGrants(
        account: String, of owner: String, _ served: [String], at location: PostgresLocation, by actor: AuditActor, environment: [String: String],
        _ change: @Sendable ((owner: Int, served: [(String, Int)]), PostgresConnection, Logger) async throws -> String
    ) async throws {
        guard !served.isEmpty else { throw PostgresStoreError("no agency was named to grant on or revoke from") }
        try await withClient(location, environment: environment) { client, logger in
            do {
                try await client.withTransaction(logger: logger) { connection in
                    try await changeGrants(account: account, of: owner, served, at: location, by: actor, connection, logger, change)
                }
            } catch let error as PostgresTransactionError {
                if let thrown = error.closureError as? PostgresStoreError { throw thrown }
                throw PostgresStoreError.from(error.closureError ?? error.beginError ?? error.commitError ?? error, location: location)
            }
        }
    }

    private static func changeGrants(
        account: String, of owner: String, _ served: [String], at location: PostgresLocation, by actor: AuditActor,
        _ connection: PostgresConnection, _ logger: Logger,
        _ change: @Sendable ((owner: Int, served: [(String, Int)]), PostgresConnection, Logger) async throws -> String
    ) async throws {
        var known: [String: Int] = [:]
        let rows = try await connection.query("SELECT code, id FROM agencies WHERE code = ANY(\([owner] + served))", logger: logger)
        for try await (code, id) in rows.decode((String, Int).self) { known[code] = id }
        for code in [owner] + served where known[code] == nil {
            throw PostgresStoreError("the store \(location) has no agency '\(code.prefix(40))'; merit store agency list shows them")
        }
        let ownerID = known[owner]!
        if served.contains(owner) { throw PostgresStoreError("account '\(account)' belongs to agency \(owner), where it signs in already") }
        try await bind(ownerID, connection, logger)
        var exists = false
        for try await _ in try await connection.query(
            "SELECT 1 FROM accounts WHERE agency_id = \(ownerID) AND name = \(account)", logger: logger) { exists = true }
        guard exists else { throw PostgresStoreError("agency \(owner) has no account '\(account.prefix(80))'; merit user list --agency \(owner) shows them") }
        let action = try await change((ownerID, served.map { ($0, known[$0]!) }), connection, logger)
        for (code, id) in [(owner, ownerID)] + served.map({ ($0, known[$0]!) }) {
            try await bind(id, connection, logger)
            let object = code == owner ? "account:\(account) to:\(served.joined(separator: ","))" : "account:\(account) of:\(owner)"
            try await connection.query(
                """
                INSERT INTO audit_log (agency_id, at, account, address, action, object)
                VALUES (\(id), \(actor.at), \(actor.account), \(actor.address), \(action), \(object))
                """, logger: logger)
        }
    }

    /// Binds the transaction to an agency, as `inAgency` does, so that its policies let the owner in.
    private static func bind(_ agency: Int, _ connection: PostgresConnection, _ logger: Logger) async throws {
        try await connection.query("SELECT set_config('merit.agency', \(String(agency)), true)", logger: logger)
    }
}
