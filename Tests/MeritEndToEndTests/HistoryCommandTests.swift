import Foundation
import Testing

/// `merit sample --years`, `merit history`, `merit movement` and `merit rollup` on a three-year sample (issue 17).
@Suite struct HistoryCommandTests {
    /// 60 people assessed in 2024, 2025 and 2026, each year's profiles imported in turn.
    struct ThreeYears {
        let folder: TemporaryFolder
        let store: String

        init() throws {
            folder = try TemporaryFolder()
            store = folder.path("merit.sqlite")
            let sample = try MeritProcess.run(["sample", "--people", "60", "--seed", "8", "--years", "3", "--out", folder.path("c")])
            #expect(sample.status == 0)
            #expect(sample.stdout.hasSuffix("60 people over 3 years, 9180 ratings, 360 test scores, 9 agreed levels\n"), "\(sample.stdout)")
            for files in [["profiles-2024.csv"], ["profiles-2025.csv"], ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"]] {
                let imported = try MeritProcess.run(["import"] + files.map { folder.path("c/\($0)") } + ["--store", store])
                #expect(imported.status == 0, "\(imported.stderr)")
            }
        }

        func run(_ arguments: [String]) throws -> [[String]] {
            let result = try MeritProcess.run(arguments + ["--store", store, "--format", "csv", "--reference-date", "2026-06-01"])
            #expect(result.status == 0, "\(result.stderr)")
            return CSVText.rows(result.stdout)
        }
    }

    /// The last year of a three-year sample is the one-year sample of the same seed.
    @Test func theLastYearIsTheOneYearSample() throws {
        let folder = try TemporaryFolder()
        #expect(try MeritProcess.run(["sample", "--people", "30", "--seed", "8", "--years", "3", "--out", folder.path("three")]).status == 0)
        #expect(try MeritProcess.run(["sample", "--people", "30", "--seed", "8", "--out", folder.path("one")]).status == 0)
        let three = try String(contentsOfFile: folder.path("three/ratings.csv"), encoding: .utf8).split(separator: "\n")
        let one = try String(contentsOfFile: folder.path("one/ratings.csv"), encoding: .utf8).split(separator: "\n")
        #expect(Array(three.filter { $0.contains(",asesmen-2026,") }) == Array(one.dropFirst()))
        #expect(three.filter { $0.contains(",asesmen-2024,2024-03-16") }.count == one.count - 1)
        let profiles = try String(contentsOfFile: folder.path("three/profiles.csv"), encoding: .utf8).split(separator: "\n")
        let single = try String(contentsOfFile: folder.path("one/profiles.csv"), encoding: .utf8).split(separator: "\n")
        #expect(profiles.dropFirst().map { $0.dropLast(11) } == single.dropFirst().map { $0[...] })
    }

    @Test func aPersonsHistoryIsInDateOrder() throws {
        let years = try ThreeYears()
        let nip = try MeritProcess.sqlite(years.store, "SELECT nip FROM people ORDER BY nip LIMIT 1;").trimmingCharacters(in: .newlines)
        let rows = try years.run(["history", nip])
        #expect(Array(rows[0].prefix(7)) == ["batch", "assessed_on", "position", "jpm", "selection", "mapping", "box"])
        #expect(rows.dropFirst().map { $0[0] } == ["asesmen-2024", "asesmen-2025", "asesmen-2026"])
        #expect(rows.dropFirst().map { $0[1] } == ["2024-03-16", "2025-03-16", "2026-03-16"])
        // The last row is the person's current result, as merit score gives it.
        let score = try MeritProcess.run(["score", "--store", years.store, "--format", "csv", "--reference-date", "2026-06-01"])
        let current = try #require(score.stdout.components(separatedBy: "\r\n").first { $0.hasPrefix(nip) })
        #expect(current.contains(",\(rows[3][3]),"))
        let unknown = try MeritProcess.run(["history", "199001012015031999", "--store", years.store])
        #expect(unknown.status == 65 && unknown.stderr == "merit history: error: no assessment stored for NIP 199001012015031999\n")
    }

    /// A person's plan shows their assessments over the years, oldest first; a plan's YAML draft keeps them.
    @Test func thePlanShowsTheHistory() throws {
        let years = try ThreeYears()
        let nip = try MeritProcess.sqlite(years.store, "SELECT nip FROM people ORDER BY nip LIMIT 1;").trimmingCharacters(in: .newlines)
        let out = years.folder.path("out")
        let result = try MeritProcess.run(["plan", nip, "--store", years.store, "--out", out, "--format", "markdown", "html", "--reference-date", "2026-06-01"])
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOfFile: "\(out)/plans/\(nip).md", encoding: .utf8)
        let section = try #require(markdown.components(separatedBy: "## Riwayat Asesmen\n").dropFirst().first)
        let lines = section.split(separator: "\n").prefix { $0.hasPrefix("|") }.dropFirst(2)
        #expect(lines.map { $0.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) } == ["asesmen-2024", "asesmen-2025", "asesmen-2026"])
        let history = try years.run(["history", nip])
        // The JPM of each year as merit history gives it, in the report's decimal comma.
        for (line, row) in zip(lines, history.dropFirst()) {
            #expect(line.contains("| \(row[3].replacingOccurrences(of: ".", with: ",")) |"))
        }
        let page = try String(contentsOfFile: "\(out)/plans/\(nip).html", encoding: .utf8)
        #expect(page.contains("<h2>Riwayat Asesmen</h2>"))
    }

    @Test func movementTotalsAreTheCohort() throws {
        let years = try ThreeYears()
        for (from, to) in [("asesmen-2024", "asesmen-2025"), ("asesmen-2025", "asesmen-2026"), ("asesmen-2024", "asesmen-2026")] {
            let rows = try years.run(["movement", "--from", from, "--to", to])
            #expect(rows[0] == ["from_box", "to_none"] + (1...9).map { "to_\($0)" } + ["total"])
            #expect(rows.count == 12)
            let cells = rows[1...10].map { $0[1...10].compactMap { Int($0) } }
            #expect(cells.joined().reduce(0, +) == 60)
            #expect(rows[11].last == "60" && rows[1...10].compactMap { Int($0[11]) }.reduce(0, +) == 60)
            // Movers are the cells two or more steps off; each listed person's boxes differ.
            let movers = try years.run(["movement", "--from", from, "--to", to, "--names"])
            #expect(movers[0] == ["nip", "name", "from_box", "to_box", "steps"])
            #expect(movers.dropFirst().allSatisfy { (Int($0[4]) ?? 0) >= 2 && $0[2] != $0[3] && !$0[1].isEmpty })
        }
        let changes = try years.run(["movement", "--from", "asesmen-2024", "--to", "asesmen-2026", "--competencies"])
        #expect(changes[0] == ["competency", "name", "people", "up", "same", "down", "mean_change"])
        for row in changes.dropFirst() {
            #expect(Int(row[2]) == (Int(row[3]) ?? 0) + (Int(row[4]) ?? 0) + (Int(row[5]) ?? 0))
        }
        // The sample's trends lift more people than they lower.
        #expect(changes.dropFirst().allSatisfy { (Double($0[6]) ?? 0) > 0 })
        let same = try MeritProcess.run(["movement", "--from", "asesmen-2026", "--to", "asesmen-2026", "--store", years.store])
        #expect(same.status == 64 && same.stderr.contains("--from and --to name the same batch 'asesmen-2026': movement needs two"))
    }

    @Test func rollupsAddUpAndWithhold() throws {
        let years = try ThreeYears()
        let agency = try years.run(["rollup", "--batch", "asesmen-2026", "--by", "agency"])
        #expect(agency[0] == ["agency", "people"] + (1...9).map { "box_\($0)" } + ["no_box"])
        #expect(agency[1][0] == "all" && agency[1][1] == "60")
        let units = try years.run(["rollup", "--batch", "asesmen-2026", "--by", "job-level"])
        let shown = units.dropFirst().filter { !$0[0].hasPrefix("withheld") }.compactMap { Int($0[1]) }.reduce(0, +)
        let withheld = units.dropFirst().filter { $0[0].hasPrefix("withheld") }.compactMap { Int($0[1]) }.reduce(0, +)
        #expect(shown + withheld == 60)
        // No box count under 5 is printed.
        for row in units.dropFirst() where !row[0].hasPrefix("withheld") {
            #expect(row[2...].allSatisfy { cell in Int(cell).map { $0 == 0 || $0 >= 5 } ?? (cell == "<5") })
        }
    }
}

/// `merit fairness` on the three-year sample: every outcome × grouping, the caveat said, counts that add up.
@Suite struct FairnessCommandTests {
    /// Women's abilities planted two half levels lower: their top-selection rate falls under four fifths
    /// of the men's, flagged, with a small p; the men are the reference.
    @Test func aPlantedGapIsFlagged() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["sample", "--people", "300", "--seed", "5", "--plant-sex-gap", "2", "--out", folder.path("c")]).status == 0)
        let files = ["profiles", "ratings", "tests", "levels"].map { folder.path("c/\($0).csv") }
        #expect(try MeritProcess.run(["import"] + files + ["--store", store]).status == 0)
        let result = try MeritProcess.run(["fairness", "--store", store, "--format", "csv", "--reference-date", "2026-06-01"])
        #expect(result.status == 0)
        let rows = CSVText.rows(result.stdout)
        let women = try #require(rows.first { $0[0] == "top-selection" && $0[1] == "sex" && $0[2] == "female" })
        let men = try #require(rows.first { $0[0] == "top-selection" && $0[1] == "sex" && $0[2] == "male" })
        #expect(men[6] == "1.000" && men[7].isEmpty)
        #expect((Double(women[6]) ?? 1) < 0.8 && women[7] == "below 0.8")
        #expect(women[8] == "<0.001" || (Double(women[8]) ?? 1) < 0.01)
    }

    @Test func ratesByGroupWithTheCaveat() throws {
        let years = try HistoryCommandTests.ThreeYears()
        let result = try MeritProcess.run(["fairness", "--store", years.store, "--format", "csv", "--reference-date", "2026-06-01"])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix("merit fairness: note: Rates are the share of each group's decided results"))
        #expect(result.stderr.contains("is a question to look into, not proof of bias"))
        let rows = CSVText.rows(result.stdout)
        #expect(rows[0] == ["outcome", "grouping", "group", "people", "with_outcome", "rate", "impact_ratio", "flag", "fisher_p", "note"])
        let body = rows.dropFirst()
        #expect(Set(body.map { $0[0] }) == ["top-selection", "top-mapping", "top-boxes", "recommended"])
        // Sex: both groups of 60 people, shown; each grouping's people add up to the same total.
        let sex = body.filter { $0[0] == "top-boxes" && $0[1] == "sex" }
        #expect(Set(sex.map { $0[2] }) == ["female", "male"])
        let total = sex.compactMap { Int($0[3]) }.reduce(0, +)
        #expect(total == 60)
        for row in body where !row[3].isEmpty {
            let people = try #require(Int(row[3]))
            let with = try #require(Int(row[4]))
            let rate = try #require(Double(row[5]))
            #expect(people >= 5 && abs(rate - Double(with) / Double(people)) < 0.0005)
            #expect(row[7].isEmpty == ((Double(row[6]) ?? 1) >= 0.8))
        }
        // Withheld groups show no figures.
        #expect(body.filter { $0[3].isEmpty }.allSatisfy { $0[4...8].allSatisfy(\.isEmpty) && $0[9] == "fewer than 5 people: withheld" })
        // Age bands in order, youngest first.
        let ages = body.filter { $0[0] == "top-boxes" && $0[1] == "age" }.map { $0[2] }
        #expect(ages == ["<30", "30-39", "40-49", "50+"].filter(ages.contains))
    }
}

/// `merit evidence` on the examples: the figures and key positions, no NIP or name unless HR asks.
@Suite struct EvidenceCommandTests {
    @Test func figuresOnlyUnlessHRAsksForNames() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let out = folder.path("out")
        let result = try MeritProcess.run(["evidence", "--store", store, "--out", out, "--format", "html", "markdown", "csv", "xlsx", "--reference-date", "2026-06-01"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == ["html", "md", "csv", "xlsx"].map { "\(out)/evidence/bukti-merit.\($0)" }.joined(separator: "\n") + "\n")
        let rows = CSVText.rows(try String(contentsOfFile: "\(out)/evidence/bukti-merit.csv", encoding: .utf8))
        #expect(rows[0] == ["section", "id", "name", "share", "count", "of", "holders", "pool", "ready_now", "successors", "note"])
        #expect(rows.filter { $0[0] == "figure" }.map { $0[1] } == ["standards", "valid_profiles", "plans"])
        // 40 employees, all assessed on 2026-03-16: every profile valid on 2026-06-01.
        #expect(rows.first { $0[1] == "valid_profiles" }.map { Array($0[4...5]) } == ["40", "40"])
        #expect(rows.filter { $0[0] == "key-position" }.map { $0[1] } == ["kabid-mutasi-promosi", "kabid-pengembangan-kompetensi", "kepala-bkpsdm", "sekretaris-bkpsdm"])
        #expect(rows.filter { $0[0] == "gap" }.count == 14)
        let page = try String(contentsOfFile: "\(out)/evidence/bukti-merit.html", encoding: .utf8)
        #expect(page.contains("<h1>Bukti Sistem Merit — Manajemen Talenta dan Kompetensi</h1>"))
        let nips = try MeritProcess.sqlite(store, "SELECT nip FROM people;").split(separator: "\n").map(String.init)
        for file in ["html", "md", "csv"] {
            let text = try String(contentsOfFile: "\(out)/evidence/bukti-merit.\(file)", encoding: .utf8)
            #expect(!nips.contains { text.contains($0) }, "a NIP in the counts-only \(file)")
        }
        // HR's variant lists the pools.
        let hr = try MeritProcess.run(["evidence", "--names", "--store", store, "--out", out, "--format", "csv", "--reference-date", "2026-06-01"])
        #expect(hr.status == 0)
        let named = try String(contentsOfFile: "\(out)/evidence/bukti-merit-hr.csv", encoding: .utf8)
        #expect(nips.contains { named.contains($0) })
    }
}
