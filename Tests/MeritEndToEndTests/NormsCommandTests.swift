import Foundation
import Testing

/// `merit norms`: the examples' test scores against the shipped norm groups (issue 16).
@Suite struct NormsCommandTests {
    static func rows(_ output: String) -> [[String]] {
        output.components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func everyTestScoreIsReadAgainstItsNorm() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["norms", "--batch", "asesmen-2026", "--store", store, "--format", "csv"])
        #expect(result.status == 0)
        let rows = Self.rows(result.stdout)
        #expect(rows.first == ["nip", "test", "raw_score", "norm", "group", "year", "z", "t", "percentile", "stanine", "level", "conversion", "note"])
        let body = rows.dropFirst()
        #expect(body.count == 80)
        for row in body where row[1] == "tes-potensi" {
            // Mean 31.4, SD 8.6 (Instruments/norma/tes-potensi-asn-2024.yaml).
            let raw = try #require(Double(row[2]))
            let z = (raw - 31.4) / 8.6
            #expect(row[3] == "tes-potensi-asn-2024" && row[5] == "2024")
            #expect(abs(try #require(Double(row[6])) - z) < 0.0005)
            #expect(abs(try #require(Double(row[7])) - (50 + 10 * z)) < 0.005)
            #expect(Int(row[9]) == max(1, min(9, Int((2 * z + 5.5).rounded(.down)))))
            #expect(row[11] == "table" && !row[10].isEmpty)
        }
        // The percentile table: raw 55 lies halfway between 50 (30 %) and 60 (55 %).
        let table = body.filter { $0[1] == "tes-pengetahuan-teknis" }
        #expect(table.count == 40)
        if let halfway = table.first(where: { $0[2] == "55" }) {
            #expect(halfway[8] == "42.500" && halfway[9] == "5")
        }
        #expect(table.allSatisfy { $0[3] == "tes-pengetahuan-teknis-asn-2025" && !$0[9].isEmpty })
    }

    @Test func anUnknownNormIsNamedWithTheLibrarysOnes() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["norms", "--batch", "asesmen-2026", "--store", store, "--norm", "tes-potensi-2020"])
        #expect(result.status == 64 && result.stdout == "")
        #expect(result.stderr == "merit norms: error: the library has no norm 'tes-potensi-2020'; its norms: tes-pengetahuan-teknis-asn-2025, tes-potensi-asn-2024\n")
        let batch = try MeritProcess.run(["norms", "--batch", "asesmen-2025", "--store", store])
        #expect(batch.status == 64)
        #expect(batch.stderr == "merit norms: error: \(store) has no batch 'asesmen-2025'; its batches: asesmen-2026\n")
    }
}
