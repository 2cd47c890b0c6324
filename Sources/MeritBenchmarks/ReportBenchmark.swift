import Foundation
import Synchronization
import MeritCore
import MeritIO
import MeritReports

/// Speed of the reports: HTML plans written to files, and gap summaries over a large cohort.
public struct ReportBenchmark {
    public struct Result: Sendable, Codable {
        public var plans: Int
        /// Building, rendering and writing the files.
        public var planSeconds: Double
        /// Building and rendering only (no files): what the file system adds is the difference.
        public var renderSeconds: Double
        public var summaryPeople: Int
        public var summarySeconds: Double
    }

    public let library: Library
    public var plans: Int
    public var summaryPeople: Int

    public init(library: Library, plans: Int = 10_000, summaryPeople: Int = 100_000) {
        self.library = library
        self.plans = plans
        self.summaryPeople = summaryPeople
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        progress("scoring a cohort of \(max(plans, summaryPeople)) people")
        let (results, planned) = cohort(people: max(plans, summaryPeople))
        let reports = try Reports(library: library, language: "id", templates: ReportTemplates(folder: nil))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-bench-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let date = CalendarDate(year: 2026, month: 11, day: 22)!

        progress("writing \(plans) HTML plans")
        let renderStart = DispatchTime.now().uptimeNanoseconds
        let rendered = Mutex(0)
        let renderDocuments = results.prefix(plans).compactMap { result in
            planned[result.evidence.nip].flatMap { reports.planDocument(for: result, plan: $0, batch: "bench", generatedOn: date) }
        }
        try reports.render(plans: renderDocuments, as: [.html], threads: 2) { _, _, html in
            rendered.withLock { $0 += html.utf8.count }
        }
        let renderSeconds = Double(DispatchTime.now().uptimeNanoseconds - renderStart) / 1e9
        precondition(rendered.withLock { $0 } > 0)

        let start = DispatchTime.now().uptimeNanoseconds
        let documents = results.prefix(plans).compactMap { result in
            planned[result.evidence.nip].flatMap { reports.planDocument(for: result, plan: $0, batch: "bench", generatedOn: date) }
        }
        let path = folder.path
        try reports.render(plans: documents, as: [.html], threads: 2) { document, _, html in
            try AtomicFile.write(Data(html.utf8), to: path + "/" + document.person.nip + ".html")
        }
        let planSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9

        progress("summarising \(summaryPeople) people")
        let summarizer = GapSummarizer(library: library)
        let everyone = Array(results.prefix(summaryPeople))
        let summaryStart = DispatchTime.now().uptimeNanoseconds
        var groups = 0
        for grouping in GapGrouping.allCases {
            groups += summarizer.summarize(everyone, plans: planned, by: grouping).groups.count
        }
        let summarySeconds = Double(DispatchTime.now().uptimeNanoseconds - summaryStart) / 1e9 / Double(GapGrouping.allCases.count)
        precondition(groups > 0)
        return Result(
            plans: plans, planSeconds: planSeconds, renderSeconds: renderSeconds, summaryPeople: everyone.count,
            summarySeconds: summarySeconds)
    }

    /// A generated cohort, scored in memory, with drafted plans.
    func cohort(people: Int) -> ([PersonResult], [String: DevelopmentPlan]) {
        var evidence: [String: ParticipantEvidence] = [:]
        var profiles: [String: PersonProfile] = [:]
        var order: [String] = []
        CohortGenerator(library: library, seed: 7).generate(people: people) { row in
            switch row {
            case .profile(let profile):
                profiles[profile.nip] = profile
                order.append(profile.nip)
                let battery = library.positions[profile.position]?.battery ?? ""
                evidence[profile.nip] = ParticipantEvidence(nip: profile.nip, battery: battery, assessedOn: CalendarDate(year: 2026, month: 3, day: 16))
            case .rating(let nip, let instrument, let competency, let assessor, let rating):
                guard let i = library.instrumentRef(instrument), let c = library.competencyRef(competency) else { return }
                let value: RatingValue = rating == "NE" ? .noEvidence : .score(Rational(decimal: rating)!)
                evidence[nip]?.ratings.append(Rating(competency: c, instrument: i, assessor: assessor, value: value))
            case .test(let nip, let instrument, let raw):
                guard let i = library.instrumentRef(instrument) else { return }
                evidence[nip]?.tests.append(TestScore(instrument: i, raw: Rational(raw)))
            case .level(let nip, let competency, let level, let note):
                guard let c = library.competencyRef(competency) else { return }
                evidence[nip]?.agreed.append(AgreedLevel(competency: c, level: Rational(level), note: note))
            case .year: break
            }
        }
        let results = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
            .score(order.compactMap { evidence[$0] }, profiles: profiles, threads: 2)
        let planner = DevelopmentPlanner(library: library)
        var plans: [String: DevelopmentPlan] = [:]
        for result in results {
            if let match = result.match { plans[result.evidence.nip] = planner.plan(for: match, profile: result.profile, year: 2026) }
        }
        return (results, plans)
    }
}
