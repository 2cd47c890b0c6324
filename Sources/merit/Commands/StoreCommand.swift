import ArgumentParser
import Foundation
import MeritIO
import MeritPostgres

/// `merit store`: the store itself — its schema (migrations) and, in PostgreSQL, its agencies.
struct StoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Migrate a store, copy one into another; add and list the agencies of a PostgreSQL store.",
        subcommands: [Migrate.self, Copy.self, AgencyCommand.self])

    struct Migrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply the store's migrations (PostgreSQL: as the schema's owner, granting the application's role).")

        @Option(help: ArgumentHelp("A SQLite file or postgres://OWNER@HOST:PORT/DATABASE (password in PGPASSWORD or ~/.pgpass).", valueName: "store"))
        var store = "./merit.sqlite"
        @Option(help: "PostgreSQL: the role merit serve and the commands connect as (it owns nothing).")
        var appRole = "merit_app"

        func run() async throws {
            if PostgresLocation.isPostgres(store) {
                let location = try StoreCommand.location(store)
                let applied = try await StoreCommand.reporting { try await PostgresStore.migrate(location, applicationRole: appRole) }
                print(applied.isEmpty ? "\(location): up to date" : "\(location): applied migration \(applied.map(String.init).joined(separator: ", "))")
            } else {
                _ = try StoreOptions(store: store).open()  // SQLite migrates as it opens
                print("\(store): up to date")
            }
        }
    }

    struct AgencyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agency", abstract: "The agencies (instansi) of a PostgreSQL store, and the accounts that serve several.",
            subcommands: [Add.self, List.self, Grant.self, Revoke.self, Grants.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add an agency, as the schema's owner.")
            @Argument(help: "Its code (a–z, 0–9, '.', '-'; e.g. bkpsdm-kab-contoh).") var code: String
            @Argument(help: "Its name.") var name: String
            @Option(help: ArgumentHelp("The code of the agency it belongs to (a province's BKD, say).", valueName: "code")) var parent: String?
            @Option(help: ArgumentHelp("postgres://OWNER@HOST:PORT/DATABASE", valueName: "store")) var store: String

            func run() async throws {
                let location = try StoreCommand.location(store)
                try await StoreCommand.reporting { try await PostgresStore.addAgency(code: code, name: name, parent: parent, at: location) }
                print("\(location): agency \(code) added")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the agencies: code, parent, name.")
            @Option(help: ArgumentHelp("postgres://USER@HOST:PORT/DATABASE", valueName: "store")) var store: String

            func run() async throws {
                let location = try StoreCommand.location(store)
                for (agency, parent) in try await StoreCommand.reporting({ try await PostgresStore.agencies(at: location) }) {
                    print("\(agency.code)\t\(parent ?? "-")\t\(agency.name)")
                }
            }
        }
    }

    /// The PostgreSQL store named; a refusal is printed with what to write instead, and exits 64.
    static func location(_ store: String) throws -> PostgresLocation {
        do {
            return try PostgresLocation(store)
        } catch {
            Terminal.error("merit: error: --store: \(error)")
            throw ExitStatus.usage
        }
    }

    /// Runs a store operation; what the store says when it fails is printed, and exits 74.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresStoreError {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.ioError
        }
    }
}
