import ArgumentParser
import MeritIO
import MeritPostgres

/// `--store FILE|URL` and `--agency CODE` for the commands that work on accounts and the audit log, which
/// either store holds: a SQLite file (one agency) or a PostgreSQL store (`postgres://…`, many agencies).
struct ApplicationStoreOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions

    /// The store, and how to close it when done.
    func open() async throws -> (store: any ApplicationStore, close: @Sendable () async -> Void) {
        guard storeOptions.isPostgres else {
            let store = try StoreOptions(store: storeOptions.store, wait: storeOptions.storeWait).open()
            return (store, {})
        }
        let store = try await storeOptions.openPostgres()
        return (store, { await store.close() })
    }
}
