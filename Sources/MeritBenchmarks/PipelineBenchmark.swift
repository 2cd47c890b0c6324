import Foundation
import MeritCore
import MeritIO

/// The whole path from files to stored scores, phase by phase (`merit bench`): a synthetic cohort is
/// written to a temporary folder, then timed: CSV parse, import into a fresh store, loading the cohort,
/// the streamed score (read + integrate + score + store results), and the full shortlist.
public struct PipelineBenchmark {
    public struct Phase: Sendable, Codable {
        public var name: String
        public var seconds: Double
        /// What was processed, and its unit ("MB", "rating rows", "people", "pairs").
        public var amount: Double
        public var unit: String
        public var rate: Double { seconds > 0 ? amount / seconds : 0 }
    }

    public struct Result: Sendable, Codable {
        public var people: Int
        public var ratingRows: Int
        public var ratingsMB: Double
        public var phases: [Phase]
        public var filesToScoresSeconds: Double
        public var peakMemoryMB: Double
    }

    public let library: Library
    public var people: Int
    public var positions: Int
    public var seed: UInt64

    public init(library: Library, people: Int, positions: Int, seed: UInt64 = 1) {
        self.library = library
        self.people = people
        self.positions = positions
        self.seed = seed
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        progress("writing a cohort of \(people) people")
        let cohortGenerator = CohortGenerator(library: library, seed: seed)
        let (paths, counts) = try CohortFiles.generate(cohortGenerator, people: people, to: folder.path)
        let ratingRows = counts.ratings
        let ratingsPath = paths[1]
        let ratingsBytes = Double((try FileManager.default.attributesOfItem(atPath: ratingsPath)[.size] as? Int) ?? 0)
        var phases: [Phase] = []

        progress("parsing CSV")
        var touched = 0
        let parse = try Timing.clock {
            let reader = try CSVReader(path: ratingsPath)
            try reader.forEachRow { row in
                for field in 0..<row.count { touched &+= row.bytes(field).count }
            }
        }
        precondition(touched > 0)
        phases.append(Phase(name: "CSV parse (ratings.csv)", seconds: parse, amount: ratingsBytes / 1_048_576, unit: "MB"))

        progress("importing")
        let store = try MeritStore(path: folder.appendingPathComponent("bench.sqlite").path)
        var others: ImportResult?
        var ratings: ImportResult?
        let importer = Importer(library: library, store: store)
        let options = ImportOptions(batch: cohortGenerator.batch)
        let importingOthers = try Timing.clock {
            others = try importer.run([paths[0], paths[2], paths[3]], options: options)
        }
        let importingRatings = try Timing.clock {
            ratings = try importer.run([paths[1]], options: options)
        }
        for result in [others, ratings] where result?.committed != true {
            throw BenchmarkError("the import failed: \(result?.findings.prefix(3) ?? [])")
        }
        let importing = importingOthers + importingRatings
        phases.append(
            Phase(name: "import profiles, tests, levels", seconds: importingOthers, amount: Double(counts.profiles + counts.tests + counts.levels), unit: "rows"))
        phases.append(Phase(name: "import ratings", seconds: importingRatings, amount: Double(ratingRows), unit: "rating rows"))

        progress("scoring")
        // What `plan`, `gaps` and `shortlist` do: the whole cohort loaded.
        var loaded: StoredCohort?
        let loading = try Timing.clock { loaded = try store.loadCohort(library: library) }
        precondition(loaded!.evidence.count == counts.profiles)
        loaded = nil
        // What `merit score` does: read, integrate, score and store in chunks, keeping what the shortlist needs.
        let scorer = Scorer(library: library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
        var scored: [(levels: ParticipantLevels, profile: PersonProfile?)] = []
        let scoring = try Timing.clock {
            scored = try store.scoreStored(library: library, scorer: CohortScorer(library: library, referenceDate: scorer.referenceDate), keep: {
                ($0.levels, $0.profile)
            }).kept
        }
        phases.append(Phase(name: "load the cohort (plan, gaps, shortlist)", seconds: loading, amount: Double(ratingRows), unit: "rating rows"))
        phases.append(Phase(name: "score: read + integrate + score + store, streamed", seconds: scoring, amount: Double(scored.count), unit: "people"))

        progress("shortlisting")
        var generator = SeededGenerator(seed: seed)
        let standards = Self.positions(count: positions, from: library, generator: &generator)
        var listed = 0
        let shortlist = Timing.clock {
            let pool = CandidatePool(scorer: scorer, candidates: scored)
            listed = pool.shortlists(standards, top: 10, threads: 2).reduce(0) { $0 + $1.count }
        }
        precondition(listed > 0)
        phases.append(Phase(name: "shortlist (\(standards.count) positions, top 10, 2 threads)", seconds: shortlist, amount: Double(scored.count * standards.count), unit: "pairs"))

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Result(
            people: people, ratingRows: ratingRows, ratingsMB: ratingsBytes / 1_048_576, phases: phases,
            filesToScoresSeconds: importing + scoring, peakMemoryMB: Double(usage.ru_maxrss) / 1024)
    }

    static func positions(count: Int, from library: Library, generator: inout SeededGenerator) -> [PositionStandard] {
        ScoringBenchmark.positions(count: count, from: library, generator: &generator)
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
