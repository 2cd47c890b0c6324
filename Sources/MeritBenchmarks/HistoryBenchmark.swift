import Foundation
import MeritCore
import MeritIO
import MeritJob

/// Issue 17's speed goals on a generated cohort: history and movement of `people` over `years` yearly
/// batches (target < 3 s for 100,000 over 3), and the merit-system evidence with `keyPositions` key
/// positions (target < 10 s for 100,000 and 1,000). The files are generated and imported first, untimed.
public struct HistoryBenchmark {
    public struct Result: Sendable, Codable {
        public var people: Int
        public var years: Int
        public var keyPositions: Int
        public var assessments: Int
        /// Every batch scored on its own evidence.
        public var history: Timing
        /// The from × to matrix, movers and level changes of the first and last batch, and a roll-up by unit.
        public var movement: Timing
        /// Scoring the latest assessments, and the evidence from them.
        public var evidence: Timing
        public var peakMemoryMB: Double
    }

    public let library: Library
    public let people: Int
    public let years: Int
    public let keyPositions: Int
    public let runs: Int

    public init(library: Library, people: Int, years: Int = 3, keyPositions: Int = 1_000, runs: Int = 3) {
        self.library = library
        self.people = people
        self.years = years
        self.keyPositions = keyPositions
        self.runs = runs
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-bench-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        progress("writing \(people) people over \(years) years")
        var generator = CohortGenerator(library: library, seed: 17)
        generator.years = years
        let (paths, _) = try CohortFiles.generate(generator, people: people, to: folder.path)
        progress("importing")
        let store = try MeritStore(path: folder.appendingPathComponent("bench.sqlite").path)
        let importer = Importer(library: library, store: store)
        // Each year's profiles, then the last year's with every batch's ratings, tests and levels.
        for files in paths.prefix(years - 1).map({ [$0] }) + [Array(paths.suffix(4))] {
            let result = try importer.run(files, options: ImportOptions(batch: generator.batch))
            guard result.committed else { throw BenchmarkError("the import failed: \(result.findings.prefix(3))") }
        }
        let reference = CalendarDate(year: 2026, month: 11, day: 22)!
        progress("history")
        var history: CohortHistory?
        let historyTiming = try Timing.measure("history", runs: runs) {
            history = try CohortHistory(library: library, store: store, referenceDate: reference)
        }
        let scored = history!
        let assessments = scored.people.values.reduce(0) { $0 + $1.count }
        progress("movement")
        var moved = 0
        let movementTiming = Timing.measure("movement", runs: runs) {
            let movement = BoxMovement(from: scored.batches.first!, to: scored.batches.last!, history: scored, settings: library.scoring.nineBox)
            let rollup = BoxRollup(scored.batch(scored.batches.last!).values, by: .unit, minimumGroupSize: library.scoring.minimumGroupSize)
            moved = movement.both + rollup.groups.count
        }
        precondition(moved > 0)
        progress("evidence")
        let keyed = Self.withKeyPositions(keyPositions, library: library)
        var pools = 0
        let evidenceTiming = try Timing.measure("evidence", runs: runs) {
            let cohort = try ScoredCohort(library: keyed, store: store, referenceDate: reference)
            let evidence = cohort.evidence(minimumGroupSize: keyed.scoring.minimumGroupSize)
            pools = evidence.keyPositions.reduce(0) { $0 + $1.pool.count }
        }
        precondition(pools > 0)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Result(
            people: people, years: years, keyPositions: keyed.keyPositions.count, assessments: assessments, history: historyTiming,
            movement: movementTiming, evidence: evidenceTiming, peakMemoryMB: Double(usage.ru_maxrss) / 1024)
    }

    /// The library with `count` more positions, all key: the shipped ones varied (`ScoringBenchmark.positions`).
    static func withKeyPositions(_ count: Int, library: Library) -> Library {
        var generator = SeededGenerator(seed: 29)
        var positions = library.positions
        for var position in ScoringBenchmark.positions(count: count, from: library, generator: &generator) {
            position.isKey = true
            positions[position.id] = position
        }
        return Library(
            dictionaries: library.dictionaries, instruments: library.instruments, batteries: library.batteries, jobLevels: library.jobLevels,
            positions: positions, scoring: library.scoring, activities: library.activities, reportLabels: library.reportLabels,
            agency: library.agency, norms: library.norms)
    }
}
