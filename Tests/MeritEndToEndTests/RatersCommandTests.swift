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
        #expect(lines.first == "scope,code,name,design,targets,assessors,pairs,icc_2_1,icc_1_1,icc_3_1,icc_2_k,alpha_interval,alpha_ordinal,exact,within_one,note")
        // The examples' assessors rotate: ICC(2,1) is undecided (empty), ICC(1,1) and alpha are figures.
        let overall = try #require(lines.dropFirst().first).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(overall.prefix(4)) == ["all", "", "", "rotating"])
        #expect(overall[7] == "")
        let icc11 = try #require(Double(overall[8]))
        #expect(icc11 > 0.5 && icc11 < 1)
        #expect(Double(overall[11]) != nil && Double(overall[13]) != nil)
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

    /// A ratings file with its header only: the store is created and holds no batch.
    static func header(_ folder: TemporaryFolder) throws -> String {
        let path = folder.path("ratings.csv")
        try "nip,instrument,competency,assessor,rating\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
