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

    /// Every page of a printed plan and gap summary says what it is, whose it is and which page of how
    /// many; the letterhead opens the plan, the signatures close it; no id reaches the paper.
    @Test(
        .enabled(if: toolsPresent, "needs chromium and pdftotext (sudo apt-get install -y chromium poppler-utils); .ci/run installs them"),
        .timeLimit(.minutes(3)))
    func everyPrintedPageIsNumberedAndNamed() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let nip = "197702102007051001"
        let plan = try MeritProcess.run(["plan", nip, "--format", "html", "--pdf", "--store", store, "--out", out, "--reference-date", "2026-11-22"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let pdf = out + "/plans/\(nip).pdf"
        #expect(plan.stdout == "\(out)/plans/\(nip).html\n\(pdf)\n", "the PDF is listed")
        let pages = try Self.pages(pdf)
        // The example plan: letterhead and summary, competencies, the plan, talent and notes, the evidence, signatures.
        #expect((5...8).contains(pages.count), "\(pages.count) pages")
        for (index, page) in pages.enumerated() {
            #expect(page.contains("Halaman \(index + 1) dari \(pages.count)"), "page \(index + 1)")
            #expect(page.contains("Siti Saputra · NIP \(nip) · Rencana Pengembangan Individu"), "page \(index + 1)")
            let tokens = Self.idLikeTokens(page)
            #expect(tokens.isEmpty, "page \(index + 1): \(tokens)")
        }
        #expect(pages.first?.contains("PEMERINTAH KABUPATEN CONTOH") == true)
        let last = pages.last ?? ""
        #expect(last.contains("Persetujuan") && last.contains("Atasan langsung") && last.contains("Pejabat yang berwenang") && last.contains("Kota Contoh,"))

        let gaps = try MeritProcess.run(["gaps", "--by", "job-level", "--format", "html", "--pdf", "--store", store, "--out", out, "--reference-date", "2026-11-22"])
        #expect(gaps.status == 0, "\(gaps.stderr)")
        #expect(gaps.stdout == "\(out)/gaps/gaps-job-level.html\n\(out)/gaps/gaps-job-level.pdf\n")
        let summary = try Self.pages(out + "/gaps/gaps-job-level.pdf")
        for (index, page) in summary.enumerated() {
            #expect(page.contains("Halaman \(index + 1) dari \(summary.count)") && page.contains("Ringkasan Kebutuhan Pengembangan Kompetensi"), "gaps page \(index + 1)")
            #expect(Self.idLikeTokens(page).isEmpty, "gaps page \(index + 1): \(Self.idLikeTokens(page))")
        }
    }

    /// `merit plan --all --pdf` starts one browser for the whole batch (through chromedriver), not one per
    /// plan: a `chromium` first on PATH counts its starts and hands over to Debian's.
    @Test(
        .enabled(
            if: toolsPresent && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver"),
            "needs chromium, chromium-driver and pdftotext; .ci/run installs them"),
        .timeLimit(.minutes(3)))
    func oneBrowserPrintsAWholeBatch() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        let bin = folder.path("bin")
        let starts = folder.path("starts")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho start >> \(starts)\nexec /usr/bin/chromium \"$@\"\n".write(toFile: bin + "/chromium", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/chromium")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin + ":/usr/bin:/bin"
        let plans = try MeritProcess.run(
            ["plan", "--all", "--format", "html", "--pdf", "--store", store, "--out", out, "--reference-date", "2026-11-22"], environment: environment)
        #expect(plans.status == 0, "\(plans.stderr)")
        let listed = plans.stdout.split(separator: "\n").filter { $0.hasSuffix(".pdf") }
        #expect(listed.count == 40, "every plan's PDF is listed")
        for pdf in listed { #expect(try Self.pages(String(pdf)).first?.contains("Rencana Pengembangan Individu") == true, "\(pdf)") }
        let started = try String(contentsOfFile: starts, encoding: .utf8).split(separator: "\n").count
        #expect(started == 1, "\(started) browsers started for \(listed.count) PDFs")
    }

    /// Each page's text (pdftotext -f N -l N), whitespace flattened.
    static func pages(_ pdf: String) throws -> [String] {
        let info = try MeritProcess.capture("/usr/bin/pdfinfo", [pdf])
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        return try (1...max(1, count)).map { try MeritProcess.capture("/usr/bin/pdftotext", ["-f", "\($0)", "-l", "\($0)", pdf, "-"]).flattened }
    }

    /// Hyphenated lowercase tokens that are not Indonesian reduplication (`rata-rata`).
    static func idLikeTokens(_ text: String) -> [String] {
        text.matches(of: #/\b[a-z]+(?:-[a-z]+)+\b/#).map { String($0.output) }.filter { token in
            let parts = token.split(separator: "-")
            return !(parts.count == 2 && parts[0] == parts[1])
        }
    }
}

extension String {
    /// Whitespace runs as one space: printed text wraps lines where the source did not.
    var flattened: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
