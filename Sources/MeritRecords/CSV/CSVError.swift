import MeritYAML

/// A problem in a CSV file, at its place: `ratings.csv:14:23: unterminated quoted field`.
public struct CSVError: Error, Sendable, Hashable, CustomStringConvertible {
    public var mark: SourceMark
    public var message: String

    public init(at mark: SourceMark, _ message: String) {
        self.mark = mark
        self.message = message
    }

    public var description: String { "\(mark): \(message)" }
}

/// How a CSV file is read.
public struct CSVOptions: Sendable, Hashable {
    /// `,`, `;` or tab; nil sniffs it from the header line.
    public var delimiter: UInt8?
    /// Bytes read at a time; a row may span reads.
    public var chunkSize: Int
    /// The longest field accepted (16 KB: the longest note; other columns are held to 4 KB by the validator).
    public var maxFieldBytes: Int

    public init(delimiter: UInt8? = nil, chunkSize: Int = 4 << 20, maxFieldBytes: Int = 16 << 10) {
        self.delimiter = delimiter
        self.chunkSize = chunkSize
        self.maxFieldBytes = maxFieldBytes
    }

    /// Reads `,`, `;`, `tab` or `\t` as a delimiter.
    public static func delimiter(named name: String) -> UInt8? {
        switch name {
        case ",", "comma": UInt8(ascii: ",")
        case ";", "semicolon": UInt8(ascii: ";")
        case "\t", "\\t", "tab": UInt8(ascii: "\t")
        default: nil
        }
    }
}
