import MeritYAML

/// One problem found in the user's files, printed `file:line:col: error: message`
/// (the model is swift-format's `Finding`: a severity, a 1-based location and a message).
public struct Finding: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs.rank < rhs.rank
        }

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    public var severity: Severity
    public var location: SourceMark
    public var message: String

    public init(_ severity: Severity, at location: SourceMark, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// A YAML problem as an error finding; the decoding path stays in the message.
    public init(_ error: YAMLError) {
        self.init(.error, at: error.mark, error.detail)
    }

    public var description: String {
        "\(location): \(severity.rawValue): \(message)"
    }

    /// File, then line, then column; errors before warnings at one place.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        (lhs.location, lhs.severity, lhs.message) < (rhs.location, rhs.severity, rhs.message)
    }
}

extension Array where Element == Finding {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
