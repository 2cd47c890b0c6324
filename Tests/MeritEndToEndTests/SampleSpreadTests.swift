import Foundation
import Testing

/// `merit sample` makes a cohort that looks like an agency's mapping results (README "The example
/// cohort"): levels spread around the standards, so every category and most 9-box places occur.
@Suite struct SampleSpreadTests {
    @Test func aThousandPeopleFillEveryCategoryAndSevenBoxes() throws {
        let folder = try TemporaryFolder()
        let cohort = folder.path("cohort")
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["sample", "--people", "1000", "--seed", "21", "--out", cohort]).status == 0)
        let files = ["profiles", "ratings", "tests", "levels"].map { cohort + "/\($0).csv" }
        #expect(try MeritProcess.run(["import"] + files + ["--store", store]).status == 0)
        let scored = try MeritProcess.run(["score", "--store", store, "--reference-date", "2026-11-22", "--format", "json"])
        #expect(scored.status == 0)
        let people = try #require(try JSONSerialization.jsonObject(with: Data(scored.stdout.utf8)) as? [[String: Any]])
        #expect(people.count == 1000)
        let selection = Dictionary(grouping: people) { $0["selection"] as? String ?? "" }.mapValues(\.count)
        let mapping = Dictionary(grouping: people) { $0["mapping"] as? String ?? "" }.mapValues(\.count)
        let boxes = Set(people.compactMap { $0["box"] as? Int })
        #expect(Set(selection.keys) == ["MS", "MMS", "KMS"], "\(selection)")
        #expect(Set(mapping.keys) == ["optimal", "cukup-optimal", "kurang-optimal"], "\(mapping)")
        #expect(boxes.count >= 7, "\(boxes.sorted())")
        // Not an agency where nearly everyone is optimal: a real share falls short.
        #expect((mapping["optimal"] ?? 0) < 700, "\(mapping)")
        #expect((selection["KMS"] ?? 0) >= 50, "\(selection)")
        let jpms = people.compactMap { ($0["jpm"] as? String).flatMap(Double.init) }.sorted()
        #expect(jpms[jpms.count / 2] < 100, "median JPM \(jpms[jpms.count / 2])")
    }
}
