import ArgumentParser
import Foundation
import MeritIO
import MeritYAML

@main
struct Merit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merit",
        abstract: "Scores assessment-center results against position competency standards.",
        discussion: """
            Exit codes: 0 ok, 64 usage, 65 bad data, 74 I/O.
            Problems in files are printed as file:line:col: error: message.
            """,
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, ImportCommand.self, ScoreCommand.self, ShortlistCommand.self, FitCommand.self,
            PlanCommand.self, ExplainCommand.self, GapsCommand.self, TalentCommand.self, RunCommand.self, SampleCommand.self,
            VerifyCommand.self, RatersCommand.self, IntegrationCommand.self, DesignCommand.self, NormsCommand.self, HistoryCommand.self, MovementCommand.self, RollupCommand.self, FairnessCommand.self, EvidenceCommand.self, SchemaCommand.self, UserCommand.self, AuditCommand.self, ServeCommand.self, StoreCommand.self, BenchCommand.self,
        ]
    )

    /// ArgumentParser's main, except that a failure of the store itself (unreadable, damaged) is printed
    /// at the store's path and exits 74 (I/O), like any file that cannot be read.
    static func main() async {
        // A mistyped command gets a suggestion, not ArgumentParser's "unexpected argument".
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), first != "help" {
            let names = configuration.subcommands.map { $0._commandName }
            if !names.contains(first) {
                let hint = closestMatch(first, in: names, limit: max(2, first.count / 3)).map { "; did you mean '\($0)'?" } ?? ""
                Terminal.error("merit: error: unknown command '\(first)'\(hint) (the commands: \(names.joined(separator: ", ")); merit --help says more)")
                Foundation.exit(64)
            }
        }
        do {
            var command = try parseAsRoot()
            if var served = command as? any AsyncParsableCommand {
                try await served.run()
            } else {
                try command.run()
            }
        } catch let error as StoreError {
            Terminal.error(error.description)
            exit(withError: ExitStatus.ioError)
        } catch {
            exit(withError: error)
        }
    }
}
