import Foundation
import Testing

/// `merit raters`: the agreement table of a stored batch, and its refusals.
@Suite struct RatersCommandTests {
    @Test func theExampleBatchHasAgreementFigures() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["raters", "--batch", "asesmen-2026", "--store", store, "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "scope,code,name,design,targets,assessors,pairs,icc_2_1,icc_1_1,icc_3_1,icc_2_k,alpha_interval,alpha_ordinal,exact,within_one,icc_ci95_low,icc_ci95_high,note")
        // The examples' assessors rotate: ICC(2,1) is undecided (empty), ICC(1,1) and alpha are figures.
        let overall = try #require(lines.dropFirst().first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(overall.prefix(4)) == ["all", "", "", "rotating"])
        #expect(overall[7] == "")
        let icc11 = try #require(Double(overall[8]))
        #expect(icc11 > 0.5 && icc11 < 1)
        #expect(Double(overall[11]) != nil && Double(overall[13]) != nil)
        // The 95 % interval of the headline (here ICC(1,1)) holds it.
        let low = try #require(Double(overall[15]))
        let high = try #require(Double(overall[16]))
        #expect(low < icc11 && icc11 < high && high < 1)
        // One row per competency and per instrument rated in the batch.
        #expect(lines.contains { $0.hasPrefix("competency,M.01,Integritas,rotating,") })
        #expect(lines.contains { $0.hasPrefix("instrument,lgd,") })
        #expect(lines.filter { $0.hasPrefix("competency,") }.count == 14)
    }

    @Test func anUnknownBatchIsNamedWithTheStoredOnes() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["raters", "--batch", "asesmen-2025", "--store", store])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "merit raters: error: \(store) has no batch 'asesmen-2025'; its batches: asesmen-2026\n")
    }

    @Test func anEmptyStoreSaysToImport() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import", "--store", store, try Self.header(folder)]).status == 0)
        let result = try MeritProcess.run(["raters", "--batch", "asesmen-2026", "--store", store])
        #expect(result.status == 64)
        #expect(result.stderr == "merit raters: error: \(store) holds no batch: import ratings first (merit import ratings.csv)\n")
    }

    /// A sheet damaged outside merit: named with the person and batch, exit 74, nothing printed.
    @Test func aDamagedSheetIsNamed() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let nip = try MeritProcess.sqlite(store, "SELECT nip FROM people WHERE id = 5;").trimmingCharacters(in: .newlines)
        _ = try MeritProcess.sqlite(store, "UPDATE rating_sheets SET ratings = substr(ratings, 1, 50) WHERE person_id = 5;")
        let result = try MeritProcess.run(["raters", "--batch", "asesmen-2026", "--store", store])
        #expect(result.status == 74 && result.stdout == "")
        #expect(result.stderr == "\(store): error: the rating sheet of \(nip) in batch 'asesmen-2026' is damaged (at byte 50 of its JSON); restore the store from a backup\n")
    }

    /// A sample with one assessor planted a point lenient and one half a point severe: the lenient one
    /// has by far the highest leniency, the severe one is below 0, and the unbiased stay near 0 (their
    /// partners of the planted ones excepted: a lenient co-assessor makes a partner look severe).
    @Test func aPlantedLenientAssessorIsFound() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let sample = try MeritProcess.run([
            "sample", "--people", "400", "--seed", "3", "--out", folder.path("c"), "--rater-bias", "asesor-05=+1", "--rater-bias", "asesor-09=-0.5",
        ])
        #expect(sample.status == 0)
        let files = ["profiles", "ratings", "tests", "levels"].map { folder.path("c/\($0).csv") }
        #expect(try MeritProcess.run(["import"] + files + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["raters", "--batch", "asesmen-2026", "--assessors", "--store", store, "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "assessor,ratings,shared,leniency,sd,spread,halo,halo_correlations,note")
        var leniency: [String: Double] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            leniency[cells[0]] = Double(cells[3])
        }
        #expect(leniency.count == 52)
        let lenient = try #require(leniency["asesor-05"])
        #expect(lenient > 0.8 && leniency.values.allSatisfy { $0 <= lenient })
        #expect(try #require(leniency["asesor-09"]) < -0.3)
        let partners: Set<String> = ["asesor-04", "asesor-05", "asesor-06", "asesor-08", "asesor-09", "asesor-10"]
        #expect(leniency.filter { !partners.contains($0.key) }.values.allSatisfy { abs($0) < 0.15 })
    }

    @Test(arguments: [
        ("asesor-05", "--rater-bias 'asesor-05': give an assessor and a non-zero number of half points, e.g. asesor-03=+0.5"),
        ("asesor-05=+0.3", "--rater-bias 'asesor-05=+0.3': give an assessor and a non-zero number of half points, e.g. asesor-03=+0.5"),
        ("asesor-05=0", "--rater-bias 'asesor-05=0': give an assessor and a non-zero number of half points, e.g. asesor-03=+0.5"),
        ("asesor-99=+1", "--rater-bias 'asesor-99=+1': a sample of 40 people has no assessor 'asesor-99' (its assessors: asesor-01 … asesor-07)"),
    ])
    func aBiasThatCannotBePlantedIsRefused(bias: String, message: String) throws {
        let folder = try TemporaryFolder()
        let result = try MeritProcess.run(["sample", "--out", folder.path("c"), "--rater-bias", bias])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("c")))
    }

    /// Two batches, the second with the planted assessor lenient: drift shows each batch's leniency, oldest first.
    @Test func driftShowsLeniencyBatchByBatch() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        for (seed, bias, batch, date) in [("5", "asesor-03=+0.5", "asesmen-2026", "2026-03-16"), ("3", "asesor-03=+1.5", "ulang", "2026-09-01")] {
            #expect(try MeritProcess.run(["sample", "--people", "200", "--seed", seed, "--out", folder.path(batch), "--rater-bias", bias]).status == 0)
            let ratings = try String(contentsOfFile: folder.path("\(batch)/ratings.csv"), encoding: .utf8)
                .replacingOccurrences(of: ",asesmen-2026,2026-03-16", with: ",\(batch),\(date)")
            try ratings.write(toFile: folder.path("\(batch)/ratings.csv"), atomically: true, encoding: .utf8)
            #expect(try MeritProcess.run(["import", folder.path("\(batch)/ratings.csv"), "--store", store]).status == 0)
        }
        let result = try MeritProcess.run(["raters", "--drift", "--store", store, "--format", "csv"])
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n").filter { $0.hasPrefix("asesor-03,") }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[1] } == ["asesmen-2026", "ulang"])
        let first = try #require(Double(rows[0][4]))
        let second = try #require(Double(rows[1][4]))
        #expect(first > 0.3 && second > first + 0.5)
        let both = try MeritProcess.run(["raters", "--drift", "--batch", "ulang", "--store", store])
        #expect(both.status == 64 && both.stderr.hasPrefix("Error: --drift compares every batch: leave out --batch\n"))
        let none = try MeritProcess.run(["raters", "--store", store])
        #expect(none.status == 64 && none.stderr.hasPrefix("Error: name the batch: --batch NAME (or --drift for every batch)\n"))
    }

    @Test func aBiasGivenTwiceIsRefused() throws {
        let folder = try TemporaryFolder()
        let result = try MeritProcess.run(["sample", "--out", folder.path("c"), "--rater-bias", "asesor-05=+1", "--rater-bias", "asesor-05=-1"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --rater-bias: 'asesor-05' is given twice\n"))
    }

    /// A ratings file with its header only: the store is created and holds no batch.
    static func header(_ folder: TemporaryFolder) throws -> String {
        let path = folder.path("ratings.csv")
        try "nip,instrument,competency,assessor,rating\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
