import Foundation
import MeritBenchmarks
import MeritCore
import MeritIO
import Testing

/// `merit bench scoring` at a small size (figures, not timings): it ran into its own check once results
/// lacking a required level stopped being ranked, since its positions asked for technical competencies
/// its evidence does not rate.
@Suite struct ScoringBenchmarkTests {
    @Test func everyPositionShortlistsItsTopTen() throws {
        let instruments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Instruments").path
        let library = try #require(LibraryLoader().load(folder: instruments).library)
        let result = ScoringBenchmark(library: library, people: 300, positions: 25, runs: 1).run()
        #expect(result.people == 300 && result.positions == 25)
        #expect(result.ratings > 300 * 40)
        #expect(result.scoring.seconds.count == 1 && result.shortlist.seconds.count == 1)
    }
}
