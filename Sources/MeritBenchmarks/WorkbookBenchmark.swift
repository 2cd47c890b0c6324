import Foundation
import MeritCore
import MeritIO

/// Importing a ratings workbook against the same rows as CSV (`merit bench xlsx`): a synthetic cohort's
/// ratings are written as CSV and saved as .xlsx by LibreOffice Calc (`soffice`, as an assessor's
/// spreadsheet would be), then `merit import` runs on each, alternately, each into a copy of one store
/// holding the profiles, as separate processes: their wall times and peak memory are what a user sees.
/// A quarter-size workbook shows whether memory grows with the file.
public struct WorkbookBenchmark {
    public typealias Run = ChildRun

    public struct Result: Sendable, Codable {
        public var rows: Int
        public var csvMB: Double
        public var workbookMB: Double
        public var csv: [Run]
        public var workbook: [Run]
        public var quarterWorkbook: Run
        public var quarterRows: Int

        static func median(_ values: [Double]) -> Double {
            Timing(name: "", seconds: values).median
        }

        public var csvSeconds: Double { Self.median(csv.map(\.seconds)) }
        public var workbookSeconds: Double { Self.median(workbook.map(\.seconds)) }
        /// How much longer the workbook takes than the CSV (target: at most 2, half the CSV's rate).
        public var ratio: Double { workbookSeconds / csvSeconds }
        public var workbookPeakMB: Double { Self.median(workbook.map(\.peakMB)) }
        public var csvPeakMB: Double { Self.median(csv.map(\.peakMB)) }
    }

    public let library: Library
    public let instruments: String
    public let merit: String
    public var rows: Int
    public var runs: Int

    /// `merit` is the executable to time (the running one), `instruments` the library folder it uses.
    public init(library: Library, instruments: String, merit: String, rows: Int, runs: Int) {
        self.library = library
        self.instruments = instruments
        self.merit = merit
        self.rows = rows
        self.runs = runs
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        guard let soffice = Self.which("soffice") else {
            throw BenchmarkError("merit bench xlsx needs LibreOffice Calc to save the workbook: sudo apt-get install -y libreoffice-calc-nogui")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-bench-xlsx-\(UUID().uuidString)").path
        defer { if ProcessInfo.processInfo.environment["MERIT_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(atPath: folder) } }
        // About 51 ratings a person (nine competencies, two assessors, their exercises).
        progress("writing a cohort")
        let generator = CohortGenerator(library: library, seed: 11)
        let (paths, counts) = try CohortFiles.generate(generator, people: max(1, rows / 51), to: folder)
        let ratings = paths[1]
        let quarter = folder + "/quarter.csv"
        try Self.head(of: ratings, rows: counts.ratings / 4, to: quarter)
        progress("saving the ratings as .xlsx with LibreOffice Calc")
        try Self.convert(soffice: soffice, [ratings, quarter], in: folder)
        let workbook = folder + "/ratings.xlsx"
        let quarterWorkbook = folder + "/quarter.xlsx"

        let base = folder + "/base.sqlite"
        _ = try runImport([paths[0]], store: base)
        var csvRuns: [Run] = []
        var workbookRuns: [Run] = []
        for index in 0..<runs {
            progress("run \(index + 1) of \(runs)")
            csvRuns.append(try runImport([ratings], store: copy(base, to: folder + "/csv.sqlite")))
            workbookRuns.append(try runImport([workbook], store: copy(base, to: folder + "/xlsx.sqlite")))
        }
        let quarterRun = try runImport([quarterWorkbook], store: copy(base, to: folder + "/quarter.sqlite"))
        func megabytes(_ path: String) -> Double {
            Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
        }
        return Result(
            rows: counts.ratings, csvMB: megabytes(ratings), workbookMB: megabytes(workbook), csv: csvRuns, workbook: workbookRuns,
            quarterWorkbook: quarterRun, quarterRows: counts.ratings / 4)
    }

    /// One `merit import` in a child process: its wall time and peak resident memory.
    private func runImport(_ files: [String], store: String) throws -> Run {
        let arguments = [merit, "import"] + files + ["--store", store, "--instruments", instruments, "--batch", "bench"]
        let folder = (store as NSString).deletingLastPathComponent
        return try ChildProcesses.run([ChildProcesses.Command(arguments: arguments)], errorsIn: folder)[0]
    }

    private func copy(_ store: String, to path: String) throws -> String {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: store, toPath: path)
        return path
    }

    /// The header and first `rows` rows of a CSV.
    private static func head(of path: String, rows: Int, to output: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = 0
        var end = text.startIndex
        for index in text.indices where text[index] == "\n" {
            lines += 1
            if lines == rows + 1 {
                end = text.index(after: index)
                break
            }
        }
        try String(text[..<end]).write(toFile: output, atomically: false, encoding: .utf8)
    }

    /// Saves CSVs as .xlsx beside them with Calc, the NIP column (the first) imported as Text.
    private static func convert(soffice: String, _ files: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        process.arguments = [
            "-env:UserInstallation=file://\(folder)/lo-profile", "--headless", "--infilter=CSV:44,34,76,1,1/2", "--convert-to", "xlsx", "--outdir", folder,
        ] + files
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchmarkError("soffice could not save the workbook (exit \(process.terminationStatus))") }
    }

    private static func which(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
