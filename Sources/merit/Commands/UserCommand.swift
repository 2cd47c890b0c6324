import ArgumentParser
import Foundation
import MeritAccounts
import MeritCore
import MeritIO
import MeritPostgres

/// `merit user`: the accounts of `merit serve`, kept in the store.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Add, list, disable and reset the accounts that sign in to merit serve.",
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Reset.self])

    /// `--password-stdin`: the password is the first line of standard input; else one is generated.
    struct PasswordOptions: ParsableArguments {
        @Flag(help: "Read the password from the first line of standard input (else one is generated and shown once).")
        var passwordStdin = false

        func password() throws -> String? {
            guard passwordStdin else { return nil }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw ValidationError("--password-stdin: standard input holds no password")
            }
            return line
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account with a role: admin, asesor, hr or pelatihan.")

        @Argument(help: "The account name (3–32 of a–z, 0–9, '.', '_', '-').") var name: String
        @Option(help: "admin, asesor, hr or pelatihan.") var role: Role
        @Option(help: ArgumentHelp("For an asesor: the code their ratings carry (asesor-05); they see those ratings.", valueName: "code"))
        var assessor: String?
        @OptionGroup var passwordOptions: PasswordOptions
        @OptionGroup var storeOptions: ApplicationStoreOptions

        func validate() throws {
            if let problem = Account.assessorProblem(assessor, role: role) { throw ValidationError("--assessor: \(problem)") }
        }

        func run() async throws {
            // Refused before the store is opened, so a refusal makes no store.
            let password = try passwordOptions.password()
            try await UserCommand.account {
                guard Account.isValidName(name) else { throw MeritStore.AccountError.invalidName(name) }
                if let password { try AccountService.check(password) }
            }
            let (store, close) = try await storeOptions.open()
            let service = AccountService(store: store)
            let generated = try await UserCommand.account { try await service.add(name, role: role, password: password, assessor: assessor, by: .commandLine()) }
            await close()
            print("account '\(name)' (\(role.rawValue)) created")
            if let generated { print("password (shown once; give it to \(name) and ask for a change): \(generated)") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The accounts: name, role, state, created.")
        @OptionGroup var storeOptions: ApplicationStoreOptions

        func run() async throws {
            let (store, close) = try await storeOptions.open()
            let accounts = try await store.accounts()
            await close()
            for account in accounts {
                print([account.name, account.role.rawValue, account.disabled ? "disabled" : "enabled", account.createdAt, account.assessor ?? ""].joined(separator: "\t"))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop an account signing in (its record and audit entries stay).")
        @Argument var name: String
        @OptionGroup var storeOptions: ApplicationStoreOptions

        func run() async throws {
            let (store, close) = try await storeOptions.open()
            try await UserCommand.account { try await store.setDisabled(true, account: name, by: .commandLine()) }
            await close()
            print("account '\(name)' disabled")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Let a disabled account sign in again.")
        @Argument var name: String
        @OptionGroup var storeOptions: ApplicationStoreOptions

        func run() async throws {
            let (store, close) = try await storeOptions.open()
            try await UserCommand.account { try await store.setDisabled(false, account: name, by: .commandLine()) }
            await close()
            print("account '\(name)' enabled")
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give an account a new password.")
        @Argument var name: String
        @OptionGroup var passwordOptions: PasswordOptions
        @OptionGroup var storeOptions: ApplicationStoreOptions

        func run() async throws {
            let password = try passwordOptions.password()
            if let password { try await UserCommand.account { try AccountService.check(password) } }
            let (store, close) = try await storeOptions.open()
            let service = AccountService(store: store)
            let generated = try await UserCommand.account { try await service.reset(name, password: password, by: .commandLine()) }
            await close()
            print("account '\(name)': new password set")
            if let generated { print("password (shown once): \(generated)") }
        }
    }

    /// Runs an account change; its refusal printed as `merit: error: …` with exit 65.
    static func account<T>(_ change: () async throws -> T) async throws -> T {
        do {
            return try await change()
        } catch let error as MeritStore.AccountError {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.dataError
        } catch let error as AccountService.PasswordError {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.dataError
        } catch let error as PostgresStoreError {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.ioError
        }
    }
}

extension Role: ExpressibleByArgument {}

/// `merit audit`: who saw, downloaded, uploaded or changed what, and when (UU 27/2022 PDP).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Print the audit log: time, account, address, action, object (tab-separated).")

    @Option(help: ArgumentHelp("Only the entries about this person.", valueName: "nip")) var person: String?
    @Option(help: ArgumentHelp("Only the entries by this account.", valueName: "name")) var account: String?
    @OptionGroup var storeOptions: ApplicationStoreOptions

    func run() async throws {
        let (store, close) = try await storeOptions.open()
        let entries = try await store.auditLog(person: person, account: account)
        await close()
        for entry in entries {
            print([entry.at, entry.account, entry.address, entry.action, entry.object].joined(separator: "\t"))
        }
    }
}
