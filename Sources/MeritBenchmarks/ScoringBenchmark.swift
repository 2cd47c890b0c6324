import Dispatch
import Foundation
import MeritCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Speed of the engine: integration + scoring of many participants from in-memory ratings (one core),
/// and the full shortlist of every person against every position (both cores, top 10 per position).
public struct ScoringBenchmark: Sendable {
    public struct Result: Sendable, Codable {
        public var people: Int
        public var ratings: Int
        public var scoring: Timing
        public var positions: Int
        public var poolBuild: Timing
        public var shortlist: Timing
        public var peakMemoryMB: Double
        public var memoryBeforeShortlistMB: Double
    }

    public var library: Library
    public var people: Int
    public var positions: Int
    public var runs: Int
    public var seed: UInt64

    public init(library: Library, people: Int = 100_000, positions: Int = 1_000, runs: Int = 3, seed: UInt64 = 1) {
        self.library = library
        self.people = people
        self.positions = positions
        self.runs = runs
        self.seed = seed
    }

    public func run() -> Result {
        var generator = SeededGenerator(seed: seed)
        let battery = library.batteries["jpt-pratama"] ?? library.batteries.values.sorted { $0.id < $1.id }[0]
        let target = library.positions.values.first { $0.battery == battery.id } ?? library.positionsInOrder[0]
        let evidence = (0..<people).map { Self.evidence(index: $0, library: library, battery: battery, generator: &generator) }
        let ratings = evidence.reduce(0) { $0 + $1.ratings.count }
        let integrator = Integrator(library: library, battery: battery)
        let scorer = Scorer(library: library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
        var checksum = 0
        let scoring = Timing.measure("integrate + score", runs: runs) {
            var total = 0
            for participant in evidence {
                let levels = integrator.levels(participant)
                let match = scorer.match(levels, profile: nil, position: target)
                total &+= match.jpm.value.numerator
            }
            checksum = total
        }
        precondition(checksum != 0)

        let candidates = evidence.map { (levels: integrator.levels($0), profile: Optional(Self.profile(for: $0.nip, generator: &generator))) }
        // The generated evidence rates no technical competency, and a result lacking a required level is
        // undecided and never ranked: positions asking for technical ones would shortlist nobody.
        let standards = Self.positions(count: positions, from: library, generator: &generator).map { position in
            var managerial = position
            managerial.required.removeAll { library.competency($0.competency)?.group == .teknis }
            return managerial
        }
        let before = Self.residentMB()
        var pool: CandidatePool?
        let poolBuild = Timing.measure("compile candidates", runs: 1) {
            pool = CandidatePool(scorer: scorer, candidates: candidates)
        }
        var shortlisted = 0
        let shortlist = Timing.measure("shortlist", runs: max(1, runs - 1)) {
            shortlisted = pool!.shortlists(standards, top: 10, threads: 2).reduce(0) { $0 + $1.count }
        }
        precondition(shortlisted >= standards.count * 10 || people < 10)
        return Result(
            people: people, ratings: ratings, scoring: scoring, positions: standards.count, poolBuild: poolBuild,
            shortlist: shortlist, peakMemoryMB: Self.peakMB(), memoryBeforeShortlistMB: before)
    }

    /// 9 managerial and socio-cultural competencies × 3 exercises × 2 assessors, some NE, realistic spread.
    static func evidence(index: Int, library: Library, battery: Battery, generator: inout SeededGenerator) -> ParticipantEvidence {
        var ratings: [Rating] = []
        ratings.reserveCapacity(54)
        let ability = generator.next(in: 4...8)  // in halves: 2.0 … 4.0
        for competency in battery.competencyOrder {
            guard let ref = library.competencyRef(competency), library.competency(competency)?.group != .teknis else { continue }
            let exercises = battery.measures(competency).filter { library.instruments[$0.instrument]?.isTest == false }.prefix(3)
            for measure in exercises {
                let instrument = library.instrumentRef(measure.instrument)!
                for assessor in assessors {
                    let value: RatingValue =
                        generator.next(in: 0...24) == 0
                        ? .noEvidence : .score(Rational(max(2, min(10, ability + generator.next(in: -2...2))), 2))
                    ratings.append(Rating(competency: ref, instrument: instrument, assessor: assessor, value: value))
                }
            }
        }
        return ParticipantEvidence(
            nip: nip(index), battery: battery.id, assessedOn: CalendarDate(year: 2026, month: 3, day: 10), ratings: ratings)
    }

    static let assessors = ["asesor-01", "asesor-02"]

    static func nip(_ index: Int) -> String {
        let serial = String(index % 1000)
        return "19850312" + "2010" + "01" + "1" + String(repeating: "0", count: 3 - serial.count) + serial + "\(index / 1000)"
    }

    static func profile(for nip: String, generator: inout SeededGenerator) -> PersonProfile {
        let predikat = ["Sangat Baik", "Baik", "Baik", "Baik", "Butuh Perbaikan"]
        return PersonProfile(
            nip: nip, name: nip, unit: "Unit", position: "", jobLevel: ["pengawas", "administrator"][generator.next(in: 0...1)],
            education: [.d3, .s1, .s1, .s2][generator.next(in: 0...3)], educationField: "Manajemen Sumber Daya Manusia",
            rank: Golongan.all[generator.next(in: 8...13)], trainings: generator.next(in: 0...1) == 0 ? ["PKA"] : ["PKP"],
            experienceYears: generator.next(in: 0...10), performance: predikat[generator.next(in: 0...4)])
    }

    /// `count` standards made from the shipped ones with levels moved up or down and critical sets varied.
    static func positions(count: Int, from library: Library, generator: inout SeededGenerator) -> [PositionStandard] {
        let base = library.positionsInOrder
        return (0..<count).map { index in
            var position = base[index % base.count]
            position.id += "-\(index)"
            position.required = position.required.map { required in
                var varied = required
                varied.level = max(1, min(5, required.level + generator.next(in: -1...1)))
                varied.isCritical = generator.next(in: 0...4) == 0
                return varied
            }
            return position
        }
    }

    static func residentMB() -> Double {
        // /proc/self/statm: size and resident pages.
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return Double(pages * Int(sysconf(Int32(_SC_PAGESIZE)))) / 1_048_576
    }

    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

