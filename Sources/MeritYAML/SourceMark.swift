/// A place in a source file: 1-based line and column (columns count characters, not bytes).
///
/// A mark with line 0 names only the file (an I/O problem, or a whole-file fact).
public struct SourceMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A mark for the file as a whole.
    public static func file(_ file: String) -> SourceMark {
        SourceMark(file: file, line: 0, column: 0)
    }

    /// `file:line:col`, or just `file` when there is no line.
    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
