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
}
