import Foundation
import MeritCore
import MeritIO

/// The whole national civil service (`merit bench national`, issue 15): a simulated cohort of millions of
/// people in hundreds of agencies, each agency generated as CSV files, imported into its own store and
/// scored through the streaming path, then deleted, so that memory is bounded by the largest agency.
/// Generating the files is timed apart: an agency's files come from its assessors, not from Merit.
public struct NationalBenchmark {
    public struct Result: Sendable, Codable {
        public var people: Int
        public var agencies: Int
        public var largestAgency: Int
        public var ratingRows: Int
        public var scored: Int
        public var generateSeconds: Double
        public var importSeconds: Double
        public var scoreSeconds: Double
        /// Import + score: what the ten-minute goal is about.
        public var importAndScoreSeconds: Double
        public var peakMemoryMB: Double
    }

    public let library: Library
    public var people: Int
    public var agencies: Int
    public var seed: UInt64

    /// Six million civil servants in about 550 agencies (ministries, agencies, provinces, regencies and
    /// cities) by default.
    public init(library: Library, people: Int = 6_000_000, agencies: Int = 550, seed: UInt64 = 1) {
        self.library = library
        self.people = people
        self.agencies = agencies
        self.seed = seed
    }

    /// Agency sizes: a few large ministries and many small local governments (weights 1 / (rank + 20)),
    /// summing to `people`, each at least one person.
    public static func agencySizes(people: Int, agencies: Int) -> [Int] {
        let count = max(1, min(agencies, people))
        let weights = (0..<count).map { 1 / Double($0 + 20) }
        let total = weights.reduce(0, +)
        var sizes = weights.map { max(1, Int(Double(people) * $0 / total)) }
        // What rounding left over goes to the largest agencies, one each; an excess comes off them.
        var rest = people - sizes.reduce(0, +)
        var index = 0
        while rest != 0 {
            if rest > 0 {
                sizes[index % count] += 1
                rest -= 1
            } else if sizes[index % count] > 1 {
                sizes[index % count] -= 1
                rest += 1
            }
            index += 1
        }
        return sizes
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let sizes = Self.agencySizes(people: people, agencies: agencies)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-national-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var result = Result(
            people: 0, agencies: sizes.count, largestAgency: sizes.max() ?? 0, ratingRows: 0, scored: 0, generateSeconds: 0,
            importSeconds: 0, scoreSeconds: 0, importAndScoreSeconds: 0, peakMemoryMB: 0)
        let scorer = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
        for (number, size) in sizes.enumerated() {
            progress("agency \(number + 1) of \(sizes.count): \(result.people) of \(people) people so far")
            let agency = folder.appendingPathComponent("agency-\(number + 1)")
            let generator = CohortGenerator(library: library, seed: seed &+ UInt64(number))
            var written: (paths: [String], counts: CohortFiles.Counts)?
            result.generateSeconds += try Timing.clock {
                written = try CohortFiles.generate(generator, people: size, to: agency.appendingPathComponent("files").path)
            }
            let store = try MeritStore(path: agency.appendingPathComponent("merit.sqlite").path)
            var imported: ImportResult?
            result.importSeconds += try Timing.clock {
                imported = try Importer(library: library, store: store).run(written!.paths, options: ImportOptions(batch: generator.batch))
            }
            guard imported?.committed == true else {
                throw BenchmarkError("agency \(number + 1): the import failed: \(imported?.findings.prefix(3) ?? [])")
            }
            var scored = 0
            result.scoreSeconds += try Timing.clock {
                scored = try store.scoreStored(library: library, scorer: scorer, keep: { _ in true }).kept.count
            }
            result.people += size
            result.ratingRows += written!.counts.ratings
            result.scored += scored
            try? FileManager.default.removeItem(at: agency)
        }
        result.importAndScoreSeconds = result.importSeconds + result.scoreSeconds
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        result.peakMemoryMB = Double(usage.ru_maxrss) / 1024
        return result
    }
}
