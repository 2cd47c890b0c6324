import ArgumentParser
import MeritIO
import MeritPostgres

/// `--store FILE|URL` and `--agency CODE` for the commands that work on accounts and the audit log, which
/// either store holds: a SQLite file (one agency) or a PostgreSQL store (`postgres://…`, many agencies).
struct ApplicationStoreOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("PostgreSQL: the agency's code (not needed when the store has only one).", valueName: "code"))
    var agency: String?

    func validate() throws {
        if agency != nil, !PostgresLocation.isPostgres(storeOptions.store) {
            throw ValidationError("--agency: a SQLite store holds one agency; leave --agency out, or name a postgres:// store")
        }
    }

    /// The store, and how to close it when done.
    func open() async throws -> (store: any ApplicationStore, close: @Sendable () async -> Void) {
        guard PostgresLocation.isPostgres(storeOptions.store) else {
            let store = try StoreOptions(store: storeOptions.store, wait: storeOptions.storeWait).open()
            return (store, {})
        }
        let location = try StoreCommand.location(storeOptions.store)
        let store = try await StoreCommand.reporting { try await PostgresStore.open(location, agency: agency) }
        return (store, { await store.close() })
    }
}
