import Foundation
import MeritCore
import MeritIO
@testable import MeritReports
import MeritYAML
import Synchronization
import Testing

@Suite struct PlanReportTests {
    let fixture = ReportFixture.shared

    @Test func goldenPlanHTMLAndMarkdown() throws {
        let document = try fixture.document(for: fixture.sample)
        let reports = try fixture.reports()
        #expect(ReportFixture.check(try reports.render(plan: document, as: .html), against: "plan.html"))
        #expect(ReportFixture.check(try reports.render(plan: document, as: .markdown), against: "plan.md"))
    }

    /// Many plans at once (one view shared by HTML and Markdown, two threads) give the same texts as one by one.
    @Test func batchRenderingEqualsSingleRendering() throws {
        let reports = try fixture.reports()
        let documents = try fixture.results.prefix(6).map { try fixture.document(for: $0) }
        let texts = Mutex<[String: String]>([:])
        try reports.render(plans: documents, as: [.html, .markdown, .yaml], threads: 2) { document, format, text in
            texts.withLock { $0["\(document.person.nip).\(format.fileExtension)"] = text }
        }
        let rendered = texts.withLock { $0 }
        #expect(rendered.count == documents.count * 3)
        for document in documents {
            for format in [ReportFormatKind.html, .markdown, .yaml] {
                #expect(rendered["\(document.person.nip).\(format.fileExtension)"] == (try reports.render(plan: document, as: format)))
            }
        }
    }

    @Test func englishPlan() throws {
        let document = try fixture.document(for: fixture.sample, language: "en")
        let text = try fixture.reports("en").render(plan: document, as: .markdown)
        #expect(text.hasPrefix("# Individual Development Plan"))
        #expect(text.contains("a Job Person Match of \(document.assessment.jpm)%"))
        #expect(!text.contains("⟦"))
    }

    @Test func planTellsWhatHRNeeds() throws {
        let result = fixture.sample
        let document = try fixture.document(for: result)
        let html = try fixture.reports().render(plan: document, as: .html)
        #expect(html.contains(result.profile!.name))
        #expect(html.contains("setara dengan \(document.assessment.jpm)% JPM"))
        #expect(html.contains("<svg"))
        for row in document.assessment.competencies where row.belowStandard {
            #expect(html.contains(row.name))
        }
        for activity in document.plan.activities {
            #expect(html.contains(HTML.escape(activity.title)))
        }
        #expect(!html.contains("⟦"), "a label is missing")
    }

    @Test func editedPlanRoundTrip() throws {
        let document = try fixture.document(for: fixture.sample)
        let yaml = try fixture.reports().render(plan: document, as: .yaml)
        let back = try YAMLDecoder().decode(PlanDocument.self, from: Array(yaml.utf8), file: "plan.yaml")
        #expect(back == document)
        // HR edits a title and the JP of the first activity: the rendering follows the edit.
        var edited = back
        edited.plan.activities[0].title = "Pelatihan khusus dari BPSDM"
        edited.plan.activities[0].jp = 40
        let editedYAML = try YAMLEncoder().encode(edited)
        let reread = try YAMLDecoder().decode(PlanDocument.self, from: Array(editedYAML.utf8), file: "edited.yaml")
        let html = try fixture.reports().render(plan: reread, as: .html)
        #expect(html.contains("Pelatihan khusus dari BPSDM"))
        #expect(html.contains(">\(reread.plan.totalJP)<"))
        let json = try fixture.reports().render(plan: document, as: .json)
        #expect(try JSONDecoder().decode(PlanDocument.self, from: Data(json.utf8)) == document)
    }

    @Test func aMisspeltKeyInAnEditedPlanIsLocated() throws {
        let document = try fixture.document(for: fixture.sample)
        var yaml = try fixture.reports().render(plan: document, as: .yaml)
        yaml = yaml.replacingOccurrences(of: "\n    jp: ", with: "\n    jpp: ")
        #expect(throws: YAMLError.self) { try YAMLDecoder().decode(PlanDocument.self, from: Array(yaml.utf8), file: "edited.yaml") }
        do {
            _ = try YAMLDecoder().decode(PlanDocument.self, from: Array(yaml.utf8), file: "edited.yaml")
        } catch {
            #expect(error.message.hasPrefix("unknown key 'jpp'") || error.message == "missing required key 'jp'")
            #expect(error.mark.line > 1)
        }
    }

    @Test func valuesAreEscaped() throws {
        var result = fixture.sample
        result.profile!.name = "<script>alert(1)</script> & \"Budi\" | *x*"
        result.profile!.unit = "Bidang\r\nMutasi\nPromosi"
        let document = try fixture.document(for: result)
        let reports = try fixture.reports()
        let html = try reports.render(plan: document, as: .html)
        #expect(!html.contains("<script>alert"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Budi&quot;"))
        let markdown = try reports.render(plan: document, as: .markdown)
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Budi\" \\| \\*x\\*"))
        #expect(markdown.contains("| Bidang Mutasi Promosi |"), "a line break in a value would break the table")
        let svg = RadarChart.svg(
            [.init(label: "<b>", level: 3, required: 3), .init(label: "a", level: 2, required: 3), .init(label: "b", level: 1, required: 2)],
            caption: "x", levelLabel: "y", requiredLabel: "z")
        #expect(svg.contains("&lt;b&gt;") && !svg.contains("<b>"))
    }
}

@Suite struct DevelopmentPlannerTests {
    let library = ReportFixture.shared.library

    func match(levels: [String: Rational], position: String) -> PositionMatch {
        let standard = library.positions[position]!
        let participant = ParticipantLevels(
            nip: "198503122010011001", battery: standard.battery, assessedOn: nil,
            competencies: levels.map { id, level in
                CompetencyLevel(competency: library.competencyRef(id)!, integratedScore: level, computedLevel: level, methodsWithEvidence: 2, flags: [])
            })
        return Scorer(library: library, referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)
            .match(participant, profile: nil, position: standard)
    }

    func atStandard(_ position: String) -> [String: Rational] {
        Dictionary(uniqueKeysWithValues: library.positions[position]!.required.map { ($0.competency, Rational($0.level)) })
    }

    @Test func noGapStillReachesTwentyJP() {
        let plan = DevelopmentPlanner(library: library).plan(for: match(levels: atStandard("kabid-mutasi-promosi"), position: "kabid-mutasi-promosi"), profile: nil, year: 2026)
        #expect(plan.totalJP >= 20)
        #expect(plan.meetsMinimum)
        #expect(plan.activities.allSatisfy { $0.reason == .topUp })
    }

    @Test func gapsComeCriticalFirstThenLargestAndTopUpOnlyWhenShort() {
        var levels = atStandard("kabid-mutasi-promosi")
        levels["komunikasi"] = 1  // gap −2
        levels["integritas"] = 2  // gap −1, critical
        let plan = DevelopmentPlanner(library: library).plan(for: match(levels: levels, position: "kabid-mutasi-promosi"), profile: nil, year: 2026)
        let gapCompetencies = plan.activities.filter { $0.reason == .gap }.map(\.competency)
        #expect(gapCompetencies.first == "integritas")
        #expect(gapCompetencies.contains("komunikasi"))
        #expect(plan.activities.first { $0.competency == "integritas" }?.quarter == 1)
        let gapJP = plan.activities.filter { $0.reason == .gap }.reduce(0) { $0 + $1.jp }
        #expect(gapJP >= 20 ? !plan.activities.contains { $0.reason == .topUp } : plan.totalJP >= 20)
        #expect(Set(plan.activities.map(\.route)) == [.klasikal, .nonKlasikal])
    }

    /// Leadership programmes follow the target position's job level, and what the profile lists is not
    /// recommended again: a Pengawas with PKP, and a functional Ahli Muda, are not sent to PKP.
    @Test func adviceFitsThePerson() {
        var levels = atStandard("kasubbag-umum-kepegawaian")
        for competency in ["kerja-sama", "komunikasi", "orientasi-pada-hasil", "pengambilan-keputusan"] { levels[competency] = 1 }
        let pengawas = match(levels: levels, position: "kasubbag-umum-kepegawaian")
        let planner = DevelopmentPlanner(library: library)
        let untrained = planner.plan(for: pengawas, profile: nil, year: 2026)
        #expect(untrained.activities.contains { $0.activity == "pelatihan-kepemimpinan-pengawas" })
        let profile = PersonProfile(nip: "198503122010011001", name: "Ana", unit: "U", position: "kasubbag-umum-kepegawaian", jobLevel: "pengawas", trainings: ["pkp "])
        #expect(!planner.plan(for: pengawas, profile: profile, year: 2026).activities.contains { $0.activity == "pelatihan-kepemimpinan-pengawas" })
        var functional = atStandard("analis-sdm-ahli-muda")
        functional["komunikasi"] = functional["komunikasi"]! - Rational(1)
        let plan = planner.plan(for: match(levels: functional, position: "analis-sdm-ahli-muda"), profile: nil, year: 2026)
        #expect(!plan.activities.contains { $0.activity.hasPrefix("pelatihan-kepemimpinan") })
        #expect(plan.activities.contains { $0.competency == "komunikasi" && $0.reason == .gap })
    }

    /// A required competency without a level is to be assessed, not trained: no activity is planned for it.
    @Test func missingCompetencyIsNotTrained() {
        var levels = atStandard("kabid-mutasi-promosi")
        levels["komunikasi"] = nil
        let plan = DevelopmentPlanner(library: library).plan(for: match(levels: levels, position: "kabid-mutasi-promosi"), profile: nil, year: 2026)
        #expect(!plan.activities.contains { $0.competency == "komunikasi" })
    }

    @Test func topUpFillsAShortPlan() {
        var levels = atStandard("analis-sdm-ahli-pertama")
        levels["integritas"] = Rational(1, 2)  // one small gap
        let plan = DevelopmentPlanner(library: library).plan(for: match(levels: levels, position: "analis-sdm-ahli-pertama"), profile: nil, year: 2026)
        #expect(plan.totalJP >= 20)
        let gapJP = plan.activities.filter { $0.reason == .gap }.reduce(0) { $0 + $1.jp }
        if gapJP < 20 { #expect(plan.activities.contains { $0.reason == .topUp }) }
    }
}

@Suite struct GapSummaryTests {
    let fixture = ReportFixture.shared

    /// Two positions with one title and the same figures are ordered by their ids, whichever comes first
    /// in the results (it followed a dictionary's order, which changes from run to run).
    @Test func groupsEqualButForTheirKeyAreOrderedByKey() throws {
        var library = fixture.library
        let sample = try #require(fixture.results.first { $0.match != nil })
        let position = sample.match!.position
        var twin = try #require(library.positions[position])
        twin.id = "0-twin-\(position)"
        library.positions[twin.id] = twin
        let results = (0..<10).map { index in
            var copy = sample
            copy.evidence.nip = "n\(index)"
            copy.match!.position = index < 5 ? position : twin.id
            return copy
        }
        for ordered in [results, results.reversed()] {
            let summary = GapSummarizer(library: library).summarize(ordered, plans: [:], by: .position, minimumGroupSize: 5)
            #expect(summary.groups.map(\.key) == [twin.id, position])
            #expect(summary.groups.map(\.peopleAssessed) == [5, 5])
        }
    }

    /// Units of 4 and 5 people: the group of 5 is shown, the group of 4 suppressed and counted.
    @Test func suppressionAtTheThreshold() {
        let results = Array(fixture.results.prefix(9)).enumerated().map { index, result in
            var copy = result
            copy.profile!.unit = index < 4 ? "Unit Empat" : "Unit Lima"
            return copy
        }
        let summary = GapSummarizer(library: fixture.library).summarize(results, plans: fixture.plans, by: .unit, minimumGroupSize: 5)
        #expect(summary.groups.map(\.label) == ["Unit Lima"])
        #expect(summary.groups[0].peopleAssessed == 5)
        #expect(summary.suppressedGroups == 1 && summary.suppressedPeople == 4)
        let csv = try! fixture.reports().render(gaps: summary, as: .csv, generatedOn: fixture.referenceDate)
        #expect(!csv.contains("Unit Empat"))
        #expect(csv.contains("1 kelompok (4 orang) tidak ditampilkan"))
    }

    @Test func goldenGapCSV() throws {
        let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: .jobLevel)
        #expect(ReportFixture.check(try fixture.reports().render(gaps: summary, as: .csv, generatedOn: fixture.referenceDate), against: "gaps-job-level.csv"))
    }

    @Test func excelVariantHasBOMSemicolonsAndDecimalCommas() throws {
        let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: .jobLevel)
        var reports = try fixture.reports()
        reports.csvWriter = .excelIndonesia
        let csv = try reports.render(gaps: summary, as: .csv, generatedOn: fixture.referenceDate)
        #expect(csv.hasPrefix("\u{FEFF}job-level;label;people_assessed;"))
        #expect(csv.contains("\r\nadministrator;Administrator;19;12;-0,11;-0,46;4;5;8;2;0;belajar-mandiri-buku;"))
    }

    @Test func summariesNeverNameAPerson() throws {
        for grouping in GapGrouping.allCases {
            let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping)
            for kind in [ReportFormatKind.html, .markdown, .csv, .json] {
                let text = try fixture.reports().render(gaps: summary, as: kind, generatedOn: fixture.referenceDate)
                for result in fixture.results {
                    #expect(!text.contains(result.evidence.nip))
                    #expect(!text.contains(result.profile!.name))
                }
            }
            #expect(summary.groups.allSatisfy { $0.peopleAssessed >= 5 })
        }
    }

    /// Within a shown group, an activity for fewer people than the minimum is merged into "lainnya";
    /// the merged row itself is withheld when it serves fewer. The mean shortfall ignores surpluses.
    @Test func smallActivityRowsAreMergedAndShortfallsAreNotOffset() throws {
        for grouping in GapGrouping.allCases {
            let exact = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping, minimumGroupSize: 3)
            let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping, minimumGroupSize: 5)
            for group in summary.groups {
                #expect(group.activities.allSatisfy { $0.participants >= 5 })
                #expect(group.meanShortfall <= 0 && group.meanShortfall <= group.meanGap)
                let all = try #require(exact.groups.first { $0.key == group.key })
                let small = all.activities.filter { $0.participants < 5 }.count + (all.otherActivities?.activities ?? 0)
                #expect((group.otherActivities?.activities ?? 0) == small)
                if let others = group.otherActivities { #expect(others.participants.map { $0 >= 5 } ?? (others.totalJP == nil)) }
            }
        }
        // The fixture has merged rows in its job-level summary, and they reach the page.
        let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: .jobLevel)
        try #require(summary.groups.contains { $0.otherActivities != nil })
        let html = try fixture.reports().render(gaps: summary, as: .html, generatedOn: fixture.referenceDate)
        #expect(html.contains("Lainnya ("))
        #expect(html.contains("Rata-rata kekurangan"))
    }

    @Test func csvCellsAreFormulaSafe() throws {
        var results = fixture.results
        for index in results.indices { results[index].profile!.unit = "=HYPERLINK(\"x\")" }
        let summary = GapSummarizer(library: fixture.library).summarize(results, plans: fixture.plans, by: .unit)
        let csv = try fixture.reports().render(gaps: summary, as: .csv, generatedOn: fixture.referenceDate)
        #expect(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""))
    }
}

@Suite struct TalentReportTests {
    let fixture = ReportFixture.shared

    @Test func countsAddUpAndNamesOnlyInHRVariant() throws {
        let nineBox = fixture.library.scoring.nineBox
        // With a minimum of 1 nothing is withheld: the counts are the whole cohort.
        let all = TalentGrid(fixture.results, settings: nineBox, withNames: false, minimumGroupSize: 1)
        #expect(all.boxes.count == 9)
        let total = all.boxes.reduce(0) { $0 + ($1.count ?? 0) } + (all.unplaced ?? 0) + (all.undecided ?? 0)
        #expect(total == fixture.results.count)
        let reports = try fixture.reports()
        let grid = TalentGrid(fixture.results, settings: nineBox, withNames: false, minimumGroupSize: 5)
        let counts = try reports.render(talent: grid, profiles: fixture.cohort.profiles, as: .html, withNames: false, generatedOn: fixture.referenceDate)
        for result in fixture.results { #expect(!counts.contains(result.evidence.nip)) }
        let named = TalentGrid(fixture.results, settings: nineBox, withNames: true, minimumGroupSize: 5)
        #expect(named.boxes.map(\.count) == all.boxes.map(\.count))
        let html = try reports.render(talent: named, profiles: fixture.cohort.profiles, as: .html, withNames: true, generatedOn: fixture.referenceDate)
        #expect(html.contains(fixture.results[0].profile!.name))
        #expect(html.contains("<svg"))
    }

    /// Counts only: a box of 1 to 4 people reads "< 5" in every format, never its number; the names
    /// variant keeps every count (HR sees the names anyway).
    @Test func smallBoxesAreWithheldInTheCountsOnlyMap() throws {
        let nineBox = fixture.library.scoring.nineBox
        let exact = TalentGrid(fixture.results, settings: nineBox, withNames: false, minimumGroupSize: 1)
        let grid = TalentGrid(fixture.results, settings: nineBox, withNames: false, minimumGroupSize: 5)
        let small = exact.boxes.filter { ($0.count ?? 0) > 0 && ($0.count ?? 0) < 5 }
        try #require(!small.isEmpty, "the fixture cohort has a box of fewer than 5 people")
        for box in small { #expect(grid.boxes.first { $0.number == box.number }?.count == nil) }
        // What is shown is exact, and at least two counts are withheld, so none can be worked out.
        let counts = (grid.boxes.map(\.count) + [grid.unplaced, grid.undecided])
        #expect(counts.filter { $0 == nil }.count >= 2)
        for (shown, box) in zip(grid.boxes, exact.boxes) where shown.count != nil { #expect(shown.count == box.count) }
        let reports = try fixture.reports()
        let csv = try reports.render(talent: grid, profiles: fixture.cohort.profiles, as: .csv, withNames: false, generatedOn: fixture.referenceDate)
        for box in small { #expect(csv.contains("\n\(box.number),\(box.label),<5,,") || csv.contains("\n\(box.number),\"\(box.label)\",<5,,")) }
        let html = try reports.render(talent: grid, profiles: fixture.cohort.profiles, as: .html, withNames: false, generatedOn: fixture.referenceDate)
        #expect(html.contains("&lt; 5"))
        #expect(html.contains("ditulis “&lt; 5”") || html.contains("ditulis “< 5”"), "\(html.suffix(6000))")
        let json = try reports.render(talent: grid, profiles: fixture.cohort.profiles, as: .json, withNames: false, generatedOn: fixture.referenceDate)
        #expect(json.contains("\"minimumGroupSize\" : 5") || json.contains("\"minimumGroupSize\":5"))
    }
}

/// Printed documents carry the agency's letterhead and, on every page, a running header and the page number.
@Suite struct PrintLayoutTests {
    let fixture = ReportFixture.shared

    @Test func letterheadRunningHeaderAndPageNumbers() throws {
        let reports = try fixture.reports()
        let result = try #require(fixture.results.first { fixture.plans[$0.evidence.nip] != nil })
        let document = try #require(reports.planDocument(for: result, plan: fixture.plans[result.evidence.nip]!, batch: "b", generatedOn: fixture.referenceDate))
        let html = try reports.render(plan: document, as: .html)
        #expect(html.contains("<div class=\"parent\">Pemerintah Kabupaten Contoh</div>"))
        #expect(html.contains("@bottom-right { content: \"Halaman \" counter(page) \" dari \" counter(pages);"))
        #expect(html.contains("@top-left { content: \"\(document.person.name) · NIP \(document.person.nip) · Rencana Pengembangan Individu\";"))
        #expect(html.contains("<p>Kota Contoh, ............................</p>"))
        // Signatures come last, after the evidence.
        let evidence = try #require(html.range(of: "<h2>Bukti Penilaian</h2>"))
        let signatures = try #require(html.range(of: "<section class=\"signatures\">"))
        #expect(evidence.upperBound < signatures.lowerBound)
        let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: .unit)
        #expect(try reports.render(gaps: summary, as: .html, generatedOn: fixture.referenceDate).contains("class=\"letterhead\""))
    }

    /// A name cannot end the CSS string or the style element it is written into.
    @Test func cssStringsAreEscaped() {
        #expect(PrintLayout.cssString(#"O"Neil \ </style>"#) == #""O\"Neil \\ \3C /style>""#)
    }
}

@Suite struct TemplateTests {
    @Test func builtInTemplatesEqualTheEditableCopies() throws {
        for name in ReportTemplates.names {
            let file = ReportFixture.root.appendingPathComponent("Reports/templates/\(name).mustache")
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(BuiltInTemplates.all[name] == text, "run scripts/embed-templates after editing \(name)")
        }
    }

    @Test func aTemplateFolderOverridesOneTemplate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{{% CONTENT_TYPE: MARKDOWN}}\nRencana {{person.name}}: {{totalJP}} JP\n".write(
            to: folder.appendingPathComponent("plan.md.mustache"), atomically: true, encoding: .utf8)
        let templates = try ReportTemplates(folder: folder.path)
        #expect(templates.sources["plan.md"] == folder.appendingPathComponent("plan.md.mustache").path)
        #expect(templates.sources["plan.html"] == "built-in")
        let fixture = ReportFixture.shared
        let reports = try Reports(library: fixture.library, language: "id", templates: templates)
        let document = try fixture.document(for: fixture.sample)
        #expect(try reports.render(plan: document, as: .markdown) == "Rencana \(document.person.name): \(document.plan.totalJP) JP\n")
    }
}

@Suite struct AtomicFileTests {
    @Test func replacesWholeAndLeavesNoTemporaryFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        try AtomicFile.write(Data("first".utf8), to: path)
        try AtomicFile.write(Data("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }

    @Test func aFailedWriteLeavesTheOldFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("report.html").path
        try AtomicFile.write(Data("old".utf8), to: path)
        // A directory where the temporary file would go makes the write fail before the rename.
        #expect(throws: (any Error).self) { try AtomicFile.write(Data("new".utf8), to: folder.appendingPathComponent("missing/report.html").path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.html"])
    }
}
