import ArgumentParser

/// The exit codes of DESIGN.md "CLI" (from sysexits.h).
enum ExitStatus {
    /// Bad data: a file was read but what it says is wrong.
    static let dataError = ExitCode(65)
    /// A file or folder could not be read or written.
    static let ioError = ExitCode(74)
}
