/// Writes CSV that spreadsheets open safely: fields quoted when they must be, and text cells that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return first) neutralised with a
/// leading apostrophe. Numbers are written as numbers, with a decimal comma when asked.
public struct CSVWriter: Sendable {
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        case text(String)
        /// A number as text with a `.` decimal point (`81.25`); written with the writer's decimal separator.
        case number(String)

        public init(stringLiteral value: String) {
            self = .text(value)
        }
    }

    public var delimiter: Character
    public var decimalSeparator: Character
    public var byteOrderMark: Bool
    public var lineEnd: String

    public init(delimiter: Character = ",", decimalSeparator: Character = ".", byteOrderMark: Bool = false, lineEnd: String = "\r\n") {
        self.delimiter = delimiter
        self.decimalSeparator = decimalSeparator
        self.byteOrderMark = byteOrderMark
        self.lineEnd = lineEnd
    }

    /// For Excel in the Indonesian locale: BOM, `;` between fields, decimal comma.
    public static let excelIndonesia = CSVWriter(delimiter: ";", decimalSeparator: ",", byteOrderMark: true)

    /// The whole document: a header row and data rows.
    public func document(header: [String], rows: [[Cell]]) -> String {
        var out = byteOrderMark ? "\u{FEFF}" : ""
        out += line(header.map(Cell.text))
        for row in rows { out += line(row) }
        return out
    }

    public func line(_ cells: [Cell]) -> String {
        cells.map(field).joined(separator: String(delimiter)) + lineEnd
    }

    public func field(_ cell: Cell) -> String {
        var text: String
        switch cell {
        case .number(let number):
            text = decimalSeparator == "." ? number : number.replacing(".", with: String(decimalSeparator))
        case .text(let value):
            text = value
            if let first = value.unicodeScalars.first, Self.formulaStarts.contains(first) { text = "'" + value }
        }
        // By scalars: "\r\n" is one Character, equal to neither "\r" nor "\n".
        let delimiterScalar = delimiter.unicodeScalars.first!
        let needsQuotes = text.unicodeScalars.contains { $0 == delimiterScalar || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
}
