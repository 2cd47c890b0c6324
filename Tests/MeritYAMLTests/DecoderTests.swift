import MeritYAML
import Testing

private struct Dictionary: Decodable {
    struct Competency: Decodable {
        var code: String
        var levels: [Level]
    }

    struct Level: Decodable {
        var level: Int
        var description: String?
    }

    var id: String
    var competencies: [Competency]
}

private struct Flags: Decodable {
    var critical: Bool
    var weight: Double?
}

@Suite struct DecoderTests {
    @Test func decodesNestedTypes() throws {
        let value = try decode(Dictionary.self, "id: kamus\ncompetencies:\n  - code: M.01\n    levels: [{level: 1}]\n")
        #expect(value.competencies[0].code == "M.01")
        #expect(value.competencies[0].levels[0].level == 1)
        #expect(value.competencies[0].levels[0].description == nil)
    }

    @Test func wrongTypeDeepInANestedPath() {
        var text = "id: kamus\ncompetencies:\n"
        for index in 0..<4 {
            text += "  - code: M.0\(index + 1)\n    levels:\n      - level: 1\n      - level: 2\n"
            text += index == 3 ? "      - level: x3\n" : "      - level: 3\n"
        }
        let error = yamlError { try decode(Dictionary.self, text) }
        #expect(error?.kind == .typeMismatch)
        #expect(error?.description == "test.yaml:22:16: at 'competencies[3].levels[2].level': expected an integer, found \"x3\"")
    }

    @Test func noIsNotABoolean() {
        let error = yamlError { try decode(Flags.self, "critical: no\n") }
        #expect(
            error?.description
                == "test.yaml:1:11: at 'critical': expected a boolean (true or false), found \"no\"; YAML 1.2 reads 'no' as text: write true or false"
        )
    }

    @Test func quotedTrueIsNotABoolean() {
        let error = yamlError { try decode(Flags.self, "critical: \"true\"\n") }
        #expect(error?.description == "test.yaml:1:11: at 'critical': expected a boolean (true or false), found \"true\"")
    }

    @Test func unknownKeyPointsAtTheKeyAndSuggests() {
        let error = yamlError {
            try decode(Dictionary.self, "id: k\ncompetencies:\n  - code: M.01\n    levels: []\n    cdoe: M.02\n")
        }
        #expect(error?.kind == .unknownKey)
        #expect(error?.description == "test.yaml:5:5: at 'competencies[0].cdoe': unknown key 'cdoe'; did you mean 'code'?")
    }

    @Test func misspeltRequiredKeyReportsBothSides() {
        let node = try! load("id: k\ncompetencies:\n  - code: M.01\n    levles: []\n")[0].root
        let (_, errors) = YAMLDecoder().decodeReportingAll(Dictionary.self, from: node)
        #expect(errors.map(\.description) == [
            "test.yaml:3:5: at 'competencies[0]': missing required key 'levels'",
            "test.yaml:4:5: at 'competencies[0].levles': unknown key 'levles'; did you mean 'levels'?",
        ])
    }

    @Test func keysNeverReachedAfterAStopAreNotCalledUnknown() {
        // Decoding stops at the missing 'code'; 'levels' was never asked for, but it is not unknown.
        let node = try! load("id: k\ncompetencies:\n  - cdoe: M.01\n    levels: []\n")[0].root
        let (_, errors) = YAMLDecoder().decodeReportingAll(Dictionary.self, from: node)
        #expect(errors.map(\.description) == [
            "test.yaml:3:5: at 'competencies[0]': missing required key 'code'",
            "test.yaml:3:5: at 'competencies[0].cdoe': unknown key 'cdoe'; did you mean 'code'?",
        ])
    }

    @Test func everyUnknownKeyIsReported() {
        let (value, errors) = YAMLDecoder().decodeReportingAll(
            Flags.self, from: try! load("critical: true\ncolor: red\nweigth: 2\n")[0].root)
        #expect(value == nil)
        #expect(errors.map(\.description) == [
            "test.yaml:2:1: at 'color': unknown key 'color'",
            "test.yaml:3:1: at 'weigth': unknown key 'weigth'; did you mean 'weight'?",
        ])
    }

    @Test func unknownKeysCanBeAllowed() throws {
        let decoder = YAMLDecoder(allowsUnknownKeys: true)
        let flags = try decoder.decode(Flags.self, from: Array("critical: true\nextra: 1\n".utf8), file: "t.yaml")
        #expect(flags.critical)
    }

    @Test func missingKeyPointsAtTheMapping() {
        let error = yamlError { try decode(Dictionary.self, "id: k\ncompetencies:\n  - code: M.01\n") }
        #expect(error?.kind == .missingKey)
        #expect(error?.description == "test.yaml:3:5: at 'competencies[0]': missing required key 'levels'")
    }

    @Test func mappingExpectedButScalarFound() {
        let error = yamlError { try decode(Dictionary.self, "- a\n") }
        #expect(error?.description == "test.yaml:1:1: expected a mapping, found a sequence")
    }

    @Test func nullIsNotAString() {
        let error = yamlError { try decode(Dictionary.self, "id:\ncompetencies: []\n") }
        #expect(error?.description == "test.yaml:1:4: at 'id': expected a string, found null")
    }

    @Test func plainNumbersReadAsTextWhenTextIsExpected() throws {
        let value = try decode(Dictionary.self, "id: 2017\ncompetencies: [{code: 1.10, levels: []}]\n")
        #expect(value.id == "2017")
        #expect(value.competencies[0].code == "1.10")
    }

    @Test func integerOutOfRange() {
        struct Small: Decodable { var n: Int8 }
        let error = yamlError { try decode(Small.self, "n: 300\n") }
        #expect(error?.description == "test.yaml:1:4: at 'n': expected an integer, found 300 (out of range -128...127)")
    }

    @Test func floatIsNotAnInteger() {
        let error = yamlError { try decode(Dictionary.Level.self, "level: 2.5\n") }
        #expect(error?.description == "test.yaml:1:8: at 'level': expected an integer, found 2.5")
    }

    @Test func numbersAcceptIntegers() throws {
        #expect(try decode(Flags.self, "critical: false\nweight: 3\n").weight == 3)
    }

    @Test func locatedValuesKeepTheirMark() throws {
        struct Position: Decodable { var battery: Located<String> }
        let position = try decode(Position.self, "\nbattery:   jpt-pratama\n")
        #expect(position.battery.value == "jpt-pratama")
        #expect(position.battery.mark == SourceMark(file: "test.yaml", line: 2, column: 12))
    }

    @Test func orderedMappingKeepsOrderAndKeyMarks() throws {
        struct Standard: Decodable { var required: OrderedMapping<Int> }
        let standard = try decode(Standard.self, "required:\n  M.02: 3\n  M.01: 4\n")
        #expect(standard.required.entries.map(\.key) == ["M.02", "M.01"])
        #expect(standard.required.entries[1].keyMark == SourceMark(file: "test.yaml", line: 3, column: 3))
        #expect(standard.required.entries[1].value == 4)
    }

    @Test func errorsInOrderedMappingValuesAreLocated() {
        struct Standard: Decodable { var required: OrderedMapping<Int> }
        let error = yamlError { try decode(Standard.self, "required:\n  M.02: tiga\n") }
        #expect(error?.description == "test.yaml:2:9: at 'required.M.02': expected an integer, found \"tiga\"")
    }

    @Test func dictionariesAndEnumsDecode() throws {
        enum Group: String, Decodable { case manajerial, teknis }
        struct Groups: Decodable { var weights: [String: Int]; var group: Group }
        let value = try decode(Groups.self, "weights: {teknis: 40, manajerial: 60}\ngroup: teknis\n")
        #expect(value.weights == ["teknis": 40, "manajerial": 60])
        #expect(value.group == .teknis)
    }

    @Test func invalidEnumValueIsLocated() {
        enum Group: String, Decodable { case manajerial, teknis }
        struct Holder: Decodable { var group: Group }
        let error = yamlError { try decode(Holder.self, "group: tekniks\n") }
        #expect(error?.kind == .typeMismatch)
        #expect(error?.mark == SourceMark(file: "test.yaml", line: 1, column: 8))
        #expect(error?.path == "group")
    }
}
