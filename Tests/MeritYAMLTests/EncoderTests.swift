import MeritYAML
import Testing

struct EncodedPlan: Codable, Equatable {
    struct Item: Codable, Equatable {
        var title: String
        var jp: Int
        var note: String?
        var tags: [String]
    }

    var kind: String
    var nip: String
    var year: Int
    var ratio: Double
    var done: Bool
    var items: [Item]
    var nested: [[Int]]
    var empty: [String]
    var map: [String: Int]
}

@Suite struct YAMLEncoderTests {
    let plan = EncodedPlan(
        kind: "development-plan", nip: "198503122010011001", year: 2026, ratio: 0.5, done: false,
        items: [
            EncodedPlan.Item(title: "Pelatihan: Integritas", jp: 24, note: nil, tags: ["klasikal", "no", "3"]),
            EncodedPlan.Item(title: "Line\nbreak \"quoted\" # not a comment", jp: 8, note: "- dash", tags: []),
        ],
        nested: [[1, 2], []], empty: [], map: ["b": 2])

    @Test func roundTrips() throws {
        let text = try YAMLEncoder().encode(plan)
        let back = try YAMLDecoder().decode(EncodedPlan.self, from: Array(text.utf8), file: "plan.yaml")
        #expect(back == plan)
    }

    @Test func writesReadableBlockYAML() throws {
        let text = try YAMLEncoder().encode(plan)
        #expect(text.hasPrefix("kind: development-plan\nnip: \"198503122010011001\"\nyear: 2026\n"))
        #expect(text.contains("items:\n- title: \"Pelatihan: Integritas\"\n  jp: 24\n  tags:\n  - klasikal\n  - \"no\"\n  - \"3\"\n"))
    }

    private struct Scalar: Codable, Equatable { var value: String }

    /// How each string is written: plain when YAML reads it back as that string, quoted otherwise.
    @Test(arguments: [
        ("Integritas", "Integritas"), ("Kepala Bidang — Mutasi", "Kepala Bidang — Mutasi"), ("a#b", "a#b"),
        ("2026-12-04", "2026-12-04"), ("é", "é"), ("yesterday", "yesterday"), ("offer", "offer"),
        ("", "\"\""), ("Yes", "\"Yes\""), ("OFF", "\"OFF\""), ("n", "\"n\""), ("On", "\"On\""), ("true", "\"true\""),
        ("null", "\"null\""), ("~", "\"~\""), ("12", "\"12\""), ("1.5", "\"1.5\""), (".inf", "\".inf\""),
        ("a: b", "\"a: b\""), ("a #b", "\"a #b\""), ("x ", "\"x \""), (" x", "\" x\""), ("-x", "\"-x\""),
        ("@x", "\"@x\""), ("tab\tx", "\"tab\\tx\""), ("del\u{7F}", "\"del\\x7f\""), ("say \"hi\"", "say \"hi\""),
        // An indicator followed by a combining mark is quoted: YAML reads code points, not Characters.
        ("-\u{301}x", "\"-\u{301}x\""),
        // Before issue 15 these were written plain and did not read back.
        ("a:", "\"a:\""), ("NEL\u{85}x", "\"NEL\\x85x\""), ("LS\u{2028}x", "\"LS\\Lx\""), ("BOM\u{FEFF}", "\"BOM\\uFEFF\""),
    ])
    func scalar(text: String, written: String) throws {
        let yaml = try YAMLEncoder().encode(Scalar(value: text))
        #expect(yaml == "value: \(written)\n")
        #expect(try YAMLDecoder().decode(Scalar.self, from: Array(yaml.utf8), file: "x.yaml") == Scalar(value: text))
    }

    /// Strings made of the characters that matter to YAML read back as themselves, however they are written.
    @Test func everyStringReadsBack() throws {
        let palette: [String] = ["a", "Z", "0", "9", ".", "-", ":", " ", "#", "\"", "'", "\\", "\t", "\n", "~", "?", "[", "{", ",", "!", "&", "*",
            "|", ">", "%", "@", "`", "é", "—", "\u{301}", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{9F}", "y", "n", "o"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var text = ""
            for step in 0..<Int(state >> 61) + 1 { text += palette[Int((state >> (UInt64(step) * 6 + 3)) % UInt64(palette.count))] }
            let yaml = try YAMLEncoder().encode(Scalar(value: text))
            do {
                #expect(try YAMLDecoder().decode(Scalar.self, from: Array(yaml.utf8), file: "x.yaml") == Scalar(value: text), "\(yaml)")
            } catch {
                Issue.record("\(error): \(text.debugDescription) written as \(yaml.debugDescription)")
            }
        }
    }
}
