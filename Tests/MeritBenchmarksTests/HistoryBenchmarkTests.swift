import Foundation
import MeritBenchmarks
import MeritCore
import MeritIO
import Testing

/// `merit bench history` at a small size: everyone is assessed every year and the evidence has its key
/// positions (figures, not timings: timings belong to the bench itself).
@Suite struct HistoryBenchmarkTests {
    @Test func everyYearIsScoredAndEveryKeyPositionListed() throws {
        let instruments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Instruments").path
        let library = try #require(LibraryLoader().load(folder: instruments).library)
        let result = try HistoryBenchmark(library: library, people: 120, years: 3, keyPositions: 20, runs: 1).run()
        #expect(result.people == 120 && result.years == 3 && result.assessments == 360)
        // The library's 4 key positions and the 20 added.
        #expect(result.keyPositions == 24)
        #expect(result.history.seconds.count == 1 && result.evidence.seconds.count == 1)
    }
}
