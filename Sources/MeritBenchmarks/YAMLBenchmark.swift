import CYAML
import MeritYAML

/// Loading speed of the YAML layer: our tree + strict decode against libyaml's bare event loop on the
/// same text (the target: at most 2× the event loop).
public struct YAMLBenchmark: Sendable {
    /// One rating row, as a ratings file written in YAML holds it.
    struct RatingRow: Decodable {
        var nip: String
        var instrument: String
        var competency: String
        var assessor: String
        var rating: String
        var batch: String?
        var note: String?
    }

    struct RatingsFile: Decodable {
        var kind: String
        var id: String
        var ratings: [RatingRow]
    }

    public struct Result: Sendable, Codable {
        public var bytes: Int
        public var rows: Int
        public var eventLoop: Timing
        public var tree: Timing
        public var treeAndDecode: Timing
        public var ratio: Double { treeAndDecode.median / eventLoop.median }
    }

    public var megabytes: Int
    public var runs: Int

    public init(megabytes: Int = 20, runs: Int = 5) {
        self.megabytes = megabytes
        self.runs = runs
    }

    public func run() throws -> Result {
        let (text, rows) = Self.ratingsDocument(bytes: megabytes << 20)
        let bytes = Array(text.utf8)
        let eventLoop = try Timing.measure("libyaml event loop", runs: runs) {
            _ = try Self.countEvents(bytes)
        }
        let tree = try Timing.measure("tree only", runs: runs) {
            _ = try YAMLLoader().load(bytes, file: "bench.yaml")
        }
        var decodedRows = 0
        let treeAndDecode = try Timing.measure("tree + decode", runs: runs) {
            let file = try YAMLDecoder().decode(RatingsFile.self, from: bytes, file: "bench.yaml")
            decodedRows = file.ratings.count
        }
        precondition(decodedRows == rows, "decoded \(decodedRows) rows, wrote \(rows)")
        return Result(bytes: bytes.count, rows: rows, eventLoop: eventLoop, tree: tree, treeAndDecode: treeAndDecode)
    }

    /// A `kind: ratings` document of about `bytes` bytes in the block style assessors' tools write.
    static func ratingsDocument(bytes: Int) -> (String, Int) {
        let competencies = ["M.01", "M.02", "M.03", "M.04", "M.05", "M.06", "M.07", "M.08", "SK.01"]
        let instruments = ["in-tray", "lgd", "role-play"]
        var text = "kind: ratings\nid: bench\nratings:\n"
        text.reserveCapacity(bytes + 256)
        var rows = 0
        var person = 0
        while text.utf8.count < bytes {
            person += 1
            let nip = "19800101200501" + "1" + String(person % 1000).leftPadded(3)
            for instrument in instruments {
                for competency in competencies {
                    for assessor in ["asr-01", "asr-02"] {
                        let rating = (person + rows) % 17 == 0 ? "NE" : String(1 + (person + rows) % 5)
                        text += "  - nip: \"\(nip)\"\n    instrument: \(instrument)\n    competency: \(competency)\n"
                        text += "    assessor: \(assessor)\n    rating: \(rating)\n    batch: 2026-A\n"
                        rows += 1
                    }
                }
            }
        }
        return (text, rows)
    }

    /// libyaml alone: parse every event and throw it away.
    static func countEvents(_ bytes: [UInt8]) throws -> Int {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLError(.io, at: .file("bench"), "no parser") }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw YAMLError(.syntax, at: .file("bench"), "libyaml failed")
                }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
