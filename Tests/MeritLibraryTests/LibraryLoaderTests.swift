import Foundation
import MeritCore
import MeritLibrary
import Testing

/// One fixture per validation rule: each pins the message and its location.
@Suite struct LibraryValidationTests {
    @Test func baseFixtureIsValid() throws {
        let result = LibraryFixture.load()
        #expect(result.findings.isEmpty)
        let library = try #require(result.library)
        #expect(library.positions["kabid"]?.required.map(\.competency) == ["integritas", "kerja-sama", "teknis-a"])
    }

    @Test(arguments: [
        ("duplicate-id", ["instrumen.yaml:2:5: error: duplicate instrument id 'ex-a' (first defined at instrumen-2.yaml:2:5)"]),
        ("level-outside-scale", [
            "jabatan.yaml:6:22: error: level 6 of 'teknis-a' in position 'kabid' is outside the dictionary's scale 1–5",
            "jabatan.yaml:6:37: error: level 0 of 'integritas' in position 'kabid' is outside the dictionary's scale 1–5",
        ]),
        ("conversion-gap", ["instrumen-tes.yaml:10:5: error: conversion table leaves raw score 9 without a level (gap)"]),
        ("conversion-overlap", ["instrumen-tes.yaml:9:5: error: conversion band 8–20 overlaps 0–10"]),
        ("conversion-outside-raw", ["instrumen-tes.yaml:9:5: error: conversion band 11–25 lies outside the raw scale 0–20"]),
        ("rating-step", ["instrumen-latihan.yaml:6:32: error: rating step 0.3 does not divide the scale 1–5 into whole steps"]),
        ("weight-not-positive", [
            "baterai.yaml:6:22: error: weight of 'ex-b' for 'kerja-sama' must be above 0, found 0",
            "baterai.yaml:7:28: error: weight of 'tes' for 'teknis-a' must be above 0, found -1",
        ]),
        ("not-measured", [
            "jabatan.yaml:6:12: error: competency 'teknis-a' required by position 'kabid' is measured by no instrument of battery 'bat'"
        ]),
        ("min-methods", [
            "baterai.yaml:7:3: error: competency 'kerja-sama' is measured by 1 instrument in battery 'bat', fewer than min-methods 2"
        ]),
        ("thresholds-not-descending", [
            "penilaian.yaml:8:54: error: thresholds of category set 'selection' must descend: 'MMS' starts at 80, not below 'MS' at 68"
        ]),
        ("nine-box-numbering", [
            "penilaian.yaml:20:5: error: the 9-box numbering must give each of the 9 boxes one of the numbers 1–9 exactly once; found 1, 2, 4, 3, 5, 7, 6, 8, 8"
        ]),
        ("predikat-spelling", [
            "penilaian.yaml:25:50: error: predikat 'BAIK' differs from 'Baik' (at penilaian.yaml:25:36) only in case; profiles' predikat are matched without regard to case, so give it once",
            "penilaian.yaml:25:66: error: predikat 'Kurang ' has spaces at its ends or is empty; write it as profiles spell it, without them",
        ]),
        ("inheritance-cycle", [
            "jabatan.yaml:3:10: error: position 'kabid' inherits from itself: kabid → kabid-b → kabid (inheritance cycle)",
            "jabatan.yaml:10:10: error: position 'kabid-b' inherits from itself: kabid-b → kabid → kabid-b (inheritance cycle)",
        ]),
        ("activity-no-competency", [
            "katalog.yaml:8:19: error: activity 'pelatihan-umum' develops no competency; list at least one under 'competencies'"
        ]),
        ("unknown-kind", [
            "lain.yaml:1:7: error: unknown kind 'competency-dictionery'; expected one of competency-dictionary, instrument, battery, job-level, position, scoring, development-catalog, report-labels, agency, norm"
        ]),
        ("unknown-key", [
            "jenjang.yaml:5:1: error: at 'defualt-level': unknown key 'defualt-level'; did you mean 'default-level'?"
        ]),
        ("syntax-error", ["rusak.yaml:4:5: error: did not find expected ',' or ']' (while parsing a flow sequence at 3:7)"]),
    ])
    func rule(_ rule: String, expected: [String]) {
        let result = LibraryFixture.load(rule)
        #expect(result.findings.map(\.description) == expected)
        #expect(result.library == nil)
    }

    @Test func unknownReferencesOfEveryKind() {
        #expect(LibraryFixture.findings("unknown-references") == [
            "baterai.yaml:8:3: error: unknown competency 'integritass' in battery 'bat'; did you mean 'integritas'?",
            "baterai.yaml:9:3: error: unknown competency 'kerja-sama-2' in battery 'bat'; did you mean 'kerja-sama'?",
            "jabatan.yaml:5:12: error: unknown job level 'administratur' in position 'kabid'; did you mean 'administrator'?",
            "jenjang.yaml:10:10: error: unknown battery 'baterai-pengawas' in job level 'pengawas'",
            "katalog.yaml:8:32: error: unknown competency 'kepemimpinan' in activity 'pelatihan-integritas'",
            "katalog.yaml:11:18: error: unknown job level 'administratur' in activity 'pelatihan-integritas'; did you mean 'administrator'?",
        ])
    }

    /// Many faults in several files: all reported in one run, in file and line order.
    @Test func everyFaultIsReportedInOneRunInOrder() {
        #expect(LibraryFixture.findings("many-faults") == [
            "baterai.yaml:5:3: error: competency 'integritas' is measured by 1 instrument in battery 'bat', fewer than min-methods 2",
            "baterai.yaml:5:31: error: weight of 'ex-b' for 'integritas' must be above 0, found 0",
            "baterai.yaml:7:3: error: competency 'teknis-a' is measured by 1 instrument in battery 'bat', fewer than min-methods 2",
            "baterai.yaml:7:23: error: unknown instrument 'tess' in battery 'bat'; did you mean 'tes'?",
            "instrumen-2.yaml:6:32: error: rating step 0.3 does not divide the scale 1–5 into whole steps",
            "instrumen.yaml:2:5: error: duplicate instrument id 'ex-a' (first defined at instrumen-2.yaml:2:5)",
            "jabatan.yaml:6:22: error: level 6 of 'teknis-a' in position 'kabid' is outside the dictionary's scale 1–5",
            "jabatan.yaml:7:12: error: unknown competency 'kerja-sama-tim' in position 'kabid'; did you mean 'kerja-sama'?",
            "katalog.yaml:6:12: error: unknown route 'kelas'; expected one of klasikal, non-klasikal",
            "katalog.yaml:8:19: error: activity 'pelatihan-integritas' develops no competency; list at least one under 'competencies'",
            "katalog.yaml:9:27: error: target levels of activity 'pelatihan-integritas' end (2) before they start (4)",
            "katalog.yaml:10:9: error: activity 'pelatihan-integritas' must have a positive number of JP, found 0",
        ])
    }

    @Test func missingScoringIsReportedForTheLibrary() {
        let result = LibraryLoader().load(sources: [], root: "Instruments")
        #expect(result.findings.map(\.description) == [
            "Instruments: error: no 'kind: scoring' document: JPM, categories and the 9-box need one"
        ])
    }

    /// An empty file, or one of comments only, is reported at that file (not as a missing scoring document).
    @Test(arguments: ["", "# penilaian: diisi nanti\n", "---\n"])
    func fileWithoutADocument(text: String) {
        let base = LibraryFixture.load().findings
        #expect(base.isEmpty)
        var sources = LibraryFixture.baseSources()
        sources.append((path: "kosong.yaml", bytes: Array(text.utf8)))
        let result = LibraryLoader().load(sources: sources, root: "library")
        #expect(result.findings.map(\.description) == [
            "kosong.yaml: error: the file holds no document (it is empty, or comments only); give it a 'kind:' and its content, or delete it"
        ])
    }

    @Test func missingFolder() {
        let result = LibraryLoader().load(folder: "/nonexistent/Instruments")
        #expect(result.findings.map(\.description) == [
            "/nonexistent/Instruments: error: the instrument library folder does not exist"
        ])
    }
}

/// The alternatives shipped in `Instruments/alternatif/`: not loaded with the library, and valid in place
/// of the file they replace.
@Suite struct AlternativeScoringTests {
    static let instruments = URL(fileURLWithPath: ShippedLibraryTests.folder)

    @Test func alternativesAreNotLoaded() {
        #expect(!LibraryLoader.yamlFiles(in: ShippedLibraryTests.folder).contains { $0.contains("/alternatif/") })
    }

    /// The peer formula's scoring in place of `penilaian.yaml`: mean of rounded ratios, rounded, decided on.
    @Test func peerFormulaScoringLoads() throws {
        var sources = LibraryLoader.yamlFiles(in: ShippedLibraryTests.folder).filter { !$0.hasSuffix("/penilaian.yaml") }
            .map { (path: $0, bytes: [UInt8](FileManager.default.contents(atPath: $0)!)) }
        let alternative = Self.instruments.appendingPathComponent("alternatif/penilaian-rerata-rasio.yaml").path
        sources.append((path: alternative, bytes: [UInt8](FileManager.default.contents(atPath: alternative)!)))
        let result = LibraryLoader().load(sources: sources, root: "Instruments")
        #expect(result.findings.map(\.description) == [])
        let jpm = try #require(result.library?.scoring.jpm)
        #expect(jpm.aggregation == .meanOfRatios && jpm.ratioDecimals == 2 && jpm.percentDecimals == 2)
        #expect(result.library?.scoring.allowsPartialResults == false)
    }

    @Test func settingsOutOfRangeAreRefused() {
        var sources = LibraryFixture.baseSources()
        let index = sources.firstIndex { $0.path == "penilaian.yaml" }!
        var text = String(decoding: sources[index].bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "categories:\n", with: "partial-results: sometimes\njpm:\n  ratio-decimals: 9\ncategories:\n")
        sources[index].bytes = Array(text.utf8)
        let findings = LibraryLoader().load(sources: sources, root: "library").findings.map(\.description)
        #expect(findings.contains { $0.hasSuffix("error: ratio-decimals must be 0 to 6, found 9") })
        #expect(findings.contains { $0.hasSuffix("error: ratio-decimals rounds each level ÷ standard of 'mean-of-ratios'; the aggregation here is 'sum-ratio'") })
        #expect(findings.contains { $0.hasSuffix("error: partial-results is 'refused' (the default) or 'allowed', found 'sometimes'") })
    }

    /// Reports show an activity's type by the catalog's name for it: a type the catalog does not name is an
    /// error at the activity, and so is a catalog without names.
    @Test func activityTypesAreNamedByTheCatalog() throws {
        var sources = LibraryFixture.baseSources()
        let index = sources.firstIndex { $0.path == "katalog.yaml" }!
        let text = String(decoding: sources[index].bytes, as: UTF8.self)
        sources[index].bytes = Array(text.replacingOccurrences(of: "    type: pelatihan\n", with: "    type: pelatihn\n").utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    type: pelatihan" }! + 1
        var findings = LibraryLoader().load(sources: sources, root: "library").findings.map(\.description)
        #expect(
            findings == [
                "katalog.yaml:\(line):11: error: unknown activity type 'pelatihn' in activity 'pelatihan-integritas'; did you mean 'pelatihan'? (the catalog's 'types' lists those it has)"
            ])
        sources[index].bytes = Array(text.replacingOccurrences(of: "types:\n  pelatihan: Pelatihan\n", with: "").utf8)
        findings = LibraryLoader().load(sources: sources, root: "library").findings.map(\.description)
        #expect(findings == ["katalog.yaml:2:5: error: catalog 'katalog' has no 'types': list each activity type with the name reports show for it"])
    }

    /// The agency's letterhead: one document, its logo a PNG or SVG that can be read.
    @Test func theAgencyDocumentAndItsLogo() throws {
        var sources = LibraryFixture.baseSources()
        sources.append((path: "instansi.yaml", bytes: Array("kind: agency\nid: a\nname: BKPSDM\nlogo: logo.gif\n".utf8)))
        sources.append((path: "instansi-2.yaml", bytes: Array("kind: agency\nid: b\nname: BKD\nlogo: tidak-ada.png\n".utf8)))
        let findings = LibraryLoader().load(sources: sources, root: "library").findings.map(\.description)
        #expect(findings.contains("instansi.yaml:4:7: error: the logo 'logo.gif' is neither .png nor .svg; save it as one of them"), "\(findings)")
        #expect(findings.contains { $0.hasPrefix("instansi-2.yaml:2:5: error: a second agency document 'b' (the first is 'a' at instansi.yaml:2:5)") }, "\(findings)")
        var unreadable = LibraryFixture.baseSources()
        unreadable.append((path: "instansi.yaml", bytes: Array("kind: agency\nid: a\nname: BKPSDM\nlogo: tidak-ada.png\n".utf8)))
        #expect(
            LibraryLoader().load(sources: unreadable, root: "library").findings.map(\.description) == [
                "instansi.yaml:4:7: error: cannot read the logo 'tidak-ada.png' (looked at tidak-ada.png); it must be a file of at most 512 KB beside the agency document"
            ])

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-agency-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8).write(to: folder.appendingPathComponent("logo.svg"))
        var good = LibraryFixture.baseSources()
        good.append((path: folder.appendingPathComponent("instansi.yaml").path, bytes: Array("kind: agency\nid: a\nname: BKPSDM\nplace: Kota Contoh\nlogo: logo.svg\n".utf8)))
        let loaded = LibraryLoader().load(sources: good, root: "library")
        #expect(loaded.findings.map(\.description) == [])
        #expect(loaded.library?.agency?.place == "Kota Contoh")
        #expect(loaded.library?.agency?.logo?.hasPrefix("data:image/svg+xml;base64,") == true)
    }

    /// A summary's minimum group has a floor: in a group of two each learns the other's result.
    @Test func aMinimumGroupUnderThreeIsRefusedWhereItIsWritten() throws {
        var sources = LibraryFixture.baseSources()
        let index = sources.firstIndex { $0.path == "penilaian.yaml" }!
        let text = String(decoding: sources[index].bytes, as: UTF8.self).replacingOccurrences(of: "categories:\n", with: "minimum-group-size: 2\ncategories:\n")
        sources[index].bytes = Array(text.utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("minimum-group-size:") }! + 1
        let findings = LibraryLoader().load(sources: sources, root: "library").findings.map(\.description)
        #expect(
            findings.contains(
                "penilaian.yaml:\(line):21: error: minimum-group-size must be at least 3, found 2: in smaller groups people learn each other's results (UU 27/2022 PDP)"),
            "\(findings)")
    }
}

/// The library shipped in `Instruments/`.
@Suite struct ShippedLibraryTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Instruments").path

    @Test func loadsWithoutFindings() throws {
        let result = LibraryLoader().load(folder: Self.folder)
        #expect(result.findings.map(\.description) == [])
        let library = try #require(result.library)
        #expect(result.summary.competencies == 14)
        #expect(library.dictionaries.first { $0.id == "kamus-manajerial-sosiokultural" }?.competencies.count == 9)
        #expect(library.positions.count >= 10)
        #expect(Set(["jpt-pratama", "administrator", "pengawas"]).isSubset(of: library.batteries.keys))
    }

    @Test func everyBatteryMeasuresEachCompetencyTwice() throws {
        let library = try #require(LibraryLoader().load(folder: Self.folder).library)
        for battery in library.batteries.values {
            for (competency, measures) in battery.measures {
                #expect(measures.count >= 2, "\(battery.id) measures \(competency) \(measures.count) times")
            }
        }
    }

    @Test func positionsInheritJobLevelDefaults() throws {
        let library = try #require(LibraryLoader().load(folder: Self.folder).library)
        let head = try #require(library.positions["kepala-bkpsdm"])
        #expect(head.requiredLevel("komunikasi") == 4)
        #expect(head.requiredLevel("mutasi-promosi-asn") == 4)
        #expect(head.requiredLevel("penilaian-kompetensi-asn") == 3)
        #expect(head.criticalCompetencies == ["integritas", "pengambilan-keputusan", "mutasi-promosi-asn"])
        #expect(head.qualifications.rank?.minimum == Golongan(parsing: "IV/b"))
        let analyst = try #require(library.positions["analis-sdm-ahli-muda"])
        #expect(analyst.requiredLevel("integritas") == 2)
        #expect(analyst.battery == "fungsional")
    }

    @Test func catalogCoversEveryCompetencyAndLevel() throws {
        let library = try #require(LibraryLoader().load(folder: Self.folder).library)
        for competency in library.competencyOrder {
            for level in 1...5 {
                let activities = library.activities(for: competency, toward: level)
                #expect(!activities.isEmpty, "no activity develops \(competency) toward level \(level)")
            }
            let routes = Set(library.activities.filter { $0.competencies.contains(competency) }.map(\.route))
            #expect(routes == [.klasikal, .nonKlasikal], "\(competency) lacks a route")
        }
    }

    @Test func competenciesAreFoundByIdCodeAndName() throws {
        let library = try #require(LibraryLoader().load(folder: Self.folder).library)
        #expect(library.competency(named: "M.01")?.id == "integritas")
        #expect(library.competency(named: "  pengambilan   keputusan ")?.id == "pengambilan-keputusan")
        #expect(library.competency(named: "SK.01")?.name == "Perekat Bangsa")
        #expect(library.competency(named: "T.04")?.group == .teknis)
        #expect(library.competency(named: "Kepemimpinan") == nil)
    }
}

/// The fairness audit's settings in the scoring file (issue 17).
@Suite struct FairnessSettingsTests {
    @Test func defaultsAndFaults() throws {
        let base = try #require(LibraryFixture.load().library)
        #expect(base.scoring.fairness == FairnessSettings())
        #expect(LibraryFixture.findings("fairness-settings") == [
            "penilaian.yaml:41:19: error: age bands ascend: 30 does not come after 30",
            "penilaian.yaml:41:23: error: age 90 is not a civil servant's age (15–80)",
            "penilaian.yaml:42:17: error: impact-ratio is a share between 0 and 1 (0.8 for the four-fifths rule), found 1.2",
            "penilaian.yaml:43:18: error: top-boxes are 9-box numbers 1–9, found 10",
        ])
    }
}

/// Test norms (`kind: norm`) and levels by a norm (`norm-conversion`), issue 16.
@Suite struct NormLibraryTests {
    @Test func normsLoadAndConversionsBecomeRawTables() throws {
        let result = LibraryFixture.load("norm-conversion")
        #expect(result.findings.map(\.description) == [])
        let library = try #require(result.library)
        #expect(library.norms.keys.sorted() == ["tes-normal", "tes-tabel"])
        #expect(result.summary.norms == 2)
        // Mean 10, SD 4: stanine = ⌊2z + 5.5⌋, so raw 0–6 stanine 1–3 (… 3 begins at z −1.25, raw 5).
        guard case .test(_, let stanineTable)? = library.instruments["tes-stanine"]?.method else { Issue.record("not a test"); return }
        #expect(stanineTable == [
            ConversionBand(from: 0, to: 4, level: 1), ConversionBand(from: 5, to: 8, level: 2), ConversionBand(from: 9, to: 10, level: 3),
            ConversionBand(from: 11, to: 14, level: 4), ConversionBand(from: 15, to: 20, level: 5),
        ])
        #expect(library.instruments["tes-stanine"]?.normConversion?.scale == .stanine)
        // Percentiles 5 per raw point: 12.5 (a decimal comma) begins level 2 at raw 3 (percentile 15), not 2 (10).
        guard case .test(_, let percentileTable)? = library.instruments["tes-persentil"]?.method else { Issue.record("not a test"); return }
        #expect(percentileTable == [
            ConversionBand(from: 0, to: 2, level: 1), ConversionBand(from: 3, to: 7, level: 2), ConversionBand(from: 8, to: 11, level: 3),
            ConversionBand(from: 12, to: 17, level: 4), ConversionBand(from: 18, to: 20, level: 5),
        ])
    }

    /// Every fault of the fixture, each at its place: the conversions' in instrumen-norma.yaml, the
    /// norm groups' in norma.yaml.
    @Test func faultsArePinnedWhereTheyAre() {
        #expect(LibraryFixture.findings("norm-faults") == Self.faults)
    }

    static let faults = [
        "instrumen-norma.yaml:7:34: error: norm 'n-p' cannot convert by percentile: it is a mean and SD, whose percentiles go through the normal curve and are not exact; convert by z, t or stanine, or give the norm a percentile table",
        "instrumen-norma.yaml:15:25: error: norm 'n-p' is for test 'tes-p', not 'tes-q'",
        "instrumen-norma.yaml:23:25: error: unknown norm 'n-unknown'; the library's norms: n-exercise, n-p, n-short",
        "instrumen-norma.yaml:32:9: error: norm 'n-p' is for test 'tes-p', not 'tes-s'",
        "instrumen-norma.yaml:36:13: error: band minimums fall from the top: 7 is not below 7",
        "instrumen-norma.yaml:36:23: error: level 5 below a band of level 4: a higher standing cannot give a lower level",
        "instrumen-norma.yaml:37:13: error: band minimums fall from the top: 10 is not below 7",
        "instrumen-norma.yaml:37:13: error: stanine 10 is outside 1–9",
        "instrumen-norma.yaml:38:13: error: the last band takes everything below the one above: leave out its 'min'",
        "instrumen-norma.yaml:48:18: error: test 'tes-t' has both a 'conversion' table (line 47) and a 'norm-conversion': keep one",
        "instrumen-norma.yaml:56:34: error: unknown norm scale 'sten'; expected one of z, t, percentile, stanine",
        "norma.yaml:8:5: error: standard deviation 0 must be above 0",
        "norma.yaml:19:11: error: raw score 10 does not rise above the previous point's 12: list the points by rising raw score",
        "norma.yaml:20:27: error: percentile 50 falls below the previous point's 70: a higher raw score cannot stand lower",
        "norma.yaml:21:27: error: percentile 101 is outside 0–100",
        "norma.yaml:30:3: error: the table runs from raw 5 to 15; test 'tes' scores 0–20: extend it to the test's raw scale",
        "norma.yaml:35:7: error: norm 'n-exercise' is for 'ex-a', an exercise: norms are for tests",
        "norma.yaml:43:5: error: norm 'n-none' needs 'mean' and 'sd', or a 'percentiles' table [{raw, percentile}, …]",
        "norma.yaml:47:7: error: norm year 1850 is not a year the norm group could have been tested in",
    ]
}
