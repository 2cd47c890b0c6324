/// A place in a source file: 1-based line and column (columns count characters, not bytes).
///
/// A mark with line 0 names only the file (an I/O problem, or a whole-file fact); a mark with line but
/// column 0 names a whole line. A place in a spreadsheet is a cell, and reads as a spreadsheet user reads
/// it: `ratings.xlsx[Nilai]!E12` (the file names the workbook and the sheet; line = row, column = column).
public struct SourceMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// A worksheet cell rather than a line and column of text.
    public var isCell: Bool

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
        self.isCell = false
    }

    /// A cell of a worksheet: `file` is `book.xlsx[Sheet]`, `row` and `column` are 1-based.
    public static func cell(_ file: String, row: Int, column: Int) -> SourceMark {
        var mark = SourceMark(file: file, line: row, column: column)
        mark.isCell = true
        return mark
    }

    /// A mark for the file as a whole.
    public static func file(_ file: String) -> SourceMark {
        SourceMark(file: file, line: 0, column: 0)
    }

    /// `file:line:col`, `file:line` for a whole line, `book.xlsx[Sheet]!E12` for a cell, `book.xlsx[Sheet]!12`
    /// for a whole row, or just `file` when there is no line.
    public var description: String {
        if line <= 0 { return file }
        if isCell { return column > 0 ? "\(file)!\(Self.columnLetters(column))\(line)" : "\(file)!\(line)" }
        return column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }

    /// A spreadsheet's name of a 1-based column: 1 → A, 26 → Z, 27 → AA.
    public static func columnLetters(_ column: Int) -> String {
        var letters: [Character] = []
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + digit))))
            rest = (rest - 1) / 26
        }
        return String(letters.reversed())
    }

    public static func < (lhs: SourceMark, rhs: SourceMark) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
