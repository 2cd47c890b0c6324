import ArgumentParser
import Foundation
import MeritIO
import MeritPostgres

extension StoreCommand {
    /// `merit store copy FROM TO`: a whole store (records, results, accounts, audit log, plan versions)
    /// into an empty one, SQLite or PostgreSQL either way; how a BKPSDM's file joins a provincial store.
    struct Copy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole store into an empty one (SQLite file or PostgreSQL agency, either way).",
            discussion: """
                Everything moves: records, results, accounts (with their password hashes), the audit log and plan
                versions. The target must hold nothing yet (a new SQLite file, or an agency with no rows); a target
                that holds anything is refused and left as it was. --agency names the agency of a PostgreSQL side.
                """)

        @Argument(help: ArgumentHelp("The store to copy: a SQLite file or postgres://USER@HOST:PORT/DATABASE.", valueName: "from"))
        var from: String
        @Argument(help: ArgumentHelp("The empty store to copy into.", valueName: "to"))
        var to: String
        @Option(help: ArgumentHelp("PostgreSQL: the agency's code on the PostgreSQL side (not needed when it has only one).", valueName: "code"))
        var agency: String?

        func validate() throws {
            if agency != nil, !PostgresLocation.isPostgres(from), !PostgresLocation.isPostgres(to) {
                throw ValidationError("--agency: neither store is a postgres:// store; leave --agency out")
            }
            if from == to { throw ValidationError("FROM and TO are the same store") }
        }

        func run() async throws {
            let tables = try await read()
            try await write(tables)
            let rows = tables.reduce(0) { $0 + $1.rows.count }
            print("\(to): \(rows) rows copied from \(from) (\(tables.filter { !$0.rows.isEmpty }.map(\.name).joined(separator: ", ")))")
        }

        private func read() async throws -> [RecordTable] {
            let source = StoreOptions(store: from, agency: agency)
            if source.isPostgres {
                return try await source.withPostgres { try await $0.storeTables() }
            }
            guard FileManager.default.fileExists(atPath: from) else {
                Terminal.error("\(from): error: there is no store here to copy; name an existing SQLite file or a postgres:// store")
                throw ExitStatus.noInput
            }
            return try source.open().storeTables()
        }

        private func write(_ tables: [RecordTable]) async throws {
            let target = StoreOptions(store: to, agency: agency)
            if target.isPostgres {
                try await target.withPostgres { try await $0.copyIn(tables) }
                return
            }
            do {
                try target.open().copyIn(tables)
            } catch let error as StoreError {
                Terminal.error(error.description)
                throw ExitStatus.ioError
            }
        }
    }
}
