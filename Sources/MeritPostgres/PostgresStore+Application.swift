import MeritCore
import MeritIO
import PostgresNIO

/// Accounts, the audit log and plan versions in PostgreSQL: the same operations, checks and audit entries
/// as `MeritStore`'s (MeritStore+Accounts, MeritStore+PlanVersions), in the store's agency. An account of
/// another agency granted to this one (PostgresStore+Grants) signs in here too, and is changed only by its own.
extension PostgresStore {
    public func addAccount(_ account: Account, passwordHash: String, by actor: AuditActor) async throws {
        guard Account.isValidName(account.name) else { throw MeritStore.AccountError.invalidName(account.name) }
        let agency = agency.id
        try await inAgency { connection in
            let existing = try await connection.query(
                "SELECT 1 FROM accounts WHERE agency_id = \(agency) AND name = \(account.name) FOR UPDATE", logger: logger)
            for try await _ in existing { throw MeritStore.AccountError.exists(account.name) }
            // An account of another agency that may sign in here (migration 4) holds the name too.
            let granted = try await connection.query(
                """
                SELECT a.code FROM account_grants g JOIN agencies a ON a.id = g.account_agency_id
                WHERE g.agency_id = \(agency) AND g.account = \(account.name)
                """, logger: logger)
            for try await (holder) in granted.decode(String.self) {
                throw PostgresStoreError("an account '\(account.name)' of agency \(holder) may sign in here already; choose another name")
            }
            try await connection.query(
                """
                INSERT INTO accounts (agency_id, name, role, password_hash, disabled, created_at, assessor)
                VALUES (\(agency), \(account.name), \(account.role.rawValue), \(passwordHash), \(account.disabled), \(account.createdAt), \(account.assessor))
                """, logger: logger)
            let assessor = account.assessor.map { " assessor:\($0)" } ?? ""
            try await append(
                [AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "account-add", object: "account:\(account.name) role:\(account.role.rawValue)\(assessor)")],
                connection)
        }
    }

    public func accounts() async throws -> [Account] {
        let agency = agency.id
        return try await inAgency { connection in
            var accounts: [Account] = []
            let rows = try await connection.query(
                "SELECT name, role, disabled, created_at, assessor FROM accounts WHERE agency_id = \(agency) ORDER BY name", logger: logger)
            for try await (name, role, disabled, createdAt, assessor) in rows.decode((String, String, Bool, String, String?).self) {
                if let role = Role(rawValue: role) { accounts.append(Account(name: name, role: role, disabled: disabled, createdAt: createdAt, assessor: assessor)) }
            }
            return accounts
        }
    }

    public func grantedAccounts() async throws -> [(agency: String, account: Account)] {
        let agency = agency.id
        return try await inAgency { connection in
            let rows = try await connection.query(
                """
                SELECT a.code, c.name, c.role, c.disabled, c.created_at, c.assessor FROM account_grants g
                JOIN accounts c ON c.agency_id = g.account_agency_id AND c.name = g.account JOIN agencies a ON a.id = g.account_agency_id
                WHERE g.agency_id = \(agency) ORDER BY a.code, c.name
                """, logger: logger)
            var accounts: [(agency: String, account: Account)] = []
            for try await (code, name, role, disabled, createdAt, assessor) in rows.decode((String, String, String, Bool, String, String?).self) {
                if let role = Role(rawValue: role) {
                    accounts.append((code, Account(name: name, role: role, disabled: disabled, createdAt: createdAt, assessor: assessor)))
                }
            }
            return accounts
        }
    }

    public func account(named name: String) async throws -> (account: Account, passwordHash: String)? {
        let agency = agency.id
        let found: [(Account, String)] = try await inAgency { connection in
            // The agency's own account, or one of another agency granted to it (migration 4); a grant is
            // refused where the agency has the name already, so there is one.
            let rows = try await connection.query(
                """
                SELECT c.name, c.role, c.disabled, c.created_at, c.assessor, c.password_hash FROM accounts c
                WHERE c.name = \(name) AND (c.agency_id = \(agency) OR EXISTS (
                    SELECT 1 FROM account_grants g WHERE g.agency_id = \(agency) AND g.account_agency_id = c.agency_id AND g.account = c.name))
                ORDER BY c.agency_id = \(agency) DESC
                """, logger: logger)
            var found: [(Account, String)] = []
            for try await (name, role, disabled, createdAt, assessor, hash) in rows.decode((String, String, Bool, String, String?, String).self) {
                if let role = Role(rawValue: role) { found.append((Account(name: name, role: role, disabled: disabled, createdAt: createdAt, assessor: assessor), hash)) }
            }
            return found
        }
        return found.first.map { (account: $0.0, passwordHash: $0.1) }
    }

    public func setDisabled(_ disabled: Bool, account name: String, by actor: AuditActor) async throws {
        let agency = agency.id
        try await inAgency { connection in
            try await updateOne(
                "UPDATE accounts SET disabled = \(disabled) WHERE agency_id = \(agency) AND name = \(name) RETURNING name", name, connection)
            try await append(
                [AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: disabled ? "account-disable" : "account-enable", object: "account:\(name)")],
                connection)
        }
    }

    public func resetPassword(account name: String, passwordHash: String, by actor: AuditActor) async throws {
        let agency = agency.id
        try await inAgency { connection in
            try await updateOne(
                "UPDATE accounts SET password_hash = \(passwordHash) WHERE agency_id = \(agency) AND name = \(name) RETURNING name", name, connection)
            try await append(
                [AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "account-reset", object: "account:\(name)")], connection)
        }
    }

    /// Runs an UPDATE … RETURNING that must change exactly the named account.
    private func updateOne(_ query: PostgresQuery, _ name: String, _ connection: PostgresConnection) async throws {
        var changed = 0
        for try await _ in try await connection.query(query, logger: logger) { changed += 1 }
        guard changed == 1 else { throw MeritStore.AccountError.unknown(name) }
    }

    public func audit(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await inAgency { connection in try await append(entries, connection) }
    }

    /// Appends entries in one statement (arrays unnested), whatever their number.
    func append(_ entries: [AuditEntry], _ connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO audit_log (agency_id, at, account, address, action, object)
            SELECT \(agency.id), * FROM unnest(\(entries.map(\.at))::text[], \(entries.map(\.account))::text[],
                \(entries.map(\.address))::text[], \(entries.map(\.action))::text[], \(entries.map(\.object))::text[])
            """, logger: logger)
    }

    public func auditLog(person nip: String?, account: String?) async throws -> [AuditEntry] {
        let agency = agency.id
        let object = nip.map { "person:\($0)" }
        return try await inAgency { connection in
            let rows = try await connection.query(
                """
                SELECT at, account, address, action, object FROM audit_log
                WHERE agency_id = \(agency) AND (\(object)::text IS NULL OR object = \(object)) AND (\(account)::text IS NULL OR account = \(account))
                ORDER BY id
                """, logger: logger)
            var entries: [AuditEntry] = []
            for try await (at, account, address, action, object) in rows.decode((String, String, String, String, String).self) {
                entries.append(AuditEntry(at: at, account: account, address: address, action: action, object: object))
            }
            return entries
        }
    }

    public func savePlanVersion(nip: String, batch: String, content: String, by actor: AuditActor) async throws -> Int {
        let agency = agency.id
        return try await inAgency { connection in
            // Two saves of one person's plan at once: the second waits for the first, then numbers after it.
            try await connection.query("SELECT pg_advisory_xact_lock(\(agency)::integer, hashtext(\(nip)))", logger: logger)
            var last = 0
            let rows = try await connection.query(
                "SELECT coalesce(max(version), 0) FROM plan_versions WHERE agency_id = \(agency) AND nip = \(nip)", logger: logger)
            for try await value in rows.decode(Int.self) { last = value }
            try await connection.query(
                """
                INSERT INTO plan_versions (agency_id, nip, version, batch, saved_at, account, content)
                VALUES (\(agency), \(nip), \(last + 1), \(batch), \(actor.at), \(actor.account), \(content))
                """, logger: logger)
            try await append(
                [AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "edit-plan", object: "person:\(nip)")], connection)
            return last + 1
        }
    }

    public func planVersions(nip: String) async throws -> [PlanVersion] {
        let agency = agency.id
        return try await versions(
            "SELECT nip, batch, version, saved_at, account, content FROM plan_versions WHERE agency_id = \(agency) AND nip = \(nip) ORDER BY version")
    }

    public func latestPlanVersions() async throws -> [String: PlanVersion] {
        let agency = agency.id
        let latest = try await versions(
            """
            SELECT DISTINCT ON (nip) nip, batch, version, saved_at, account, content FROM plan_versions
            WHERE agency_id = \(agency) ORDER BY nip, version DESC
            """)
        return Dictionary(latest.map { ($0.nip, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every saved version of every plan, by NIP then version, in a transaction of the agency already begun.
    func allPlanVersions(_ connection: PostgresConnection) async throws -> [PlanVersion] {
        let agency = agency.id
        return try await versions(
            "SELECT nip, batch, version, saved_at, account, content FROM plan_versions WHERE agency_id = \(agency) ORDER BY nip, version",
            connection)
    }

    private func versions(_ query: PostgresQuery) async throws -> [PlanVersion] {
        try await inAgency { connection in try await versions(query, connection) }
    }

    private func versions(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [PlanVersion] {
        var versions: [PlanVersion] = []
        let rows = try await connection.query(query, logger: logger)
        for try await (nip, batch, version, savedAt, account, content) in rows.decode((String, String, Int, String, String, String).self) {
            versions.append(PlanVersion(nip: nip, batch: batch, version: version, savedAt: savedAt, account: account, content: content))
        }
        return versions
    }
}
