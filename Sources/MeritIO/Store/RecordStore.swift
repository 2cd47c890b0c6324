import MeritCore

/// The whole store as the served application uses it: its records (people, assessments, results) beside
/// the accounts, audit log and plan versions of `ApplicationStore`. Two implementations: `MeritStore`
/// (SQLite, one agency; the records are worked on in place) and `PostgresStore` (MeritPostgres: the
/// agency's records are worked on in a working copy whose changes are written back in one transaction).
/// Import and scoring code runs on a `MeritStore` either way, so both stores decide the same.
public protocol RecordStore: ApplicationStore {
    /// Where the store is, as messages name it (a file path or a `postgres://` URL with its agency).
    var name: String { get }
    /// Changes whenever the records or the saved plan versions change, whoever changed them (this process,
    /// or `merit import` beside it): what a cache of the scored cohort is kept under.
    func changeStamp() async throws -> String
    /// Runs `body` on the records; when `writing`, what it changed is stored as it returns (for
    /// PostgreSQL in one transaction, with the agency's writers waiting their turn), and nothing when it throws.
    func withRecords<T: Sendable>(writing: Bool, _ body: (MeritStore) throws -> T) async throws -> T
}

extension MeritStore: RecordStore {
    public var name: String { path }

    /// The SQLite store itself: its importer and scoring write in their own transactions.
    public func withRecords<T: Sendable>(writing: Bool, _ body: (MeritStore) throws -> T) async throws -> T {
        try body(self)
    }
}
