/// A located problem with a YAML file: where, at which decoding path, and what.
///
/// Printed as `file:line:col: at 'competencies[3].levels[2]': expected an integer, found "x3"`.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// libyaml's scanner or parser rejected the text.
        case syntax
        case duplicateKey
        case unknownKey
        case missingKey
        case typeMismatch
        case undefinedAlias
        /// Nesting depth, alias expansion or document size over the configured limit.
        case limitExceeded
        case io
        /// Well-formed, but a value the reader may not accept here (a draft's result field that differs from
        /// the store, an activity the catalog does not have).
        case invalidValue
    }

    public var kind: Kind
    public var mark: SourceMark
    /// The decoding path (`competencies[3].levels[2]`), empty when the problem is not tied to one.
    public var path: String
    public var message: String

    public init(_ kind: Kind, at mark: SourceMark, path: String = "", _ message: String) {
        self.kind = kind
        self.mark = mark
        self.path = path
        self.message = message
    }

    /// The message with its path, without the location: `at 'a.b': expected …`.
    public var detail: String {
        path.isEmpty ? message : "at '\(path)': \(message)"
    }

    public var description: String {
        "\(mark): \(detail)"
    }
}

/// Bounds that keep hostile input from hurting the process.
public struct YAMLLimits: Sendable, Hashable {
    /// Deepest nesting of sequences and mappings.
    public var maxDepth: Int
    /// How many nodes aliases may bring into one document, counting every copy (stops "billion laughs").
    public var maxAliasExpansion: Int
    /// Largest input, in bytes.
    public var maxBytes: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 1_000_000, maxBytes: Int = 256 << 20) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxBytes = maxBytes
    }

    public static let `default` = YAMLLimits()
}
