import Foundation
import MeritCore
import MeritIO

/// Importing into PostgreSQL (`merit bench postgres`, issue 14): a synthetic cohort imported by
/// `merit import` into a new agency of a PostgreSQL store, against the same files into a new SQLite file,
/// alternately for each run; then two half-size cohorts into two new agencies at once. Each import is a
/// child process, timed as a user sees it; the PostgreSQL imports also report their phases
/// (`MERIT_POSTGRES_TIMINGS`): loading the agency, the working copy, and per table the COPY into the
/// temporary table and the landing by `merit_land`.
///
/// It adds agencies to the store it is given (`bench-…`), so run it on a throwaway cluster
/// (`scripts/postgres-cluster start DIR`), not on an agency's store.
public struct PostgresBenchmark {
    /// One phase of a PostgreSQL import, as the import recorded it.
    public struct Phase: Sendable, Codable {
        public var name: String
        public var rows: Int
        public var seconds: Double
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    }

    public struct Import: Sendable, Codable {
        public var run: ChildRun
        public var phases: [Phase]
        public func phase(_ name: String) -> Phase? { phases.first { $0.name == name } }
    }

    public struct Result: Sendable, Codable {
        public var people: Int
        public var ratings: Int
        public var sqlite: [ChildRun]
        public var postgres: [Import]
        /// The two half-size imports into two agencies, started together.
        public var together: [Import]
        public var togetherPeople: Int
        public var togetherRatings: Int

        static func median(_ values: [Double]) -> Double { Timing(name: "", seconds: values).median }
        public var sqliteSeconds: Double { Self.median(sqlite.map(\.seconds)) }
        public var postgresSeconds: Double { Self.median(postgres.map(\.run.seconds)) }
        /// The median over runs of a phase's seconds (0 when no run has it).
        public func postgresPhase(_ name: String) -> Phase {
            let phases = postgres.compactMap { $0.phase(name) }
            return Phase(name: name, rows: phases.first?.rows ?? 0, seconds: phases.isEmpty ? 0 : Self.median(phases.map(\.seconds)))
        }
        public var togetherSeconds: Double { together.map(\.run.seconds).max() ?? 0 }
    }

    public let library: Library
    public let instruments: String
    public let merit: String
    /// The schema's owner (migrates, adds the agencies) and the application's role (imports).
    public let owner: String
    public let store: String
    public var people: Int
    public var runs: Int

    public init(library: Library, instruments: String, merit: String, owner: String, store: String, people: Int, runs: Int) {
        self.library = library
        self.instruments = instruments
        self.merit = merit
        self.owner = owner
        self.store = store
        self.people = people
        self.runs = runs
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-bench-postgres-\(UUID().uuidString)").path
        defer { if ProcessInfo.processInfo.environment["MERIT_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
        progress("writing the cohorts")
        let (files, counts) = try CohortFiles.generate(CohortGenerator(library: library, seed: 11), people: people, to: folder + "/whole")
        let (halfFiles, halfCounts) = try CohortFiles.generate(
            CohortGenerator(library: library, seed: 12), people: max(1, people / 2), to: folder + "/half")
        progress("migrating the store")
        let stamp = "bench-\(Int(Date().timeIntervalSince1970))-\(getpid())"
        var setup = [[merit, "store", "migrate", "--store", owner] + (Self.user(of: store).map { ["--app-role", $0] } ?? [])]
        let agencies = (1...runs).map { "\(stamp)-\($0)" } + ["\(stamp)-a", "\(stamp)-b"]
        setup += agencies.map { [merit, "store", "agency", "add", $0, "Benchmark \($0)", "--store", owner] }
        for arguments in setup { _ = try ChildProcesses.run([ChildProcesses.Command(arguments: arguments)], errorsIn: folder) }

        var sqlite: [ChildRun] = []
        var postgres: [Import] = []
        for index in 0..<runs {
            progress("run \(index + 1) of \(runs): SQLite")
            let file = "\(folder)/run-\(index).sqlite"
            sqlite.append(try ChildProcesses.run([ChildProcesses.Command(arguments: importing(files, into: file, agency: nil))], errorsIn: folder)[0])
            try? FileManager.default.removeItem(atPath: file)
            progress("run \(index + 1) of \(runs): PostgreSQL")
            postgres += try imports([(files, agencies[index])], folder: folder)
        }
        progress("two imports into two agencies at once")
        let together = try imports([(halfFiles, agencies[runs]), (halfFiles, agencies[runs + 1])], folder: folder)
        return Result(
            people: counts.profiles, ratings: counts.ratings, sqlite: sqlite, postgres: postgres, together: together,
            togetherPeople: 2 * halfCounts.profiles, togetherRatings: 2 * halfCounts.ratings)
    }

    private func importing(_ files: [String], into store: String, agency: String?) -> [String] {
        [merit, "import"] + files + ["--store", store, "--instruments", instruments, "--batch", "bench"] + (agency.map { ["--agency", $0] } ?? [])
    }

    /// Imports started together, each into its agency of the PostgreSQL store, with their phases.
    private func imports(_ work: [(files: [String], agency: String)], folder: String) throws -> [Import] {
        let timings = work.map { "\(folder)/\($0.agency).timings" }
        let commands = zip(work, timings).map { item, file in
            ChildProcesses.Command(arguments: importing(item.files, into: store, agency: item.agency), environment: ["MERIT_POSTGRES_TIMINGS": file])
        }
        let runs = try ChildProcesses.run(commands, errorsIn: folder)
        return try zip(runs, timings).map { run, file in Import(run: run, phases: try Self.phases(in: file)) }
    }

    /// The lines `phase<TAB>rows<TAB>seconds` an import wrote.
    static func phases(in file: String) throws -> [Phase] {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t")
            guard fields.count == 3, let rows = Int(fields[1]), let seconds = Double(fields[2]) else { return nil }
            return Phase(name: String(fields[0]), rows: rows, seconds: seconds)
        }
    }

    /// The user of a postgres:// URL (the role `merit store migrate` grants to).
    static func user(of url: String) -> String? {
        URLComponents(string: url)?.user
    }
}
