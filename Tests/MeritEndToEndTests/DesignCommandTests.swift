import Foundation
import Testing

/// `merit design`: the multitrait-multimethod means and coverage of a stored batch, per battery.
@Suite struct DesignCommandTests {
    static func cells(_ line: String) -> [String] { line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }

    @Test func theExampleBatchHasMeansAndCoveragePerBattery() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["design", "--batch", "asesmen-2026", "--store", store, "--format", "csv", "--matrix"])
        #expect(result.status == 0)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "battery,row,kind,competency,instrument,competency_2,instrument_2,value,count,note")
        let rows = lines.dropFirst().map(Self.cells)
        #expect(Set(rows.map { $0[0] }) == ["administrator", "fungsional", "jpt-pratama", "pengawas"])
        #expect(rows.filter { $0[1] == "participants" }.map { Int($0[7]) ?? 0 }.reduce(0, +) == 40)
        let administrator = rows.filter { $0[0] == "administrator" }
        // Every competency of the battery has a coverage row: in practice (value) of on paper (count).
        #expect(administrator.filter { $0[1] == "coverage" }.map { $0[3] }.count == 14)
        #expect(administrator.contains { $0 == ["administrator", "coverage", "", "M.08", "", "", "", "4", "4", ""] })
        // Each mean is the mean of the listed correlations of its kind, over their count.
        for kind in ["convergent", "same-exercise", "discriminant"] {
            let mean = try #require(administrator.first { $0[1] == "mean" && $0[2] == kind })
            let listed = administrator.filter { $0[1] == "correlation" && $0[2] == kind }.compactMap { Double($0[7]) }
            #expect(Int(mean[8]) == listed.count && !listed.isEmpty)
            #expect(abs(try #require(Double(mean[7])) - listed.reduce(0, +) / Double(listed.count)) < 0.002)
        }
        // A competency measured on paper by more methods than gave evidence is flagged under min-methods.
        let thin = try #require(rows.first { $0[0] == "fungsional" && $0[3] == "T.05" })
        #expect(thin == ["fungsional", "coverage", "", "T.05", "", "", "", "1", "3", "fewer than min-methods (2) with evidence in practice"])
        // Too few participants for a correlation: undecided, and said why.
        let small = try #require(rows.first { $0[0] == "pengawas" && $0[1] == "mean" })
        #expect(small[7] == "" && small[9] == "no two units with 10 participants in common and spread on both")
    }

    @Test func anUnknownBatchIsNamedWithTheStoredOnes() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["design", "--batch", "asesmen-2025", "--store", store])
        #expect(result.status == 64 && result.stdout == "")
        #expect(result.stderr == "merit design: error: \(store) has no batch 'asesmen-2025'; its batches: asesmen-2026\n")
    }
}
