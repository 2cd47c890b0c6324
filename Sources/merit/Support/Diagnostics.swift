import MeritIO

/// Prints findings to stderr, one `file:line:col: severity: message` line each.
enum Diagnostics {
    static func print(_ findings: [Finding]) {
        for finding in findings {
            Terminal.error(finding.description)
        }
    }

    /// "2 errors, 1 warning" or "no problems".
    static func tally(_ findings: [Finding]) -> String {
        let errors = findings.errorCount
        let warnings = findings.warningCount
        if errors == 0 && warnings == 0 { return "no problems" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
