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

extension Finding {
    /// The message with its particulars blanked (quoted values and numbers), so that findings of one kind
    /// read alike: `NIP '…' is not # digits (# characters)`.
    public var shape: String {
        var shape = ""
        var inQuote = false
        var previous: Character = " "
        for character in message {
            if character == "'" && (inQuote || !previous.isLetter) {
                inQuote.toggle()
                shape.append(inQuote ? "'…" : "'")
            } else if !inQuote {
                if character.isNumber {
                    if !(shape.last == "#") { shape.append("#") }
                } else {
                    shape.append(character)
                }
            }
            previous = character
        }
        return (severity.rawValue + ": " + shape)
    }
}

/// Keeps the findings of one file readable when a mistake repeats on every row: the first few of each
/// kind (by `Finding.shape`) are kept, the rest counted, and a note per kind says how many more there are.
public struct FindingSummary: Sendable {
    public let file: String
    public let perKind: Int
    public private(set) var kept: [Finding] = []
    private var counts: [String: (count: Int, example: Finding)] = [:]
    private var order: [String] = []

    public init(file: String, perKind: Int = 5) {
        self.file = file
        self.perKind = perKind
    }

    public mutating func add(_ finding: Finding) {
        let shape = finding.shape
        if var seen = counts[shape] {
            seen.count += 1
            counts[shape] = seen
            if seen.count <= perKind { kept.append(finding) }
        } else {
            counts[shape] = (1, finding)
            order.append(shape)
            kept.append(finding)
        }
    }

    public mutating func add(_ findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    /// Findings not kept, in all.
    public var dropped: Int { order.reduce(0) { $0 + max(0, counts[$1]!.count - perKind) } }

    /// The kept findings in order, then one note for each kind that had more.
    public var findings: [Finding] {
        let notes = order.compactMap { shape -> Finding? in
            let (count, example) = counts[shape]!
            guard count > perKind else { return nil }
            return Finding(
                .note, at: .file(file),
                "\(count - perKind) more like \(example.location.description.replacingFile(file)): \(example.message.excerptForSummary)")
        }
        return kept.sorted() + notes
    }
}

extension String {
    /// `ratings.csv:2:1` → `line 2` (the file is named once already).
    fileprivate func replacingFile(_ file: String) -> String {
        guard hasPrefix(file) else { return self }
        let rest = dropFirst(file.count)
        if rest.hasPrefix("!") {
            let place = rest.dropFirst()
            return (place.first?.isLetter == true ? "cell " : "row ") + place
        }
        let parts = rest.split(separator: ":")
        return parts.first.map { "line \($0)" } ?? self
    }

    fileprivate var excerptForSummary: String {
        count <= 120 ? self : String(prefix(119)) + "…"
    }
}
