import Foundation
import Testing

/// Reports printed by a headless Chromium (as `--pdf` does), read back as text with pdftotext: what a
/// person holding the printed page sees. CI installs chromium and poppler-utils (.ci/run).
@Suite(.serialized) struct PrintedReportTests {
    static var toolsPresent: Bool {
        ["/usr/bin/chromium", "/usr/bin/pdftotext"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(
        .enabled(if: toolsPresent, "needs chromium and pdftotext (sudo apt-get install -y chromium poppler-utils); .ci/run installs them"),
        .timeLimit(.minutes(3)))
    func printedPlanAndTalentMapShowWhatMatters() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        let examples = ImportScoreTests.examples
        #expect(try MeritProcess.run(["import"] + examples + ["--store", store]).status == 0)

        // The person with the most gaps in the examples' plans, to have plenty to look for.
        let yaml = try MeritProcess.run(["plan", "--all", "--format", "yaml", "--store", store, "--out", out, "--reference-date", "2026-11-22"])
        #expect(yaml.status == 0)
        let nip = "197702102007051001"
        let plan = try MeritProcess.run([
            "plan", nip, "--format", "html", "--pdf", "--store", store, "--out", out, "--reference-date", "2026-11-22",
        ])
        #expect(plan.status == 0, "\(plan.stderr)")
        let text = try MeritProcess.pdfText(out + "/plans/\(nip).pdf")
        let printed = text.flattened
        let draft = try String(contentsOfFile: out + "/plans/\(nip).yaml", encoding: .utf8)
        let hasName = printed.contains("Siti Saputra")
        let hasJPM = printed.contains("82,35% JPM")
        #expect(hasName && hasJPM)
        for line in draft.split(separator: "\n") where line.hasPrefix("    title: ") {
            let title = line.dropFirst("    title: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let found = printed.contains(title.flattened)
            #expect(found, "activity '\(title)' is not on the printed plan")
        }
        // Every competency below the standard, as the draft lists them.
        for name in [
            "Integritas", "Komunikasi", "Pelayanan Publik", "Pengembangan Diri dan Orang Lain", "Perekat Bangsa", "Manajemen Kinerja ASN",
            "Pengembangan Kompetensi dan Karier ASN", "Pengadaan, Mutasi dan Promosi ASN", "Penilaian Kompetensi ASN",
        ] {
            let found = printed.contains(name)
            #expect(found, "gap competency '\(name)' is not on the printed plan")
        }

        let talent = try MeritProcess.run(["talent", "--names", "--format", "html", "--pdf", "--store", store, "--out", out, "--reference-date", "2026-11-22"])
        #expect(talent.status == 0, "\(talent.stderr)")
        let grid = try MeritProcess.pdfText(out + "/talent/talent-names.pdf").flattened
        let gridOK = grid.contains("Peta Talenta") && grid.contains("Siti Saputra") && grid.contains("Kotak 9")
        #expect(gridOK)
    }
}

extension String {
    /// Whitespace runs as one space: printed text wraps lines where the source did not.
    var flattened: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
