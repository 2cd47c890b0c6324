import Foundation
import Testing

/// `merit integration`: the meeting pack of a batch, and the agreed levels it brings back through
/// `merit import` (issue 16).
@Suite struct IntegrationCommandTests {
    static let header = "nip,name,competency,ratings,spread,score,computed_level,required,flags,discuss,level,note,batch,date"

    /// A store with the examples (three levels already agreed) and the batch's pack written as CSV and xlsx.
    struct Pack {
        let folder: TemporaryFolder
        let store: String
        var csv: String { folder.path("out/integration/integrasi-asesmen-2026.csv") }
        var xlsx: String { folder.path("out/integration/integrasi-asesmen-2026.xlsx") }
        var html: String { folder.path("out/integration/integrasi-asesmen-2026.html") }

        init() throws {
            folder = try TemporaryFolder()
            store = folder.path("merit.sqlite")
            #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
            try write()
        }

        func write() throws {
            let result = try MeritProcess.run([
                "integration", "--batch", "asesmen-2026", "--store", store, "--out", folder.path("out"), "--format", "html", "csv", "xlsx",
                "--reference-date", "2026-06-01",
            ])
            #expect(result.status == 0)
            #expect(result.stdout == [html, csv, xlsx].joined(separator: "\n") + "\n")
        }

        func rows() throws -> [[String]] {
            CSVText.rows(try String(contentsOfFile: csv, encoding: .utf8))
        }

        func agreedCount() throws -> String {
            try MeritProcess.sqlite(store, "SELECT count(*) FROM agreed_levels;").trimmingCharacters(in: .newlines)
        }
    }

    @Test func thePackListsEveryCompetencyInMeetingOrderWithWhatToDiscussFirst() throws {
        let pack = try Pack()
        let rows = try pack.rows()
        #expect(rows.first?.joined(separator: ",") == Self.header)
        let body = rows.dropFirst()
        // 40 participants × 14 competencies of their batteries, each participant's rows together.
        #expect(body.count == 560)
        var order: [String] = []
        for row in body where order.last != row[0] { order.append(row[0]) }
        #expect(order.count == 40 && Set(order).count == 40)
        // The discussion ranks are 1…n, once each; agreed rows carry their level and note and no rank.
        let ranks = body.compactMap { Int($0[9]) }.sorted()
        #expect(!ranks.isEmpty && ranks == Array(1...ranks.count))
        let agreed = body.filter { !$0[10].isEmpty }
        #expect(agreed.count == 3)
        #expect(agreed.allSatisfy { $0[9].isEmpty && $0[11] == "disepakati dalam rapat integrasi" && $0[8].contains("disepakati") })
        // Rank 1 is a disagreement with the most reasons, and of those the largest spread.
        let first = try #require(body.first { $0[9] == "1" })
        let disagreements = body.filter { $0[8].hasPrefix("penilaian asesor berbeda jauh") && $0[10].isEmpty }
        let reasons = { (row: [String]) in row[8].components(separatedBy: "; ").count }
        #expect(first[8].hasPrefix("penilaian asesor berbeda jauh"))
        #expect(reasons(first) == disagreements.map(reasons).max())
        #expect(Double(first[4]) == disagreements.filter { reasons($0) == reasons(first) }.compactMap { Double($0[4]) }.max())
        // A half-up edge is a score of x.5 exactly.
        for row in body where row[8].contains("batas pembulatan") {
            let score = try #require(Double(row[5]))
            #expect(score * 2 == (score * 2).rounded() && score != score.rounded())
        }
        #expect(body.contains { $0[8].contains("batas pembulatan") })
        let page = try String(contentsOfFile: pack.html, encoding: .utf8)
        #expect(page.contains("<h1>Paket Rapat Integrasi — asesmen-2026</h1>"))
        #expect(page.contains("<h2>Dibahas lebih dulu</h2>"))
        #expect(page.components(separatedBy: "<section>").count == 41)
        for path in [pack.csv, pack.xlsx, pack.html] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    /// The meeting writes two levels with their reasons; the pack imports back as those agreed levels,
    /// the rest keep their computed levels, and the next pack shows them agreed.
    @Test func agreedLevelsImportBackAndShowInTheNextPack() throws {
        let pack = try Pack()
        var rows = try pack.rows()
        let chosen = [1, 2].map { index in rows.indices.dropFirst().filter { rows[$0][10].isEmpty }[index * 7] }
        rows[chosen[0]][10] = "4"
        rows[chosen[0]][11] = "bukti wawancara cukup"
        rows[chosen[1]][10] = "1,5"
        rows[chosen[1]][11] = "disepakati; lihat catatan"
        let edited = pack.folder.path("edited.csv")
        try CSVText.write(rows, to: edited)
        let result = try MeritProcess.run(["import", edited, "--store", pack.store])
        #expect(result.status == 0)
        #expect(result.stdout.contains("edited.csv: 560 levels rows, 2 stored, 3 already stored"))
        let firstKept = try #require(rows.indices.dropFirst().first { rows[$0][10].isEmpty })
        #expect(result.stderr == "\(edited):\(firstKept + 1):1: note: 555 rows of the meeting pack have no agreed level (this one first): their computed levels stand\n")
        #expect(try pack.agreedCount() == "5")
        try pack.write()
        let again = try pack.rows()
        for index in chosen {
            let row = try #require(again.first { $0[0] == rows[index][0] && $0[2] == rows[index][2] })
            #expect(row[10] == (index == chosen[0] ? "4" : "1.5"))
            #expect(row[11] == rows[index][11])
            #expect(row[9].isEmpty && row[8].contains("disepakati dalam rapat integrasi"))
        }
        // The pack as written reads back unchanged: nothing new, and the workbook alike.
        for file in [pack.csv, pack.xlsx] {
            let reread = try MeritProcess.run(["import", file, "--store", pack.store])
            #expect(reread.status == 0)
            #expect(reread.stdout.contains("560 levels rows, 0 stored, 5 already stored"))
        }
        #expect(try pack.agreedCount() == "5")
    }

    /// A reason without a level, or a level without a reason, is refused where it stands; nothing is stored.
    @Test func aHalfFilledRowIsRefusedAndNothingIsStored() throws {
        let pack = try Pack()
        var rows = try pack.rows()
        let empty = rows.indices.dropFirst().filter { rows[$0][10].isEmpty }
        rows[empty[0]][10] = "3"
        rows[empty[0]][11] = "disepakati"
        rows[empty[4]][11] = "tanpa level"
        rows[empty[9]][10] = "2"
        let edited = pack.folder.path("half.csv")
        try CSVText.write(rows, to: edited)
        let result = try MeritProcess.run(["import", edited, "--store", pack.store])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        // Columns count characters: the note field starts after the eleven fields before it and their commas.
        let noteColumn = { (row: Int) in CSVText.line(Array(rows[row][..<11])).unicodeScalars.count + 2 }
        #expect(lines.contains("\(edited):\(empty[4] + 1):\(noteColumn(empty[4])): error: column 'note' (L): a reason and no agreed level: write the level the meeting agreed in column 'level', or clear the reason"))
        #expect(lines.contains("\(edited):\(empty[9] + 1):\(noteColumn(empty[9])): error: column 'note' (L): an agreed level without the meeting's reason: write why in column 'note'"))
        #expect(result.stdout.contains("Nothing imported: 2 errors; the store is unchanged."))
        #expect(try pack.agreedCount() == "3")
    }

    @Test func anUnknownBatchIsNamedWithTheStoredOnes() throws {
        let pack = try Pack()
        let result = try MeritProcess.run(["integration", "--batch", "asesmen-2025", "--store", pack.store, "--out", pack.folder.path("x")])
        #expect(result.status == 64 && result.stdout == "")
        #expect(result.stderr == "merit integration: error: \(pack.store) has no batch 'asesmen-2025'; its batches: asesmen-2026\n")
        let format = try MeritProcess.run(["integration", "--batch", "asesmen-2026", "--store", pack.store, "--format", "markdown"])
        #expect(format.status == 64)
        #expect(format.stderr.contains("unknown format 'markdown'; use html, csv or xlsx"))
    }
}

/// RFC 4180 text as the tests read and write it (quotes doubled, fields with `,` `"` or line breaks quoted).
enum CSVText {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n": row.append(field); rows.append(row); row = []; field = ""
            case "\u{FEFF}" where rows.isEmpty && row.isEmpty && field.isEmpty: continue
            default: field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    static func line(_ row: [String]) -> String { row.map(field).joined(separator: ",") }

    static func write(_ rows: [[String]], to path: String) throws {
        try Data(rows.map { line($0) + "\r\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
    }
}
