import Foundation
import GRDB
@testable import MeritIO
import Testing

/// Ratings are stored one sheet per batch × person (JSON text) and shown per rating by the `ratings` view.
@Suite struct RatingSheetTests {
    static let hostileNotes: [String?] = [nil, "", "plain", "say \"hi\"", "back\\slash", "line\nbreak\ttab\r", "\u{1}\u{1f}", "ü 🧭 ∑",
        // Quotes and backslashes on either side of the compact reader's eight-byte steps.
        "exactly8", "12345678\"9", "1234567\\\"8", "abcdefghijklmnop\\", "abcdefgh\\\\ijklmnopq\"",
    ]

    static func entries() -> [RatingSheet.Entry] {
        hostileNotes.enumerated().map { index, note in
            RatingSheet.Entry(
                competency: Int64(index + 1), instrument: 7, assessor: 900 + Int64(index), value: index % 3 == 0 ? nil : (Int64(index), 2),
                date: index % 2 == 0 ? "2026-03-16" : nil, note: note, importID: 3, line: Int64(100_000 + index))
        }
    }

    @Test func encodedSheetsReadBackTheSame() throws {
        let entries = Self.entries()
        let text = RatingSheet.encode(entries)
        let read = try text.withUnsafeBufferPointer { try RatingSheetReader.entries($0) }
        #expect(read == entries)
        let empty = RatingSheet.encode([])
        #expect(try empty.withUnsafeBufferPointer { try RatingSheetReader.entries($0) }.isEmpty)
    }

    /// What SQLite's own `json_array` writes (the v2 migration uses it) reads the same as ours.
    @Test func sqliteJSONReadsTheSame() throws {
        let queue = try DatabaseQueue()
        let entries = Self.entries()
        let text = try queue.read { db in
            let arrays = entries.map { entry in
                "json_array(\(entry.competency), \(entry.instrument), \(entry.assessor), \(entry.value.map { String($0.num) } ?? "NULL"), \(entry.value.map { String($0.den) } ?? "NULL"), ?, ?, \(entry.importID), \(entry.line))"
            }
            let arguments = StatementArguments(entries.flatMap { [$0.date, $0.note] as [String?] })
            return try String.fetchOne(db, sql: "SELECT json_array(\(arrays.joined(separator: ", ")))", arguments: arguments)!
        }
        #expect(try Array(text.utf8).withUnsafeBufferPointer { try RatingSheetReader.entries($0) } == entries)
    }

    @Test(arguments: ["", "[", "[[1,2,3]]", "[[1,2,3,4,5,null,null,1,2]", "[[1,2,3,4,0,null,null,1,2]]", "[[1,2,3,null,null,\"a\\q\",null,1,2]]", "[[1,2,3,null,null,null,null,1,99999999999999999999]]"])
    func damagedSheetsAreRefused(text: String) {
        #expect(throws: RatingSheetReader.Damaged.self) {
            try Array(text.utf8).withUnsafeBufferPointer { try RatingSheetReader.entries($0) }
        }
    }

    /// The scoring fields of a sheet through the general reader (without texts), to compare with.
    static func scoringFields(_ bytes: [UInt8]) throws -> [[Int64?]] {
        var fields: [[Int64?]] = []
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = RatingSheetReader(buffer)
            try reader.forEach(texts: false) { fields.append([$0.competency, $0.instrument, $0.assessor, $0.value?.num, $0.value?.den]) }
        }
        return fields
    }

    /// The compact reader scoring uses, or nil when it hands the sheet to the general reader.
    static func compactFields(_ bytes: [UInt8]) -> [[Int64?]]? {
        var fields: [[Int64?]] = []
        let read = bytes.withUnsafeBufferPointer { buffer in
            RatingSheetReader.forEachScoring(buffer) { fields.append([$0.competency, $0.instrument, $0.assessor, $0.value?.num, $0.value?.den]) }
        }
        return read ? fields : nil
    }

    /// Sheets as the store writes them (hostile notes, NE, empty) are read by the compact reader, with the
    /// general reader's values.
    @Test func compactReaderReadsWhatTheStoreWrites() throws {
        for text in [RatingSheet.encode(Self.entries()), RatingSheet.encode([]), RatingSheet.encode(Array(Self.entries().prefix(1)))] {
            let compact = try #require(Self.compactFields(text))
            #expect(compact == (try Self.scoringFields(text)))
        }
        #expect(Self.compactFields(RatingSheet.encode(Self.entries()))?.count == Self.hostileNotes.count)
    }

    /// JSON the compact reader does not take (spaces, long numbers) goes to the general reader, which
    /// reads it; damaged sheets go there too, which says where.
    @Test(arguments: [
        "[ [1,2,3,4,1,null,null,1,2] ]", "[[1, 2,3,4,1,null,null,1,2]]", "[[1,2,3,4,1,null,null,1,1234567890123456789]]",
        "[[1,2,3,4,1,\"2026-01-02\",\"a\",1,2],\n[2,2,3,null,null,null,null,1,3]]",
    ])
    func otherSpellingsGoToTheGeneralReader(text: String) throws {
        #expect(Self.compactFields(Array(text.utf8)) == nil)
        #expect(try Self.scoringFields(Array(text.utf8)).count >= 1)
    }

    @Test(arguments: ["", "[", "[[1,2,3]]", "[[1,2,3,4,5,null,null,1,2]", "[[1,2,3,4,0,null,null,1,2]]", "[[1,2,3,4,-1,null,null,1,2]]", "[[1,2,3,null,null,\"ab,null,1,2]]", "[[1,2,3,null,null,null,null,1,99999999999999999999]]", "[[1,2,3,4,1,null,null,1,2],]", "[[1,2,3,null,null,\"abcdefghijklmnopqrstuvw"])
    func damagedSheetsAreNotReadCompactly(text: String) {
        #expect(Self.compactFields(Array(text.utf8)) == nil)
        #expect(throws: RatingSheetReader.Damaged.self) { try Self.scoringFields(Array(text.utf8)) }
    }

    /// A file sorted by instrument (each person met twice, far apart): sheets are written, read back and
    /// merged; a duplicate of a row written long before is still found; a re-import changes nothing.
    @Test func ratingsOfOnePersonFarApartAreMerged() throws {
        let fixture = try ImportFixture()
        let people = 600
        var options = ImportOptions(batch: "uji")
        options.ratingsHeldInMemory = 500
        let nips = (1...people).map { "198503122010011" + String(repeating: "0", count: 3 - String($0).count) + String($0) }
        var text = ImporterTests.ratingsHeader
        for instrument in ["lgd", "wawancara"] {
            for nip in nips { text += "\(nip),\(instrument),integritas,asr-1,3\n" }
        }
        let clean = try fixture.write("ratings.csv", text)
        let duplicated = try fixture.write("duplicated.csv", text + "\(nips[0]),lgd,integritas,asr-1,3\n")

        let refused = try fixture.run([duplicated], options: options)
        #expect(fixture.findings(refused) == ["duplicated.csv:\(2 * people + 2):1: error: duplicate row: the same rating is at line 2 of this file"])
        #expect(try fixture.store.contentDump().filter { $0.hasPrefix("rating_sheets") }.isEmpty)

        let imported = try fixture.run([clean], options: options)
        #expect(imported.committed && imported.files[0].inserted == 2 * people)
        let rows = try fixture.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ratings")! }
        #expect(rows == 2 * people)
        let sheets = try fixture.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rating_sheets WHERE count = 2")! }
        #expect(sheets == people)

        let before = try fixture.store.contentDump().filter { $0.hasPrefix("rating_sheets") }
        var reordered = ImporterTests.ratingsHeader
        for nip in nips.reversed() { reordered += "\(nip),wawancara,integritas,asr-1,3\n\(nip),lgd,integritas,asr-1,3\n" }
        let again = try fixture.run([try fixture.write("again.csv", reordered)], options: options)
        #expect(fixture.findings(again) == [])
        #expect(again.committed && again.files[0].unchanged == 2 * people && again.files[0].inserted == 0)
        #expect(try fixture.store.contentDump().filter { $0.hasPrefix("rating_sheets") } == before)
    }

    /// A store made before rating sheets keeps its ratings: the v2 migration packs them, the view shows them.
    @Test func storesOfVersionOneAreMigrated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-v1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.sqlite").path
        let rows = [
            "(1, 5, 10, 20, 30, 3, 1, '2026-03-16', NULL, 1, 2)", "(1, 5, 11, 20, 31, NULL, NULL, NULL, 'tidak \"hadir\"', 1, 3)",
            "(1, 6, 10, 21, 30, 7, 2, '2026-03-17', NULL, 1, 4)",
        ]
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreSchema.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(sql: "INSERT INTO ratings(batch_id, person_id, instrument_id, competency_id, assessor_id, value_num, value_den, rated_on, note, import_id, line) VALUES " + rows.joined(separator: ", "))
            }
        }
        let store = try MeritStore(path: path)
        let view = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT batch_id, person_id, instrument_id, competency_id, assessor_id, value_num, value_den, rated_on, note, import_id, line FROM ratings ORDER BY line")
                .map { $0.description }
        }
        #expect(view == [
            "[batch_id:1 person_id:5 instrument_id:10 competency_id:20 assessor_id:30 value_num:3 value_den:1 rated_on:\"2026-03-16\" note:NULL import_id:1 line:2]",
            "[batch_id:1 person_id:5 instrument_id:11 competency_id:20 assessor_id:31 value_num:NULL value_den:NULL rated_on:NULL note:\"tidak \\\"hadir\\\"\" import_id:1 line:3]",
            "[batch_id:1 person_id:6 instrument_id:10 competency_id:21 assessor_id:30 value_num:7 value_den:2 rated_on:\"2026-03-17\" note:NULL import_id:1 line:4]",
        ])
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rating_sheets")! } == 2)
    }
}
