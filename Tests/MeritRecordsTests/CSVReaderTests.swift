import MeritCore
import MeritRecords
import Testing

/// Reads CSV text and returns its header and rows as strings.
func readCSV(_ text: String, delimiter: UInt8? = nil, chunkSize: Int = 4 << 20) throws -> (header: [String], rows: [[String]]) {
    try readCSV(Array(text.utf8), delimiter: delimiter, chunkSize: chunkSize)
}

func readCSV(_ bytes: [UInt8], delimiter: UInt8? = nil, chunkSize: Int = 4 << 20) throws -> (header: [String], rows: [[String]]) {
    let reader = try CSVReader(bytes: bytes, file: "data.csv", options: CSVOptions(delimiter: delimiter, chunkSize: chunkSize))
    var rows: [[String]] = []
    try reader.forEachRow { row in rows.append((0..<row.count).map(row.string)) }
    return (reader.header, rows)
}

/// The error a CSV text raises, printed.
func csvError(_ text: String) -> String? {
    csvError(Array(text.utf8))
}

func csvError(_ bytes: [UInt8]) -> String? {
    do {
        _ = try readCSV(bytes)
        return nil
    } catch {
        return "\(error)"
    }
}

@Suite struct CSVReaderTests {
    @Test func plainCommaSeparated() throws {
        let csv = try readCSV("nip,rating\n1,3\n2,4\n")
        #expect(csv.header == ["nip", "rating"])
        #expect(csv.rows == [["1", "3"], ["2", "4"]])
    }

    @Test func quotingEmbeddedQuotesDelimitersAndNewlines() throws {
        let csv = try readCSV("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n")
        #expect(csv.rows == [["x, y", "say \"hi\"", "two\nlines"]])
    }

    @Test func byteOrderMarkAndCRLFAndSemicolons() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("nip;rating\r\n1;3,5\r\n".utf8)
        let csv = try readCSV(bytes)
        #expect(csv.header == ["nip", "rating"])
        #expect(csv.rows == [["1", "3,5"]])
    }

    @Test func tabsAreSniffed() throws {
        #expect(try readCSV("a\tb\n1\t2\n").rows == [["1", "2"]])
    }

    @Test func delimiterCanBeForced() throws {
        #expect(try readCSV("a;b\n1;2\n", delimiter: UInt8(ascii: ",")).rows == [["1;2"]])
    }

    @Test func lastLineWithoutNewlineAndEmptyFields() throws {
        #expect(try readCSV("a,b,c\n1,,3").rows == [["1", "", "3"]])
        #expect(try readCSV("a,b\n\"\",x").rows == [["", "x"]])
    }

    @Test func blankPaddingRowsAreSkipped() throws {
        #expect(try readCSV("a;b\n1;2\n;\n;\n").rows == [["1", "2"]])
    }

    @Test func rowsSpanningChunkBoundaries() throws {
        var text = "name,note\n"
        for index in 0..<200 { text += "n\(index),\"quoted \"\"\(index)\"\"\nover lines\"\n" }
        let small = try readCSV(text, chunkSize: 7)
        let large = try readCSV(text)
        #expect(small.rows.count == 200)
        #expect(small.rows == large.rows)
        #expect(small.rows[199] == ["n199", "quoted \"199\"\nover lines"])
    }

    @Test func unterminatedQuote() {
        #expect(csvError("a,b\n1,\"open\n2,3\n") == "data.csv:2:3: unterminated quoted field: no closing quote before the end of the file")
    }

    @Test func textAfterClosingQuote() {
        #expect(
            csvError("a,b\n1,\"x\"y\n")
                == "data.csv:2:6: text after the closing quote of a field; quote the whole field and double any quote inside it")
    }

    @Test func quoteInsideUnquotedField() {
        #expect(csvError("a,b\n1,x\"y\n") == "data.csv:2:4: a quote inside an unquoted field; quote the whole field and double the quote")
    }

    @Test func raggedRows() {
        #expect(csvError("a,b,c\n1,2,3\n1,2,3,4\n") == "data.csv:3:7: the row has 4 fields, the header has 3")
        #expect(csvError("a,b,c\n1,2\n") == "data.csv:2:4: the row has 2 fields, the header has 3")
    }

    @Test func raggedRowAfterAMultiLineField() {
        #expect(csvError("a,b\n\"x\ny\",2\n3\n") == "data.csv:4:2: the row has 1 field, the header has 2")
    }

    @Test func invalidUTF8() {
        let bytes = Array("a,b\nJosé,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        #expect(csvError(bytes) == "data.csv:2:6: invalid UTF-8 (byte 0xC3); the file seems to be in another encoding (Windows-1252/ANSI?): save it as CSV UTF-8")
    }

    @Test func loneCarriageReturn() {
        #expect(csvError("a,b\r1,2\n") == "data.csv:1:4: a carriage return without a line feed; save the file with CRLF or LF line ends")
    }

    @Test func emptyFile() {
        #expect(csvError("") == "data.csv:1:1: the file is empty; expected a header line")
        #expect(csvError([0xEF, 0xBB, 0xBF]) == "data.csv:1:1: the file is empty; expected a header line")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let reader = try CSVReader(bytes: Array("nama,unit\nRatna Sari Dewi Ayu,Badan\n\"Ñandú\",éé\n".utf8), file: "p.csv")
        var marks: [String] = []
        try reader.forEachRow { row in marks.append("\(row.mark(1))") }
        #expect(marks == ["p.csv:2:21", "p.csv:3:9"])
        #expect(reader.headerMarks.map(\.column) == [1, 6])
    }
}

@Suite struct CSVWriterTests {
    @Test func quotesWhatMustBeQuoted() {
        let writer = CSVWriter()
        #expect(writer.field("plain") == "plain")
        #expect(writer.field("a,b") == "\"a,b\"")
        #expect(writer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(writer.field("two\nlines") == "\"two\nlines\"")
        #expect(writer.field(" padded") == "\" padded\"")
        #expect(writer.field("padded ") == "\"padded \"")
        // A combining mark joins a quote, comma or line break into one Character: still quoted.
        #expect(writer.field("a\"\u{301}") == "\"a\"\"\u{301}\"")
        #expect(writer.field(",\u{301}") == "\",\u{301}\"")
        #expect(writer.field("x\r\ny") == "\"x\r\ny\"")
        #expect(writer.field(" \u{301}x") == "\" \u{301}x\"")
        #expect(writer.field("Ñandú café") == "Ñandú café")
    }

    /// A delimiter outside ASCII is looked for by scalars.
    @Test func quotesAroundANonASCIIDelimiter() {
        let writer = CSVWriter(delimiter: "¦")
        #expect(writer.field("a¦b") == "\"a¦b\"")
        #expect(writer.field("a|b") == "a|b")
        #expect(writer.line(["a", "b¦c"]) == "a¦\"b¦c\"\r\n")
    }

    @Test func neutralisesFormulasInTextCellsOnly() {
        let writer = CSVWriter()
        #expect(writer.field("=SUM(A1:A9)") == "'=SUM(A1:A9)")
        #expect(writer.field("+62 812") == "'+62 812")
        #expect(writer.field("-1") == "'-1")
        #expect(writer.field("@cmd") == "'@cmd")
        #expect(writer.field("\tx") == "'\tx")
        #expect(writer.field("\rx") == "\"'\rx\"")
        #expect(writer.field(.number("-1.5")) == "-1.5")
    }

    @Test func excelIndonesiaUsesBOMSemicolonAndDecimalComma() {
        let text = CSVWriter.excelIndonesia.document(header: ["nip", "jpm"], rows: [["1", .number("81.25")]])
        #expect(text == "\u{FEFF}nip;jpm\r\n1;81,25\r\n")
    }

    /// Text rows written by bytes (`numeric` columns as numbers) give the text of the same rows as cells.
    @Test(arguments: [
        CSVWriter(), CSVWriter.excelIndonesia, CSVWriter(delimiter: "\t", lineEnd: "\n"), CSVWriter(delimiter: ",", decimalSeparator: ","),
        CSVWriter(delimiter: "¦"),
    ])
    func textRowsAsCells(writer: CSVWriter) {
        let hostile = [
            "quote \"x\"", "a,b;c\td", "line\nbreak", "crlf\r\nbreak", "=1+1", "", " spaced ", "Ñandú", "'already", "a\"\u{301}b",
            "\u{301}\"x\"", "-1.5", "81.25", " 2.5", "3. ", "\rx", "\tx", "+62", "@a", "a¦b", ".",
        ]
        let rows = hostile.map { [$0, $0, "x"] }
        let numeric = [false, true, false]
        let cells = rows.map { row in
            row.enumerated().map { index, cell -> CSVWriter.Cell in numeric[index] && !cell.isEmpty ? .number(cell) : .text(cell) }
        }
        let header = ["=h", "jpm", "c"]
        #expect(writer.document(header: header, rows: rows, numeric: numeric) == writer.document(header: header, rows: cells))
    }

    /// Hostile cells survive a write → read round trip (formula cells keep their neutralising apostrophe).
    @Test(arguments: [CSVWriter(), CSVWriter.excelIndonesia, CSVWriter(delimiter: "\t", lineEnd: "\n")])
    func roundTrip(writer: CSVWriter) throws {
        let cells: [String] = ["quote \"x\"", "a,b;c\td", "line\nbreak", "crlf\r\nbreak", "=1+1", "", " spaced ", "Ñandú", "'already", "a\"\u{301}b", "\u{301}\"x\""]
        let text = writer.document(header: cells.indices.map { "c\($0)" }, rows: [cells.map(CSVWriter.Cell.text)])
        let csv = try readCSV(Array(text.utf8))
        let expected = cells.map { $0.hasPrefix("=") ? "'" + $0 : $0 }
        #expect(csv.rows == [expected])
    }
}

extension CSVWriter: CustomTestStringConvertible {
    public var testDescription: String { "delimiter \(delimiter.debugDescription)" }
}
