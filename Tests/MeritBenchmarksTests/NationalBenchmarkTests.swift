import Foundation
import MeritCore
import MeritIO
import Testing

@testable import MeritBenchmarks

/// `merit bench national`: agencies of realistic sizes that add up, each imported and scored in full.
struct NationalBenchmarkTests {
    @Test func agencySizesAddUpFromLargeToSmall() {
        let sizes = NationalBenchmark.agencySizes(people: 6_000_000, agencies: 550)
        #expect(sizes.count == 550)
        #expect(sizes.reduce(0, +) == 6_000_000)
        #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 })
        // A large ministry of about 90,000 beside regencies of about 3,000.
        #expect((80_000...100_000).contains(sizes[0]))
        #expect((3_000...3_500).contains(sizes[549]))
    }

    @Test(arguments: [(10, 550), (551, 550), (1, 1), (7, 3)])
    func everyAgencyHasSomeone(people: Int, agencies: Int) {
        let sizes = NationalBenchmark.agencySizes(people: people, agencies: agencies)
        #expect(sizes.count == min(people, agencies))
        #expect(sizes.reduce(0, +) == people)
        #expect(sizes.allSatisfy { $0 >= 1 })
    }

    @Test func everyoneIsImportedAndScored() throws {
        let instruments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Instruments").path
        let library = try #require(LibraryLoader().load(folder: instruments).library)
        let result = try NationalBenchmark(library: library, people: 300, agencies: 3).run()
        #expect(result.people == 300 && result.scored == 300 && result.agencies == 3)
        #expect(result.largestAgency > 100 && result.ratingRows > 300 * 20)
        #expect(result.importAndScoreSeconds == result.importSeconds + result.scoreSeconds)
        #expect(result.peakMemoryMB > 1)
    }
}
