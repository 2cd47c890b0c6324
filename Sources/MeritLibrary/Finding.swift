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
/// kind (by `Finding.shape`) are kept, up to a limit in all; the rest are counted, and a note per kind
/// says how many more there are. Counts are exact however many findings there were.
public struct FindingSummary: Sendable {
    public let file: String
    public let perKind: Int
    public let maxKept: Int
    public private(set) var kept: [Finding] = []
    private struct Kind: Sendable {
        var count = 0
        var errors = 0
        var kept = 0
        var example: Finding
    }
    private var kinds: [String: Kind] = [:]
    private var order: [String] = []

    public init(file: String, perKind: Int = 5, maxKept: Int = 1_000) {
        self.file = file
        self.perKind = perKind
        self.maxKept = maxKept
    }

    public mutating func add(_ finding: Finding) {
        add(finding, shape: finding.shape, count: 1)
    }

    public mutating func add(_ findings: [Finding]) {
        for finding in findings { add(finding) }
    }

    private mutating func add(_ finding: Finding, shape: String, count: Int) {
        var kind = kinds[shape] ?? {
            order.append(shape)
            return Kind(example: finding)
        }()
        kind.count += count
        if finding.severity == .error { kind.errors += count }
        if kind.kept < perKind && kept.count < maxKept {
            kept.append(finding)
            kind.kept += 1
        }
        kinds[shape] = kind
    }

    /// Another summary of the same file (findings found on another thread), counted in.
    public mutating func merge(_ other: FindingSummary) {
        var keptOfShape: [String: [Finding]] = [:]
        for finding in other.kept { keptOfShape[finding.shape, default: []].append(finding) }
        for shape in other.order {
            let theirs = other.kinds[shape]!
            let shown = keptOfShape[shape] ?? []
            for finding in shown { add(finding, shape: shape, count: 0) }
            var kind = kinds[shape] ?? Kind(example: theirs.example)
            if kinds[shape] == nil { order.append(shape) }
            kind.count += theirs.count
            kind.errors += theirs.errors
            kinds[shape] = kind
        }
    }

    /// Errors found, shown or not.
    public var errorCount: Int { kinds.values.reduce(0) { $0 + $1.errors } }

    /// Findings not shown.
    public var dropped: Int { kinds.values.reduce(0) { $0 + $1.count - $1.kept } }

    /// The kept findings in order, then one note for each kind that had more.
    public var findings: [Finding] {
        let notes = order.compactMap { shape -> Finding? in
            let kind = kinds[shape]!
            guard kind.count > kind.kept else { return nil }
            return Finding(
                .note, at: .file(file),
                "\(kind.count - kind.kept) more like \(kind.example.location.description.replacingFile(file)): \(kind.example.message.excerptForSummary)")
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
