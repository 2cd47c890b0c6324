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
        append(header.map(Cell.text), to: &out)
        for row in rows { append(row, to: &out) }
        return out
    }

    public func line(_ cells: [Cell]) -> String {
        var out = ""
        append(cells, to: &out)
        return out
    }

    /// Appends one line: a document of 100,000 result rows is written in a tenth of the time that joining
    /// each line's fields took (issue 15).
    func append(_ cells: [Cell], to out: inout String) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.append(delimiter) }
            out += field(cell)
        }
        out += lineEnd
    }

    public func field(_ cell: Cell) -> String {
        var text: String
        switch cell {
        case .number(let number):
            text = decimalSeparator == "." ? number : number.replacing(".", with: String(decimalSeparator))
        case .text(let value):
            text = value
            // Every formula start is ASCII, so the first byte is the first scalar.
            if let first = value.utf8.first, Self.formulaStartBytes.contains(first) { text = "'" + value }
        }
        guard needsQuotes(text) else { return text }
        // By bytes: a quote followed by a combining mark is one Character, which replacing "\"" would miss.
        return "\"" + ByteEscaping.replacing(text) { $0 == 0x22 ? "\"\"" : nil } + "\""
    }

    /// A delimiter, quote or line break inside, or a space at either end (which a spreadsheet would trim),
    /// checked on UTF-8 bytes: "\r\n" is one Character, equal to neither "\r" nor "\n", and each of these
    /// is one ASCII byte that no other scalar's encoding contains.
    private func needsQuotes(_ text: String) -> Bool {
        let utf8 = text.utf8
        if utf8.first == 0x20 || utf8.last == 0x20 { return true }
        guard delimiter.isASCII, let delimiterByte = delimiter.asciiValue else {
            let delimiterScalar = delimiter.unicodeScalars.first!
            return text.unicodeScalars.contains { $0 == delimiterScalar || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        }
        return utf8.contains { $0 == delimiterByte || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    static let formulaStartBytes: [UInt8] = Array("=+-@\t\r".utf8)
}
