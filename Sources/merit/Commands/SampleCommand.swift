import ArgumentParser
import Foundation
import MeritIO

/// `merit sample`: write a synthetic cohort as CSV files.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample", abstract: "Write a synthetic, realistic assessment cohort (profiles, ratings, tests, levels).")

    @Option(help: "How many people.")
    var people = 40

    @Option(help: "The random seed: the same seed writes the same cohort.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var out: String

    @Flag(help: "Write as Excel saves in the Indonesian locale: BOM, ';', decimal comma, CRLF.")
    var excel = false

    @Option(
        name: .customLong("rater-bias"),
        help: ArgumentHelp(
            "An assessor who rates more leniently (+) or severely (-) by a number of half points, e.g. asesor-03=+0.5 (repeatable).",
            valueName: "assessor=±points"))
    var raterBiases: [String] = []

    @Option(help: "Yearly assessments of the same people, oldest first (batches asesmen-2024, -2025, -2026 for 3); their levels and SKP move between years.")
    var years = 1

    @Option(help: ArgumentHelp("Plant a difference: take this many half levels off every woman's abilities (for testing merit fairness).", valueName: "half-levels"))
    var plantSexGap = 0

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        guard (0...8).contains(plantSexGap) else { throw ValidationError("--plant-sex-gap must be 0 to 8 half levels") }
        guard people > 0 else { throw ValidationError("--people must be at least 1") }
        guard (1...20).contains(years) else { throw ValidationError("--years must be 1 to 20") }
        _ = try biases()
    }

    /// `--rater-bias` values as half points by assessor.
    func biases() throws -> [String: Int] {
        let assessors = CohortGenerator.assessors(people: people)
        var biases: [String: Int] = [:]
        for text in raterBiases {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let points = Double(parts[1]), points.isFinite, (points * 2).rounded() == points * 2, points != 0 else {
                throw ValidationError("--rater-bias '\(text)': give an assessor and a non-zero number of half points, e.g. asesor-03=+0.5")
            }
            guard assessors.contains(parts[0]) else {
                throw ValidationError(
                    "--rater-bias '\(text)': a sample of \(people) people has no assessor '\(parts[0])' (its assessors: \(assessors.first!) … \(assessors.last!))")
            }
            guard biases[parts[0]] == nil else { throw ValidationError("--rater-bias: '\(parts[0])' is given twice") }
            biases[parts[0]] = Int(points * 2)
        }
        return biases
    }

    func run() throws {
        let library = try library.load()
        let written: (paths: [String], counts: CohortFiles.Counts)
        var generator = CohortGenerator(library: library, seed: seed)
        generator.raterBias = try biases()
        generator.years = years
        generator.sexGap = plantSexGap
        do {
            written = try CohortFiles.generate(generator, people: people, to: out, excel: excel)
        } catch {
            Terminal.error("\(out): error: \(error.localizedDescription)")
            throw ExitStatus.ioError
        }
        for path in written.paths { print(path) }
        let counts = written.counts
        print("\(counts.profiles / years) people\(years > 1 ? " over \(years) years" : ""), \(counts.ratings) ratings, \(counts.tests) test scores, \(counts.levels) agreed levels")
    }
}
