import MeritCore
import Testing

@Suite struct JPMTests {
    func gaps(_ pairs: [(Rational?, Int)], groups: [CompetencyGroup]? = nil) -> [CompetencyGap] {
        pairs.enumerated().map { index, pair in
            CompetencyGap(
                competency: index, group: groups?[index] ?? .manajerial, required: pair.1, level: pair.0, isCritical: false)
        }
    }

    @Test func sumRatio() {
        let jpm = JobPersonMatch.compute(gaps([(3, 3), (2, 3), (4, 3), (3, 4)]), settings: JPMSettings())
        #expect(jpm.value == Rational(1200, 13))  // 12 / 13 × 100
        #expect(jpm.formatted() == "92.31")
        #expect(jpm.formatted(decimalSeparator: ",") == "92,31")
        #expect(jpm.achieved == 12 && jpm.required == 13)
    }

    @Test func meanOfRatios() {
        let jpm = JobPersonMatch.compute(gaps([(3, 3), (2, 4)]), settings: JPMSettings(aggregation: .meanOfRatios))
        #expect(jpm.value == 75)  // (1 + 0.5) / 2
    }

    @Test func capsPerCompetencyAndFinal() {
        let above = gaps([(5, 3), (2, 3)])
        #expect(JobPersonMatch.compute(above, settings: JPMSettings()).value == Rational(700, 6))
        #expect(JobPersonMatch.compute(above, settings: JPMSettings(cap: .perCompetency)).value == Rational(500, 6))
        let high = gaps([(5, 3), (4, 3)])
        #expect(JobPersonMatch.compute(high, settings: JPMSettings(cap: .final100)).value == 100)
        #expect(JobPersonMatch.compute(high, settings: JPMSettings()).value == 150)
    }

    /// A missing level counts as no number at all: the JPM is over the competencies that have one, and says so.
    @Test func missingLevelIsNotANumber() {
        let jpm = JobPersonMatch.compute(gaps([(nil, 3), (3, 3)]), settings: JPMSettings())
        #expect(jpm.value == 100)
        #expect(jpm.isPartial && jpm.covered == 1 && jpm.of == 2)
        #expect(jpm.achieved == 3 && jpm.required == 3)
    }

    /// The formula of a public ASN assessment system, ROUND(100 × Σ ROUND(level/standard, 2) / n, 2), as
    /// settings: each ratio rounded to 2 places, the mean × 100 rounded to 2 places, categories on that.
    @Test func peerFormulaAsSettings() {
        let peer = JPMSettings(aggregation: .meanOfRatios, ratioDecimals: 2, percentDecimals: 2)
        let exact = JPMSettings(aggregation: .meanOfRatios)
        // 2/3, 2/3, 3/3: exactly 77.78 (kurang optimal, below 78); rounded ratios 0.67 + 0.67 + 1 give 78.00.
        let third = gaps([(2, 3), (2, 3), (3, 3)])
        #expect(JobPersonMatch.compute(third, settings: exact).value == Rational(700, 9))
        #expect(JobPersonMatch.compute(third, settings: peer).value == 78)
        #expect(TestLibrary.mapping.band(for: Rational(700, 9)).id == "kurang-optimal")
        #expect(TestLibrary.mapping.band(for: 78).id == "cukup-optimal")
        // A selection boundary: exactly 67.86 (KMS), by the peer formula 68.00 (MMS).
        let boundary = gaps([(3, 3), (4, 4), (2, 3), (2, 3), (1, 4), (2, 3), (2, 4)])
        let exactValue = JobPersonMatch.compute(boundary, settings: exact).value
        let peerValue = JobPersonMatch.compute(boundary, settings: peer).value
        #expect(exactValue == Rational(475, 7))
        #expect(peerValue == 68)
        #expect(TestLibrary.selection.band(for: exactValue).id == "KMS")
        #expect(TestLibrary.selection.band(for: peerValue).id == "MMS")
    }

    @Test func groupWeights() {
        // Technical 40, managerial + socio-cultural 60 (Berita Negara 2020 No. 35).
        let settings = JPMSettings(groupWeights: [
            GroupWeight(groups: [.teknis], weight: 40), GroupWeight(groups: [.manajerial, .sosialKultural], weight: 60),
        ])
        let mixed = gaps([(3, 3), (2, 4), (1, 2)], groups: [.manajerial, .sosialKultural, .teknis])
        // managerial + socio-cultural: 5/7 × 100; technical: 50 → (60 × 500/7 + 40 × 50) / 100
        #expect(JobPersonMatch.compute(mixed, settings: settings).value == (Rational(60) * Rational(500, 7) + 2000) / 100)
        // A position without technical competencies uses only the weights it has.
        let managerialOnly = gaps([(3, 3), (2, 4)])
        #expect(JobPersonMatch.compute(managerialOnly, settings: settings).value == Rational(500, 7))
    }

    @Test(arguments: [
        ("80", "MS"), ("79.99", "MMS"), ("68", "MMS"), ("67.99", "KMS"), ("100", "MS"), ("0", "KMS"),
    ])
    func selectionBoundaries(jpm: String, band: String) {
        #expect(TestLibrary.selection.band(for: Rational(decimal: jpm)!).id == band)
    }

    @Test(arguments: [
        ("90", "optimal"), ("89.99", "cukup-optimal"), ("78", "cukup-optimal"), ("77.99", "kurang-optimal"),
    ])
    func mappingBoundaries(jpm: String, band: String) {
        #expect(TestLibrary.mapping.band(for: Rational(decimal: jpm)!).id == band)
    }

    /// JPMs that land exactly on a boundary through division, where a float would drift.
    @Test func exactBoundariesThroughDivision() {
        let eighty = JobPersonMatch.compute(gaps([(2, 3), (Rational(5, 2), 4), (Rational(7, 2), 3), (4, 5)]), settings: JPMSettings())
        #expect(eighty.value == 80)
        #expect(TestLibrary.selection.band(for: eighty.value).id == "MS")
        let justBelow = Rational(79_999_999, 1_000_000)
        #expect(TestLibrary.selection.band(for: justBelow).id == "MMS")
        let seventyEight = JobPersonMatch.compute(gaps([(Rational(39, 10), 5)]), settings: JPMSettings())
        #expect(seventyEight.value == 78 && TestLibrary.mapping.band(for: seventyEight.value).id == "cukup-optimal")
        let sixtyEight = JobPersonMatch.compute(gaps([(Rational(17, 5), 5)]), settings: JPMSettings())
        #expect(sixtyEight.value == 68 && TestLibrary.selection.band(for: sixtyEight.value).id == "MMS")
        let ninety = JobPersonMatch.compute(gaps([(Rational(9, 2), 5)]), settings: JPMSettings())
        #expect(ninety.value == 90 && TestLibrary.mapping.band(for: ninety.value).id == "optimal")
    }
}

@Suite struct PositionMatchTests {
    let library = TestLibrary.library()
    let scorer = Scorer(library: TestLibrary.library(), referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    func match(_ levels: [String: Rational], profile: PersonProfile? = TestLibrary.profile(), assessedOn: CalendarDate? = nil) -> PositionMatch {
        scorer.match(TestLibrary.levels(library, levels, assessedOn: assessedOn), profile: profile, position: TestLibrary.position)
    }

    @Test func gapsAndCategories() {
        let result = match(["a": 3, "b": 2, "c": 4, "t": 3])
        #expect(result.gaps.map(\.gap) == [0, -1, 1, 0])
        #expect(result.jpm.value == 100)
        #expect(result.category("selection")?.band.id == "MS")
        #expect(result.category("mapping")?.band.id == "optimal")
        #expect(result.criticalGapCount == 0)
        #expect(result.gapPoints == 1)
    }

    /// Every rating NE: nothing can be decided ("tidak dapat dinilai") — no category, no 9-box place.
    @Test func noEvidenceAtAllIsNotAssessable() {
        let result = match([:])
        #expect(result.completeness == .notAssessable)
        #expect(!result.isDecided)
        #expect(result.categories.isEmpty && result.category("selection") == nil)
        #expect(result.talent.box == nil && result.talent.potential == nil)
        #expect(result.jpm.covered == 0 && result.jpm.of == 4)
    }

    /// One required competency without a level: incomplete ("belum lengkap"), named, undecided; the JPM
    /// covers the other three and is marked partial; the missing one is neither a gap nor a zero.
    @Test func oneMissingCompetencyIsIncomplete() {
        let result = match(["a": 3, "b": 3, "c": 3])
        #expect(result.completeness == .incomplete(missing: [library.competencyRef("t")!]))
        #expect(!result.isDecided)
        #expect(result.categories.isEmpty && result.talent.box == nil)
        #expect(result.jpm.value == 100 && result.jpm.isPartial && result.jpm.covered == 3)
        #expect(result.criticalGapCount == 0 && result.gapPoints == 0)
        #expect(Shortlist.rank([result]).isEmpty)
    }

    /// Where the scoring allows partial results, the same person gets categories from the JPM they have.
    @Test func partialResultsWhenTheScoringAllowsThem() {
        var settings = TestLibrary.scoring()
        settings.allowsPartialResults = true
        let partial = Scorer(library: TestLibrary.library(scoring: settings), referenceDate: scorer.referenceDate)
            .match(TestLibrary.levels(library, ["a": 3, "b": 3, "c": 3]), profile: TestLibrary.profile(), position: TestLibrary.position)
        #expect(partial.completeness == .incomplete(missing: [library.competencyRef("t")!]))
        #expect(partial.isDecided)
        #expect(partial.category("selection")?.band.id == "MS")
        #expect(partial.talent.box != nil)
        #expect(Shortlist.rank([partial]).count == 1)
        // Nothing at all is never decided, whatever the setting.
        let nothing = Scorer(library: TestLibrary.library(scoring: settings), referenceDate: scorer.referenceDate)
            .match(TestLibrary.levels(library, [:]), profile: nil, position: TestLibrary.position)
        #expect(!nothing.isDecided)
    }

    @Test func criticalGapCapsSelection() {
        let result = match(["a": 2, "b": 4, "c": 4, "t": 3])
        #expect(result.jpm.value == Rational(1300, 12))
        #expect(result.category("selection")?.band.id == "MMS")
        #expect(result.category("selection")?.cappedFrom?.id == "MS")
        #expect(result.category("mapping")?.band.id == "optimal")
        #expect(result.criticalGapCount == 1)
        let uncapped = Scorer(library: TestLibrary.library(scoring: TestLibrary.scoring(criticalGapCap: nil)), referenceDate: scorer.referenceDate)
            .match(TestLibrary.levels(library, ["a": 2, "b": 4, "c": 4, "t": 3]), profile: nil, position: TestLibrary.position)
        #expect(uncapped.category("selection")?.band.id == "MS")
    }

    @Test func qualifiedPerson() {
        let result = match(["a": 3, "b": 3, "c": 3, "t": 3])
        #expect(result.qualification.isQualified)
        #expect(result.qualification.reasons.isEmpty)
        #expect(result.recommendation.isQualified && result.recommendation.selection?.id == "MS")
    }

    @Test func unqualifiedPersonWithReasons() {
        let profile = TestLibrary.profile(education: .d3, field: "Teknik Sipil", rank: "III/b", trainings: ["PKP"], years: 2)
        let check = match(["a": 3, "b": 3, "c": 3, "t": 3], profile: profile).qualification
        #expect(!check.isQualified)
        #expect(check.reasons.map(\.issue.description) == [
            "education D3 is below S1",
            "field 'Teknik Sipil' is not one of Manajemen",
            "golongan III/b is below III/d",
            "training 'Pelatihan Kepemimpinan Administrator' missing",
            "training 'Bimtek Merit' missing",
            "2 years of experience as pengawas; 3 needed",
        ])
        #expect(check.reasons.map(\.priority) == [.mutlak, .mutlak, .mutlak, .mutlak, .perlu, .mutlak])
    }

    @Test func onlyPerluMissingStaysQualified() {
        let profile = TestLibrary.profile(trainings: ["PKA"])
        let check = match(["a": 3, "b": 3, "c": 3, "t": 3], profile: profile).qualification
        #expect(check.isQualified)
        #expect(check.reasons.map(\.issue) == [.trainingMissing(name: "Bimtek Merit")])
    }

    @Test func unknownProfileIsNotQualified() {
        let result = match(["a": 3, "b": 3, "c": 3, "t": 3], profile: nil)
        #expect(!result.qualification.isQualified && !result.qualification.profileKnown)
        #expect(result.talent.box == nil)
    }

    @Test func experienceAtALowerJobLevelDoesNotCount() {
        let profile = TestLibrary.profile(years: 10, jobLevel: "pelaksana")
        #expect(!match(["a": 3, "b": 3, "c": 3, "t": 3], profile: profile).qualification.isQualified)
    }

    /// Potential ≥ 90 tinggi, ≥ 78 menengah, else rendah; performance from the predikat.
    @Test(arguments: [
        (Rational(3), "Kurang", 1), (Rational(3), "Baik", 2), (Rational(3), "Sangat Baik", 4),
        (Rational(7, 2), "Butuh Perbaikan", 3), (Rational(7, 2), "Baik", 5), (Rational(7, 2), "Sangat Baik", 7),
        (Rational(4), "Kurang", 6), (Rational(4), "Baik", 8), (Rational(4), "sangat baik", 9),
    ])
    func nineBoxes(level: Rational, predikat: String, box: Int) {
        // Required 4 each: level 3 → JPM 75 (rendah), 3.5 → 87.5 (menengah), 4 → 100 (tinggi).
        let standard = PositionStandard(
            id: "p4", title: "P4", unit: "U", jobLevel: "administrator", battery: "bat",
            required: ["a", "b"].map { RequiredCompetency(competency: $0, level: 4) }, qualifications: .none)
        let result = scorer.match(
            TestLibrary.levels(library, ["a": level, "b": level]), profile: TestLibrary.profile(performance: predikat), position: standard)
        #expect(result.talent.box?.number == box)
        #expect(result.talent.box?.actions == ["aksi \(box)"])
    }

    @Test func numericPerformanceUsesScoreBands() {
        var settings = TestLibrary.nineBox
        settings.performanceBands = [
            ScoreBand(id: "di-atas", label: "Di atas", minimum: 110), ScoreBand(id: "sesuai", label: "Sesuai", minimum: 90),
            ScoreBand(id: "di-bawah", label: "Di bawah", minimum: nil),
        ]
        #expect(TalentPlacement.place(jpm: 100, performance: "110", settings: settings).box?.number == 9)
        #expect(TalentPlacement.place(jpm: 100, performance: "109,5", settings: settings).box?.number == 8)
        #expect(TalentPlacement.place(jpm: 80, performance: "50", settings: settings).box?.number == 3)
        #expect(TalentPlacement.place(jpm: 80, performance: "Luar biasa", settings: settings).performance == nil)
    }

    /// The cohort scorer scores against the library's position as it is now: a standard changed after the
    /// library was built is the one whose requirements count.
    @Test func cohortScorerUsesAPositionChangedAfterLoading() {
        var library = TestLibrary.library()
        let evidence = TestLibrary.evidence(in: library, ratings: [("a", "ex1", "asr1", "3"), ("b", "ex1", "asr1", "3")])
        let before = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 6, day: 1)!)
            .score([evidence], profiles: [evidence.nip: TestLibrary.profile()])
        #expect(before.first?.match?.gaps.map(\.required) == [3, 3, 3, 3])
        library.positions["kabid"]?.required = [RequiredCompetency(competency: "a", level: 4)]
        let after = CohortScorer(library: library, referenceDate: CalendarDate(year: 2026, month: 6, day: 1)!)
            .score([evidence], profiles: [evidence.nip: TestLibrary.profile()])
        #expect(after.first?.match?.gaps.map(\.required) == [4])
        #expect(after.first?.match?.gaps.map(\.level) == [3])
    }

    /// The predikat is matched without regard to case, also after the settings' map is changed; keys equal
    /// but for case (which the library refuses) give the smallest key's band, whatever the map's order.
    @Test func predikatMatchesWithoutRegardToCase() {
        var settings = TestLibrary.nineBox
        #expect(TalentPlacement.place(jpm: 100, performance: " BAIK ", settings: settings).performance?.id == "sesuai")
        settings.predikat = ["Istimewa": "di-atas"]
        #expect(TalentPlacement.place(jpm: 100, performance: "istimewa", settings: settings).box?.number == 9)
        #expect(TalentPlacement.place(jpm: 100, performance: "Baik", settings: settings).performance == nil)
        settings.predikat = ["baik": "di-bawah", "Baik": "sesuai"]
        #expect(settings.performanceBand(predikat: "bAIK") == "sesuai")
    }

    @Test func expiredAfterThreeYears() {
        let fresh = match(["a": 3], assessedOn: CalendarDate(year: 2024, month: 1, day: 10))
        #expect(!fresh.validity.isExpired)
        // Valid for three years: the last valid day is the day before the third anniversary.
        #expect(fresh.validity.validUntil == CalendarDate(year: 2027, month: 1, day: 9))
        let old = match(["a": 3], assessedOn: CalendarDate(year: 2023, month: 11, day: 22))
        #expect(old.validity.isExpired)
        let dayBefore = match(["a": 3], assessedOn: CalendarDate(year: 2023, month: 11, day: 23))
        #expect(!dayBefore.validity.isExpired)
    }

    @Test func jpmWorkingListsEveryTerm() {
        let working = match(["a": 3, "b": 2, "c": 4]).jpmWorking(library: library)
        #expect(working.terms.map(\.competency) == ["a", "b", "c", "t"])
        #expect(working.terms.map(\.counted) == [3, 2, 4, 0])
        #expect(working.terms[3].level == nil)
        // `t` has no level: it is not counted, and the JPM covers 3 of the 4 competencies.
        #expect(working.jpm.achieved == 9 && working.jpm.required == 9 && working.jpm.covered == 3 && working.jpm.of == 4)
    }
}

@Suite struct ShortlistTests {
    let library = TestLibrary.library()
    let scorer = Scorer(library: TestLibrary.library(), referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    func candidate(_ nip: String, _ levels: [String: Rational], qualified: Bool = true) -> PositionMatch {
        let profile = qualified ? TestLibrary.profile(nip: nip) : TestLibrary.profile(nip: nip, rank: "III/a")
        return scorer.match(TestLibrary.levels(library, levels, nip: nip), profile: profile, position: TestLibrary.position)
    }

    @Test func ordersByRecommendationThenJPMThenCriticalGapsThenGapPoints() {
        let unqualifiedTop = candidate("5", ["a": 5, "b": 5, "c": 5, "t": 5], qualified: false)
        let ms = candidate("4", ["a": 3, "b": 3, "c": 3, "t": 3])
        let msHigher = candidate("3", ["a": 4, "b": 3, "c": 3, "t": 3])
        let mms = candidate("2", ["a": 3, "b": 2, "c": 2, "t": 3])
        let ranked = Shortlist.rank([unqualifiedTop, mms, ms, msHigher])
        #expect(ranked.map(\.match.nip) == ["3", "4", "2", "5"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func equalJPMBrokenByCriticalGapsThenGapPoints() {
        // Same JPM (12/12): one has a critical gap on 'a'.
        let critical = candidate("1", ["a": 2, "b": 4, "c": 3, "t": 3])
        let clean = candidate("2", ["a": 3, "b": 3, "c": 3, "t": 3])
        #expect(Shortlist.rank([critical, clean]).map(\.match.nip) == ["2", "1"])
        // Same JPM, no critical gap: fewer gap points first.
        let spread = candidate("3", ["a": 4, "b": 2, "c": 2, "t": 4])
        let even = candidate("4", ["a": 3, "b": 3, "c": 2, "t": 4])
        #expect(Shortlist.rank([spread, even]).map(\.match.nip) == ["4", "3"])
    }

    @Test func tiesShareARankAndAreMarked() {
        let first = candidate("2", ["a": 3, "b": 3, "c": 3, "t": 3])
        let second = candidate("1", ["a": 3, "b": 3, "c": 3, "t": 3])
        let third = candidate("3", ["a": 3, "b": 2, "c": 3, "t": 3])
        let ranked = Shortlist.rank([first, second, third])
        #expect(ranked.map(\.match.nip) == ["1", "2", "3"])
        #expect(ranked.map(\.rank) == [1, 1, 3])
        #expect(ranked.map(\.tied) == [true, true, false])
        #expect(Shortlist.rank([first, second, third], top: 1).count == 2)
        #expect(Shortlist.rule.contains("then NIP"))
    }
}
