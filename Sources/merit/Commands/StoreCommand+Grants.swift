import ArgumentParser
import MeritIO
import MeritPostgres

/// `merit store agency grant / revoke / grants`: a province's or a provider's account that signs in on
/// other agencies' servers (PostgresStore+Grants), given and taken back by the schema's owner only.
extension StoreCommand.AgencyCommand {
    /// The account a grant is about, and the store, for `grant` and `revoke`.
    struct GrantedAccount: ParsableArguments {
        @Argument(help: "The account's name.") var account: String
        @Option(help: ArgumentHelp("The agency the account belongs to.", valueName: "code")) var of: String
        @Option(help: ArgumentHelp("postgres://OWNER@HOST:PORT/DATABASE", valueName: "store")) var store: String

        /// Runs the store's change and says what it did.
        func change(_ done: String, _ body: (PostgresLocation) async throws -> Void) async throws {
            let location = try StoreCommand.location(store)
            try await StoreCommand.reporting { try await body(location) }
            print("\(location): account \(account) of \(of) \(done)")
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let an account of one agency (a province's BKD, a provider) sign in on other agencies, as the schema's owner.")
        @OptionGroup var granted: GrantedAccount
        @Option(help: ArgumentHelp("An agency it may sign in on (repeat for more).", valueName: "code")) var to: [String] = []

        func validate() throws {
            guard !to.isEmpty else { throw ValidationError("name the agencies the account may sign in on with --to CODE") }
        }

        func run() async throws {
            try await granted.change("may sign in on \(to.joined(separator: ", "))") { location in
                try await PostgresStore.grant(account: granted.account, of: granted.of, to: to, at: location, by: .commandLine())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take back what grant gave, as the schema's owner.")
        @OptionGroup var granted: GrantedAccount
        @Option(help: ArgumentHelp("An agency it may no longer sign in on (repeat for more).", valueName: "code")) var from: [String] = []

        func validate() throws {
            guard !from.isEmpty else { throw ValidationError("name the agencies the account may no longer sign in on with --from CODE") }
        }

        func run() async throws {
            try await granted.change("may no longer sign in on \(from.joined(separator: ", "))") { location in
                try await PostgresStore.revoke(account: granted.account, of: granted.of, from: from, at: location, by: .commandLine())
            }
        }
    }

    struct Grants: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List who may sign in on another agency: agency served, account's agency, account.")
        @Option(help: ArgumentHelp("postgres://OWNER@HOST:PORT/DATABASE", valueName: "store")) var store: String

        func run() async throws {
            let location = try StoreCommand.location(store)
            for grant in try await StoreCommand.reporting({ try await PostgresStore.grants(at: location) }) {
                print("\(grant.served)\t\(grant.agency)\t\(grant.account)")
            }
        }
    }
}
