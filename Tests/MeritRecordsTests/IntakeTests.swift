import Foundation
import MeritCore
import MeritRecords
import Testing

/// Input Merit does not use exactly as given is refused with its place and what to do (issue 10).
@Suite struct IntakeTests {
    static let ratingsHeader = "nip,instrument,competency,assessor,rating"

    static func ratings(_ header: String = ratingsHeader, _ rows: [String]) throws -> String {
        try RecordReading.write("ratings.csv", ([header] + rows).joined(separator: "\n") + "\n")
    }

    // MARK: Columns

    /// A column Merit does not use is an error with "did you mean" (not an "ignored columns" note), and
    /// `--ignore-column` leaves it out on purpose.
    @Test func unusedColumnsAreErrors() throws {
        let misspelt = try Self.ratings(Self.ratingsHeader + ",bacth", ["\(nip(1)),lgd,integritas,asr-1,3,ulang"])
        #expect(RecordReading.read(misspelt).findings == [
            "ratings.csv:1:43: error: column 'bacth' is not a column of ratings (nip, instrument, competency, assessor, rating, batch, date, note); did you mean 'batch'? Rename it, or give --ignore-column 'bacth' to import without it"
        ])
        let profiles = try RecordReading.write(
            "profiles.csv", "nip,name,unit,position,job_level,performace\n\(nip(1)),Ana,BKPSDM,kabid-mutasi-promosi,administrator,Baik\n")
        #expect(RecordReading.read(profiles).findings == [
            "profiles.csv:1:34: error: column 'performace' is not a column of profiles (nip, name, unit, position, job_level, education, education_field, rank, trainings, experience_years, performance, date); did you mean 'performance'? Rename it, or give --ignore-column 'performace' to import without it"
        ])
        let extra = try Self.ratings(Self.ratingsHeader + ",Keterangan Lain", ["\(nip(1)),lgd,integritas,asr-1,3,x"])
        #expect(RecordReading.read(extra).findings == [
            "ratings.csv:1:43: error: column 'Keterangan Lain' is not a column of ratings (nip, instrument, competency, assessor, rating, batch, date, note): rename it, or give --ignore-column 'Keterangan Lain' to import without it"
        ])
        let ignored = RecordReading.read(extra, options: RecordOptions(ignoredColumns: ["keterangan lain"]))
        #expect(ignored.findings == [] && ignored.records.count == 1)
    }

    /// A column without a header may stand empty (spreadsheet padding), but a value under it is refused.
    @Test func valuesUnderAnUnnamedColumn() throws {
        let padded = try Self.ratings(Self.ratingsHeader + ",,", ["\(nip(1)),lgd,integritas,asr-1,3,,"])
        #expect(RecordReading.read(padded).findings == [])
        let stray = try Self.ratings(Self.ratingsHeader + ",", ["\(nip(1)),lgd,integritas,asr-1,3,", "\(nip(2)),lgd,integritas,asr-1,3,4"])
        #expect(RecordReading.read(stray).findings == [
            "ratings.csv:3:43: error: a value in column (F), which has no header; name the column, or delete its values"
        ])
    }

    /// Wide-sheet headers in every usual form; a header whose code and name disagree is refused.
    @Test func competencyHeaders() throws {
        let forms = ["Komunikasi (M.03)", "M.03 - Komunikasi", "M.03 Komunikasi", "M03", "M.3", "M 03", "m.03: komunikasi", "KOMUNIKASI"]
        for form in forms {
            let file = try Self.ratings("nip,instrument,assessor,\(form)", ["\(nip(1)),lgd,asr-1,3"])
            let outcome = RecordReading.read(file)
            #expect(outcome.findings == [], "\(form)")
            #expect(outcome.records.compactMap(\.rating).map { RecordReading.library.competencyOrder[$0.competency] } == ["komunikasi"], "\(form)")
        }
        let conflict = try Self.ratings("nip,instrument,assessor,M.03 - Integritas", ["\(nip(1)),lgd,asr-1,3"])
        #expect(RecordReading.read(conflict).findings == [
            "ratings.csv:1:25: error: column 'M.03 - Integritas' could name two competencies: 'm.03' names Komunikasi (M.03) but 'integritas' names Integritas (M.01); head it with one competency's code or name"
        ])
        let twice = try Self.ratings("nip,instrument,assessor,M03,Komunikasi", ["\(nip(1)),lgd,asr-1,3,3"])
        #expect(RecordReading.read(twice).findings == [
            "ratings.csv:1:29: error: column 'Komunikasi' names the same competency as column 'M03' (column 25)"
        ])
    }

    // MARK: NIPs a spreadsheet damaged

    /// Scientific notation, a decimal part, digits rounded to 000: one finding per file and kind, at the first.
    @Test(arguments: [
        ("1,98503302010011E+017", "are in scientific notation"),
        ("198503302010011001.0", "have a decimal part"),
        ("198503302010011000", "end in 000, a serial number no NIP has (the spreadsheet rounded their last digits)"),
    ])
    func damagedNIPs(text: String, what: String) throws {
        let file = try RecordReading.write(
            "ratings.csv", "nip;instrument;competency;assessor;rating\n\"\(text)\";lgd;integritas;asr-1;3\n\"\(text)\";lgd;integritas;asr-2;3\n\(nip(1));lgd;integritas;asr-1;3\n")
        let outcome = RecordReading.read(file)
        #expect(outcome.records.count == 1)
        #expect(outcome.findings == [
            "ratings.csv:2:1: error: 2 NIPs in this file \(what) (the first: '\(text)'): a NIP has 18 digits, more than a spreadsheet number keeps (15), so its last digits are lost. Format the NIP column as Text before typing or pasting the NIPs (or copy them from the source as text), then save the file again"
        ])
    }

    // MARK: Values

    /// A raw score off the test's step is refused (it would fall between conversion bands).
    @Test func rawScoreOffTheStep() throws {
        let file = try RecordReading.write("tests.csv", "nip,instrument,raw_score\n\(nip(1)),tes-potensi,\"27,5\"\n")
        #expect(RecordReading.read(file).findings == [
            "tests.csv:2:32: error: column 'raw_score' (C): raw score 27.5 is not a step of 1 on the scale 0–60 of 'tes-potensi'"
        ])
    }

    /// An empty rating says how to write "no evidence".
    @Test func emptyRatingSuggestsNE() throws {
        let file = try Self.ratings(Self.ratingsHeader, ["\(nip(1)),lgd,integritas,asr-1,"])
        #expect(RecordReading.read(file).findings == [
            "ratings.csv:2:41: error: column 'rating' (E): empty required field 'rating'; write NE if the exercise gave no evidence of the competency"
        ])
    }

    /// A field longer than its column allows, and a note longer than 16 KB.
    @Test func overLongFields() throws {
        let long = String(repeating: "a", count: 4097)
        let assessor = try Self.ratings(Self.ratingsHeader, ["\(nip(1)),lgd,integritas,\(long),3"])
        #expect(RecordReading.read(assessor).findings == [
            "ratings.csv:2:35: error: column 'assessor' (D): a value of 4097 bytes; this column holds at most 4096 bytes (4 KB)"
        ])
        let longNote = try Self.ratings(Self.ratingsHeader + ",note", ["\(nip(1)),lgd,integritas,asr-1,3,\(String(repeating: "b", count: 16385))"])
        #expect(RecordReading.read(longNote).findings == [
            "ratings.csv:2:43: error: a field of 16385 bytes; fields are at most 16384 bytes (16 KB)"
        ])
        let fineNote = try Self.ratings(Self.ratingsHeader + ",note", ["\(nip(1)),lgd,integritas,asr-1,3,\(String(repeating: "b", count: 5000))"])
        #expect(RecordReading.read(fineNote).findings == [])
    }

    /// NUL, control characters and bidirectional overrides are refused where they are; a message quotes at
    /// most 80 characters of a value.
    @Test(arguments: [
        ([0x00], "a NUL character (U+0000) in the text; the file may be damaged or in another encoding: save it again as CSV UTF-8"),
        ([0x07], "a control character (U+0007) in the text; delete it (it cannot be seen, and Merit does not read text that can hide what it shows)"),
        ([0xC2, 0x85], "a control character (U+0085) in the text; delete it (it cannot be seen, and Merit does not read text that can hide what it shows)"),
        ([0xE2, 0x80, 0xAE], "a bidirectional override (U+202E) in the text; delete it (it can reorder what a terminal or a report shows)"),
        ([0xE2, 0x81, 0xA6], "a bidirectional override (U+2066) in the text; delete it (it can reorder what a terminal or a report shows)"),
    ] as [([UInt8], String)])
    func hiddenCharacters(bytes: [UInt8], message: String) throws {
        let plain = try RecordReading.write("ratings.csv", Array((Self.ratingsHeader + "\n\(nip(1)),lgd,integritas,asr-").utf8) + bytes + Array("1,3\n".utf8))
        #expect(RecordReading.read(plain).findings == ["ratings.csv:2:39: \(message)"].map { $0.replacingOccurrences(of: "ratings.csv:2:39: ", with: "ratings.csv:2:39: error: ") })
        let quoted = try RecordReading.write("ratings.csv", Array((Self.ratingsHeader + "\n\(nip(1)),lgd,integritas,\"asr-").utf8) + bytes + Array("1\",3\n".utf8))
        #expect(RecordReading.read(quoted).findings == ["ratings.csv:2:40: error: \(message)"])
    }

    @Test func longValuesAreQuotedShort() throws {
        let file = try Self.ratings(Self.ratingsHeader, ["\(nip(1)),\(String(repeating: "x", count: 200)),integritas,asr-1,3"])
        let finding = try #require(RecordReading.read(file).findings.first)
        #expect(finding.contains("unknown instrument '\(String(repeating: "x", count: 79))…'"))
    }

    // MARK: Encodings

    /// "Unicode Text" from Excel (UTF-16 with a byte-order mark, tab-delimited) is read as what it is.
    @Test(arguments: [false, true])
    func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let text = "nip\tinstrument\tcompetency\tassessor\trating\n\(nip(1))\tlgd\tintegritas\tasesor Müller\t3,5\n"
        var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        for unit in text.utf16 {
            bytes += bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let outcome = RecordReading.read(try RecordReading.write("nilai.txt", bytes))
        #expect(outcome.findings == [])
        #expect(outcome.records.compactMap(\.rating).map(\.assessor) == ["asesor Müller"])
    }

    @Test func utf16WithoutByteOrderMarkAndWindows1252() throws {
        var bytes: [UInt8] = []
        for unit in "nip,instrument\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(RecordReading.read(try RecordReading.write("nilai.csv", bytes)).findings == [
            "nilai.csv:1:1: error: this is UTF-16 text without a byte-order mark ('Unicode Text'); save the file as CSV UTF-8 (comma delimited)"
        ])
        let ansi = try RecordReading.write("nilai.csv", Array((Self.ratingsHeader + "\n\(nip(1)),lgd,integritas,Jos").utf8) + [0xE9] + Array(",3\n".utf8))
        #expect(RecordReading.read(ansi).findings == [
            "nilai.csv:2:38: error: invalid UTF-8 (byte 0xE9); the file seems to be in another encoding (Windows-1252/ANSI?): save it as CSV UTF-8"
        ])
    }

    // MARK: YAML and JSON

    /// `.json` files are strict JSON: a trailing comma, a comment or a single quote is an error at its place.
    @Test(arguments: [
        ("{\"kind\": \"ratings\", \"records\": [],}", "ratings.json:1:35: error: not strict JSON: a trailing comma before '}'; delete it"),
        ("{\"kind\": \"ratings\",\n \"records\": [1,]}", "ratings.json:2:16: error: not strict JSON: a trailing comma before ']'; delete it"),
        ("{\"kind\": 'ratings', \"records\": []}", "ratings.json:1:10: error: not strict JSON: a single-quoted string; JSON strings use double quotes"),
        ("// nilai\n{\"kind\": \"ratings\"}", "ratings.json:1:1: error: not strict JSON: not a JSON value (a string needs double quotes; true, false and null are lower case) (JSON has no comments)"),
        ("{kind: \"ratings\"}", "ratings.json:1:2: error: not strict JSON: an object key must be a double-quoted string"),
        ("{\"kind\": \"ratings\"} x", "ratings.json:1:21: error: not strict JSON: text after the JSON value"),
    ])
    func strictJSON(text: String, expected: String) throws {
        #expect(RecordReading.read(try RecordReading.write("ratings.json", text)).findings == [expected])
    }

    @Test func jsonRecordsAreRead() throws {
        let text = "{\"kind\": \"ratings\", \"records\": [{\"nip\": \"\(nip(1))\", \"instrument\": \"lgd\", \"competency\": \"integritas\", \"assessor\": \"a\", \"rating\": 3.5}]}"
        let outcome = RecordReading.read(try RecordReading.write("ratings.json", text))
        #expect(outcome.findings == [] && outcome.records.count == 1)
    }

    /// A hidden character in a YAML value is refused at the value; an unknown key gets "did you mean".
    @Test func yamlValues() throws {
        let hidden = "kind: ratings\nrecords:\n  - {nip: \"\(nip(1))\", instrument: lgd, competency: integritas, assessor: \"a\u{202E}b\", rating: 3}\n"
        #expect(RecordReading.read(try RecordReading.write("ratings.yaml", hidden)).findings == [
            "ratings.yaml:3:84: error: a bidirectional override (U+202E) in the text; delete it (it can reorder what a terminal or a report shows)"
        ])
        let misspelt = "kind: ratings\nrecords:\n  - {nip: \"\(nip(1))\", instrument: lgd, competency: integritas, assessor: a, ratting: 3}\n"
        #expect(RecordReading.read(try RecordReading.write("ratings.yaml", misspelt)).findings == [
            "ratings.yaml:3:87: error: unknown key 'ratting' for ratings; expected nip, instrument, competency, assessor, rating, batch, date, note; did you mean 'rating'? (or give --ignore-column 'ratting')"
        ])
    }

    /// Inputs the `records` fuzz target found, kept: a 19-digit level overflowed when its message printed it.
    @Test func fuzzFoundRecords() {
        let path = RecordReading.fixtures.appendingPathComponent("fuzz/levels-19-digit-level.yaml").path
        #expect(RecordReading.read(path).findings == [
            "levels-19-digit-level.yaml:3:10: error: NIP '01011001\"' is not 18 digits (9 characters)",
            "levels-19-digit-level.yaml:5:12: error: '7830062440100020088' in 'level' is not a number (at most 15 digits, no exponent)",
        ])
        #expect(Rational(decimal: "7830062440100020088") == nil)
        #expect(Rational(decimal: "123456789012345") == Rational(123_456_789_012_345))
        #expect(Rational(decimal: "0001234567890.123456") == nil)
        #expect(Rational(decimal: "000123456789.012") != nil)
    }
}
