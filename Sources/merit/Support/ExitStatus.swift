import ArgumentParser

/// The exit codes of DESIGN.md "CLI" (from sysexits.h).
enum ExitStatus {
    /// The command line is wrong (an option's value cannot be used as given).
    static let usage = ExitCode(64)
    /// Bad data: a file was read but what it says is wrong.
    static let dataError = ExitCode(65)
    /// Nothing to work on: no store, or a store with no assessments in it yet.
    static let noInput = ExitCode(66)
    /// A file or folder could not be read or written.
    static let ioError = ExitCode(74)
}
