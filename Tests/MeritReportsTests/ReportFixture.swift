import Foundation
import MeritCore
import MeritIO
import MeritReports

/// The shipped library and the example cohort, imported into a temporary store and scored at a fixed date.
final class ReportFixture: Sendable {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// Made once per test process and never freed, so its folder is removed when the process exits.
    static let shared: ReportFixture = {
        let fixture = try! ReportFixture()
        atexit { try? FileManager.default.removeItem(at: ReportFixture.shared.folder) }
        return fixture
    }()

    let library: Library
    let results: [PersonResult]
    let plans: [String: DevelopmentPlan]
    let cohort: StoredCohort
    let referenceDate = CalendarDate(year: 2026, month: 11, day: 22)!
    private let folder: URL

    init() throws {
        library = LibraryLoader().load(folder: Self.root.appendingPathComponent("Instruments").path).library!
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        let files = ["profiles", "ratings", "tests", "levels"].map { Self.root.appendingPathComponent("Instruments/examples/\($0).csv").path }
        let imported = try Importer(library: library, store: store).run(files)
        precondition(imported.committed, "\(imported.findings)")
        cohort = try store.loadCohort(library: library)
        results = CohortScorer(library: library, referenceDate: referenceDate).score(cohort.evidence, profiles: cohort.profiles)
        let planner = DevelopmentPlanner(library: library)
        var plans: [String: DevelopmentPlan] = [:]
        for result in results { plans[result.evidence.nip] = planner.plan(for: result.match!, profile: result.profile, year: 2026) }
        self.plans = plans
    }

    func reports(_ language: String = "id") throws -> Reports {
        try Reports(library: library, language: language, templates: ReportTemplates(folder: nil))
    }

    /// The person whose plan is the golden sample: the first with a gap on a critical competency.
    var sample: PersonResult {
        results.first { $0.match!.criticalGapCount > 0 } ?? results[0]
    }

    func document(for result: PersonResult, language: String = "id") throws -> PlanDocument {
        try reports(language).planDocument(for: result, plan: plans[result.evidence.nip]!, batch: "asesmen-2026", generatedOn: referenceDate)!
    }

    static func golden(_ name: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent("Tests/MeritReportsTests/Golden/\(name)"), encoding: .utf8)) ?? ""
    }

    /// Set MERIT_UPDATE_GOLDEN=1 to rewrite a golden file (then review the diff).
    static func check(_ text: String, against name: String) -> Bool {
        if ProcessInfo.processInfo.environment["MERIT_UPDATE_GOLDEN"] == "1" {
            try? text.write(to: root.appendingPathComponent("Tests/MeritReportsTests/Golden/\(name)"), atomically: true, encoding: .utf8)
            return true
        }
        return text == golden(name)
    }
}
