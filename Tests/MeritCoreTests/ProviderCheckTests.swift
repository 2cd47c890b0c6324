@testable import MeritCore
import Testing

/// A provider's JPM and category against Merit's.
@Suite struct ProviderCheckTests {
    let library = TestLibrary.library()
    let scorer = Scorer(library: TestLibrary.library(), referenceDate: CalendarDate(year: 2026, month: 11, day: 22)!)

    /// A result with the given levels against the test position (JPM = Σ levels / 12 × 100).
    func result(_ levels: [String: Rational], nip: String = "199001012015031001") -> PersonResult {
        let participant = TestLibrary.levels(library, levels, nip: nip)
        return PersonResult(
            evidence: ParticipantEvidence(nip: nip, battery: "bat"), profile: nil, levels: participant,
            match: scorer.match(participant, profile: nil, position: TestLibrary.position))
    }

    func check(_ claims: [ProviderCheck.Claim], _ results: [PersonResult], batch: String = "b1") -> ProviderCheck.Outcome {
        ProviderCheck(library: library).compare(claims, results: results, batches: Dictionary(uniqueKeysWithValues: results.map { ($0.evidence.nip, batch) }))
    }

    /// 11 of 12 level points: JPM 91.666…; a provider writing 91.67 or 91.7 or 92 agrees, 91.66 does not.
    @Test func jpmAgreesAtTheProvidersDecimals() {
        let scored = result(["a": 3, "b": 3, "c": 3, "t": 2])
        for written in ["91.67", "91.7", "92"] {
            #expect(check([ProviderCheck.Claim(nip: scored.evidence.nip, batch: "b1", jpmText: written)], [scored]).disagreements == [])
        }
        let outcome = check([ProviderCheck.Claim(nip: scored.evidence.nip, batch: "b1", jpmText: "91.66")], [scored])
        #expect(outcome.compared == 1)
        #expect(outcome.disagreements == [
            ProviderCheck.Disagreement(
                nip: scored.evidence.nip, batch: "b1", what: "JPM", provider: "91.66", merit: "91.67",
                why: "11.00 of 12.00 required level points against 'kabid' (sum-ratio, cap none)")
        ])
    }

    /// The category says why: its band's bounds, or the critical gap that capped it.
    @Test func categoryDisagreementsSayWhy() {
        let plain = result(["a": 3, "b": 3, "c": 3, "t": 2])
        let capped = result(["a": 2, "b": 4, "c": 4, "t": 3], nip: "199001012015031002")
        let outcome = check(
            [
                ProviderCheck.Claim(nip: plain.evidence.nip, batch: "b1", categorySet: "selection", category: "MMS"),
                ProviderCheck.Claim(nip: plain.evidence.nip, batch: "b1", categorySet: "mapping", category: "optimal"),
                ProviderCheck.Claim(nip: capped.evidence.nip, batch: "b1", categorySet: "selection", category: "MS"),
            ], [plain, capped])
        #expect(outcome.disagreements.map(\.why) == [
            "JPM 91.67 is at least 80.00: MS",
            "JPM 108.33 reaches MS, capped to MMS by a critical competency below standard",
        ])
        #expect(outcome.disagreements.map(\.what) == ["Pengisian jabatan", "Pengisian jabatan"])
    }

    @Test func olderBatchesAndUnscoredPeople() {
        let scored = result(["a": 3, "b": 3, "c": 3, "t": 3])
        let outcome = check(
            [
                ProviderCheck.Claim(nip: scored.evidence.nip, batch: "b0", jpmText: "50"),
                ProviderCheck.Claim(nip: "199001012015031009", batch: "b1", jpmText: "80", categorySet: "selection", category: "MS"),
            ], [scored])
        #expect(outcome.olderBatches == 1 && outcome.compared == 1)
        #expect(outcome.disagreements.map { "\($0.what) \($0.provider) \($0.merit): \($0.why)" } == [
            "JPM 80 —: Merit has no assessment of this person to score",
            "category MS —: Merit has no assessment of this person to score",
        ])
    }

    /// A provider's category for a result Merit cannot decide is a disagreement, never a silent pass.
    @Test func undecidedResultsDisagreeWithAnyCategory() {
        let incomplete = result(["a": 3, "b": 3, "c": 3])
        let empty = result([:], nip: "199001012015031002")
        let outcome = check(
            [
                ProviderCheck.Claim(nip: incomplete.evidence.nip, batch: "b1", jpmText: "100.00", categorySet: "selection", category: "MS"),
                ProviderCheck.Claim(nip: empty.evidence.nip, batch: "b1", categorySet: "mapping", category: "optimal"),
            ], [incomplete, empty])
        #expect(outcome.disagreements.map { "\($0.what) \($0.provider) → \($0.merit): \($0.why)" } == [
            "JPM 100.00 → 100.00 (partial, 3 of 4): no level for \(code("t")) of 'kabid': the result is incomplete, and the scoring does not allow partial results",
            "Pengisian jabatan MS → undecided: no level for \(code("t")) of 'kabid': the result is incomplete, and the scoring does not allow partial results",
            "Pemetaan optimal → undecided: no competency of 'kabid' has a level (no evidence): not assessable",
        ])
    }

    func code(_ id: String) -> String { library.competency(id)?.code ?? id }
}
