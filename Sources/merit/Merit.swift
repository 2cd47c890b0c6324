import ArgumentParser

@main
struct Merit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merit",
        abstract: "Scores assessment-center results against position competency standards.",
        version: "0.1.0",
        subcommands: []
    )
}
