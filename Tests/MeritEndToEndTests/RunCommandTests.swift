import Foundation
import Testing

/// `merit run` (the README's first command) and the edited-plan loop of `merit plan --from`.
@Suite struct RunCommandTests {
    static let nip = "197702102007051001"

    /// A provider's recap in the folder: `merit run` checks it and writes the disagreements.
    @Test func runChecksAProvidersResults() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["profiles", "ratings", "tests", "levels"] {
            try FileManager.default.copyItem(atPath: "Instruments/examples/\(name).csv", toPath: input + "/\(name).csv")
        }
        try "nip;M.01;jpm;category;batch\n199810042024042001;;110;MMS;asesmen-2026\n".write(toFile: input + "/recap.csv", atomically: true, encoding: .utf8)
        let out = folder.path("out")
        let run = try MeritProcess.run(["run", input, "--store", folder.path("merit.sqlite"), "--out", out, "--reference-date", "2026-11-22"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  provider-check.csv: 1 provider result checked: 2 disagreements\n"))
        let check = try String(contentsOfFile: out + "/provider-check.csv", encoding: .utf8)
        #expect(check.components(separatedBy: "\r\n").map { $0.split(separator: ",").prefix(5).joined(separator: ",") } == [
            "nip,batch,what,provider,merit", "199810042024042001,asesmen-2026,JPM,110,54.55",
            "199810042024042001,asesmen-2026,Pengisian jabatan,MMS,KMS", "",
        ])
    }

    @Test func runOnTheExamplesWritesEveryReport() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("out")
        let run = try MeritProcess.run([
            "run", "Instruments/examples", "--store", folder.path("merit.sqlite"), "--out", out, "--reference-date", "2026-11-22",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("40 people scored; reports in \(out):"))
        // Not a terminal: no progress line.
        #expect(!run.stderr.contains("\r") && !run.stdout.contains("\r"))
        #expect(run.stdout.contains("plans/   120 files"))
        #expect(run.stdout.contains("gaps/    16 files"))
        #expect(run.stdout.contains("talent/  6 files"))

        let plans = try FileManager.default.contentsOfDirectory(atPath: out + "/plans")
        #expect(plans.count == 120)
        #expect(plans.allSatisfy { $0.hasSuffix(".html") || $0.hasSuffix(".md") || $0.hasSuffix(".yaml") }, "no temporary files left")
        let html = try String(contentsOfFile: out + "/plans/\(Self.nip).html", encoding: .utf8)
        #expect(html.contains("Siti Saputra") && html.contains("82,35% JPM"))

        // Summaries for training units name nobody: no NIP or name of the cohort appears in them.
        let profiles = try String(contentsOfFile: "Instruments/examples/profiles.csv", encoding: .utf8)
        let people = profiles.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ";").map(String.init) }
        #expect(people.count == 40)
        for name in try FileManager.default.contentsOfDirectory(atPath: out + "/gaps") + ["../talent/talent-counts.html", "../talent/talent-counts.csv"] {
            let text = try String(contentsOfFile: out + "/gaps/" + name, encoding: .utf8)
            for person in people {
                #expect(!text.contains(person[0]), "\(name) shows NIP \(person[0])")
                #expect(!text.contains(person[1]), "\(name) shows \(person[1])")
            }
        }
        let named = try String(contentsOfFile: out + "/talent/talent-names.html", encoding: .utf8)
        #expect(named.contains("Siti Saputra"))
    }

    @Test func runWithABadFileWritesNothing() throws {
        let folder = try TemporaryFolder()
        let input = folder.path("in")
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for name in ["profiles.csv", "ratings.csv"] {
            try FileManager.default.copyItem(atPath: "Instruments/examples/\(name)", toPath: input + "/" + name)
        }
        let ratings = try String(contentsOfFile: input + "/ratings.csv", encoding: .utf8)
        try (ratings + "197702102007051001;lgd;integritas;asesor-09;7;asesmen-2026;2026-03-16\r\n").write(toFile: input + "/ratings.csv", atomically: true, encoding: .utf8)
        let run = try MeritProcess.run(["run", input, "--store", folder.path("merit.sqlite"), "--out", folder.path("out")])
        #expect(run.status == 65)
        #expect(run.stderr.contains(input + "/ratings.csv:2040:"))
        #expect(run.stderr.contains("rating 7 is off the scale 1–5"))
        #expect(run.stdout.contains("Nothing imported; no reports written."))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out")))
    }

    @Test func anEditedDraftIsRenderedAgainAndItsMistakesAreLocated() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let draft = try MeritProcess.run(["plan", Self.nip, "--format", "yaml", "--store", store, "--out", out, "--reference-date", "2026-11-22"])
        #expect(draft.status == 0, "\(draft.stderr)")
        let path = out + "/plans/\(Self.nip).yaml"
        #expect(draft.stdout == path + "\n")

        // HR moves the first activity to the last quarter and writes a note.
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let quarter = try #require(text.range(of: "    quarter: 1\n"))
        text.replaceSubrange(quarter, with: "    quarter: 4\n")
        text = text.replacingOccurrences(of: "notes: \"\"", with: "notes: \"Magang di Kantor Regional BKN menyusul.\"")
        let edited = folder.path("edited.yaml")
        try text.write(toFile: edited, atomically: true, encoding: .utf8)
        let render = try MeritProcess.run(["plan", "--from", edited, "--format", "html", "markdown", "--store", store, "--out", out])
        #expect(render.status == 0, "\(render.stderr)")
        #expect(render.stdout == "\(out)/plans/\(Self.nip).edited.html\n\(out)/plans/\(Self.nip).edited.md\n")
        let markdown = try String(contentsOfFile: out + "/plans/\(Self.nip).edited.md", encoding: .utf8)
        #expect(markdown.contains("Magang di Kantor Regional BKN menyusul."))
        let today = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        let day = String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
        #expect(markdown.contains(" · **disunting \(day)**"))
        #expect(markdown.contains("| IV |"))

        // A misspelt key is an error at its line and column, and nothing is rendered.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.hasPrefix("    quarter: ") })
        let misspelt = lines.enumerated().map { $0.offset == row ? "    quartr: 2" : String($0.element) }.joined(separator: "\n")
        try misspelt.write(toFile: edited, atomically: true, encoding: .utf8)
        let bad = try MeritProcess.run(["plan", "--from", edited, "--store", store, "--out", folder.path("out2")])
        #expect(bad.status == 65)
        let activity = try #require(lines.firstIndex { $0.hasPrefix("  - activity: ") })
        #expect(bad.stderr == """
            \(edited):\(activity + 1):5: error: at 'plan.activities[0]': missing required key 'quarter'
            \(edited):\(row + 1):5: error: at 'plan.activities[0].quartr': unknown key 'quartr'; did you mean 'quarter'?

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.path("out2")))
    }

    /// A draft edited to a better result is refused with the field named, and nothing is written.
    @Test func aDraftThatRewritesAResultIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        #expect(try MeritProcess.run(["plan", Self.nip, "--format", "yaml", "--store", store, "--out", out, "--reference-date", "2026-11-22"]).status == 0)
        let text = try String(contentsOfFile: out + "/plans/\(Self.nip).yaml", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let jpm = try #require(lines.firstIndex { $0.hasPrefix("  jpm: ") })
        let stored = lines[jpm].dropFirst("  jpm: ".count)
        let tampered = lines.enumerated().map { $0.offset == jpm ? "  jpm: 99,00" : String($0.element) }.joined(separator: "\n")
        let edited = folder.path("edited.yaml")
        try tampered.write(toFile: edited, atomically: true, encoding: .utf8)
        let render = try MeritProcess.run(["plan", "--from", edited, "--store", store, "--out", folder.path("out2")])
        #expect(render.status == 65)
        #expect(render.stdout == "")
        #expect(render.stderr == """
            \(edited):\(jpm + 1):8: error: at 'assessment.jpm': is '99,00' here but '\(stored)' in the store: results are read from the store, and a draft may change only plan.activities, notes and signatures
            \(edited): 1 problem; nothing written

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.path("out2")))
    }

    /// The output file is named from the NIP: one that is not a NIP never reaches the file system.
    @Test func aDraftWhoseNIPLeavesTheFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("a/b/out")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        #expect(try MeritProcess.run(["plan", Self.nip, "--format", "yaml", "--store", store, "--out", out, "--reference-date", "2026-11-22"]).status == 0)
        let text = try String(contentsOfFile: out + "/plans/\(Self.nip).yaml", encoding: .utf8)
        let tampered = text.replacingOccurrences(of: "  nip: \"\(Self.nip)\"\n", with: "  nip: \"../../x\"\n")
        let edited = folder.path("edited.yaml")
        try tampered.write(toFile: edited, atomically: true, encoding: .utf8)
        let render = try MeritProcess.run(["plan", "--from", edited, "--store", store, "--out", out])
        #expect(render.status == 65)
        #expect(render.stderr.hasPrefix("\(edited):6:8: error: at 'person.nip': NIP '../../x' is not 18 digits (7 characters)\n"))
        let written = try FileManager.default.subpathsOfDirectory(atPath: folder.path("a")).sorted()
        #expect(written == ["b", "b/out", "b/out/plans", "b/out/plans/\(Self.nip).yaml"])
    }

    /// On a terminal (a pseudo-terminal from `script`), `merit run` shows each phase with done of total on
    /// one updating line, and clears it before the summary.
    @Test func runShowsItsProgressOnATerminal() throws {
        let folder = try TemporaryFolder()
        let command = "'\(MeritProcess.executable.path)' run Instruments/examples --store '\(folder.path("merit.sqlite"))' --out '\(folder.path("out"))' --reference-date 2026-11-22"
        let shown = try MeritProcess.capture("/usr/bin/script", ["-qec", "cd '\(MeritProcess.projectRoot.path)' && \(command)", "/dev/null"])
        #expect(shown.contains("\rmerit run: importing 4 files\u{1B}[K"))
        #expect(shown.contains("\rmerit run: scoring\u{1B}[K"))
        #expect(shown.contains("\rmerit run: plans 120 of 120\u{1B}[K"))
        #expect(shown.contains("\rmerit run: summaries 22 of 22\u{1B}[K\r\u{1B}[K40 people scored"))
    }
}
