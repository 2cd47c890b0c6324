import MeritCore

/// What the served application keeps beside the records: its accounts, the audit log and the saved
/// versions of development plans. One interface, two stores: `MeritStore` (SQLite, one agency, the
/// default) and `PostgresStore` (MeritPostgres: many agencies, each session bound to one, kept apart by
/// the database's row-level security). The tests of this interface run against both.
///
/// The requirements are `async` because a network store is; the SQLite store answers them synchronously.
public protocol ApplicationStore: Sendable {
    /// Creates an account with a password hash made by the caller (bcrypt), logged as `actor` did it.
    func addAccount(_ account: Account, passwordHash: String, by actor: AuditActor) async throws
    /// Every account, by name (no password hashes).
    func accounts() async throws -> [Account]
    /// The accounts of other agencies that may sign in on this one (a province's, a provider's: issue 14),
    /// with the code of the agency each belongs to, by agency and name. A SQLite store has none.
    func grantedAccounts() async throws -> [(agency: String, account: Account)]
    /// The account and its password hash, for signing in.
    func account(named name: String) async throws -> (account: Account, passwordHash: String)?
    /// Disables (or enables again) an account, with its audit entry.
    func setDisabled(_ disabled: Bool, account name: String, by actor: AuditActor) async throws
    /// Gives an account a new password hash, with its audit entry.
    func resetPassword(account name: String, passwordHash: String, by actor: AuditActor) async throws
    /// Records actions in the audit log in one transaction (the application can only append to it).
    func audit(_ entries: [AuditEntry]) async throws
    /// The audit log, oldest first; only the entries about one person (`person:NIP`) or by one account when asked.
    func auditLog(person nip: String?, account: String?) async throws -> [AuditEntry]
    /// Saves a new version of a plan (numbered after the last one) with its audit entry; its number.
    func savePlanVersion(nip: String, batch: String, content: String, by actor: AuditActor) async throws -> Int
    /// Every saved version of a person's plan, oldest first.
    func planVersions(nip: String) async throws -> [PlanVersion]
    /// The latest saved version of every plan that has one, by NIP.
    func latestPlanVersions() async throws -> [String: PlanVersion]
}

extension MeritStore: ApplicationStore {
    /// A SQLite store holds one agency: no account of another may sign in on it.
    public func grantedAccounts() async throws -> [(agency: String, account: Account)] { [] }
}
