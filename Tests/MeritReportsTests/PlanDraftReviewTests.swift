import Foundation
import MeritCore
import MeritReports
import MeritYAML
import Testing

/// `merit plan --from` takes only what HR may edit from a draft; every result comes from the store.
@Suite struct PlanDraftReviewTests {
    let fixture = ReportFixture.shared
    let editedOn = CalendarDate(year: 2026, month: 12, day: 1)!

    /// The sample's draft as YAML text, and the document it came from.
    func drafted() throws -> (String, PlanDocument) {
        let document = try fixture.document(for: fixture.sample)
        return (try fixture.reports().render(plan: document, as: .yaml), document)
    }

    func review(_ text: String, onto fresh: PlanDocument) throws -> Result<PlanDocument, PlanDraftRefused> {
        let decoder = YAMLDecoder()
        let root = try decoder.loader.loadSingle(Array(text.utf8), file: "draft.yaml").root
        let (draft, errors) = decoder.decodeReportingAll(PlanDocument.self, from: root)
        #expect(errors.isEmpty)
        let review = PlanDraftReview(library: fixture.library)
        do { return .success(try review.merge(draft!, root: root, onto: fresh, editedOn: editedOn)) } catch { return .failure(error) }
    }

    func problems(_ result: Result<PlanDocument, PlanDraftRefused>) -> [String] {
        guard case .failure(let refused) = result else { return [] }
        return refused.problems.map(\.description)
    }

    /// Line `n` (1-based) of the text: where a problem must point.
    func line(of needle: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    @Test func anUneditedDraftMatchesTheStoreAndIsMarkedEdited() throws {
        let (text, fresh) = try drafted()
        let merged = try review(text, onto: fresh).get()
        #expect(merged.edited == "2026-12-01")
        var unmarked = merged
        unmarked.edited = nil
        #expect(unmarked == fresh)
    }

    @Test func activitiesNotesAndSignaturesAreTakenFromTheDraft() throws {
        let (text, fresh) = try drafted()
        let edited = text.replacingOccurrences(of: "    quarter: 1\n", with: "    quarter: 4\n")
            .replacingOccurrences(of: "notes: \"\"", with: "notes: \"Disepakati dengan atasan.\"")
            .replacingOccurrences(of: "- role: Atasan langsung\n  name: \"\"", with: "- role: Atasan langsung\n  name: Budi Santoso")
        let merged = try review(edited, onto: fresh).get()
        #expect(merged.plan.activities.first?.quarter == 4)
        #expect(merged.notes == "Disepakati dengan atasan.")
        #expect(merged.signatures[1].name == "Budi Santoso")
        #expect(merged.assessment == fresh.assessment)
    }

    /// The issue's case: a draft edited to 99,00 % MS beside a sentence saying otherwise.
    @Test func aResultFieldThatDiffersIsRefusedWithItsPlace() throws {
        let (text, fresh) = try drafted()
        let jpm = fresh.assessment.jpm
        let tampered = text.replacingOccurrences(of: "  jpm: \(jpm)\n", with: "  jpm: 99,00\n")
            .replacingOccurrences(of: "  mapping: \(fresh.assessment.mapping)\n", with: "  mapping: Optimal!\n")
        let found = problems(try review(tampered, onto: fresh))
        #expect(found == [
            "draft.yaml:\(line(of: "  jpm: 99,00", in: tampered)):8: at 'assessment.jpm': is '99,00' here but '\(jpm)' in the store: results are read from the store, and a draft may change only plan.activities, notes and signatures",
            "draft.yaml:\(line(of: "  mapping: Optimal!", in: tampered)):12: at 'assessment.mapping': is 'Optimal!' here but '\(fresh.assessment.mapping)' in the store: results are read from the store, and a draft may change only plan.activities, notes and signatures",
        ])
    }

    @Test func aDraftThatClaimsToBeEditedAlreadyIsRefused() throws {
        let (text, fresh) = try drafted()
        let found = problems(try review(text + "edited: 2026-01-01\n", onto: fresh))
        #expect(found.count == 1)
        #expect(found.first?.contains("at 'edited': is '2026-01-01' here but absent in the store") == true)
    }

    @Test func removedCompetencyRowsAreOneDifference() throws {
        let (text, fresh) = try drafted()
        var lines = text.components(separatedBy: "\n")
        let start = lines.firstIndex { $0.hasPrefix("  - code: ") }!
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  - code: ") }!
        lines.removeSubrange(start..<end)
        let found = problems(try review(lines.joined(separator: "\n"), onto: fresh))
        #expect(found.count == 1)
        #expect(found.first?.contains("at 'assessment.competencies': is changed here but a list of \(fresh.assessment.competencies.count) in the store") == true)
    }

    @Test func activitiesMustBeTheCatalogsAndFitThePosition() throws {
        let (text, fresh) = try drafted()
        let first = fresh.plan.activities[0]
        let tampered = text.replacingOccurrences(of: "  - activity: \(first.activity)\n", with: "  - activity: \(first.activity)x\n")
            .replacingOccurrences(of: "    quarter: 1\n", with: "    quarter: 5\n")
        let found = problems(try review(tampered, onto: fresh))
        #expect(found.first == "draft.yaml:\(line(of: "activity: \(first.activity)x", in: tampered)):15: at 'plan.activities[0].activity': unknown activity '\(first.activity)x': the development catalog has no such id; did you mean '\(first.activity)'?")
        let second = fresh.plan.activities[1]
        let changed = text.replacingOccurrences(of: "    jp: \(second.jp)\n", with: "    jp: \(second.jp + 100)\n")
        #expect(problems(try review(changed, onto: fresh)).first?.hasSuffix("at 'plan.activities[1].jp': is not the catalog's JP of '\(second.activity)' (\(second.jp))") == true)
    }

    @Test func signaturesNeedPossibleNIPsAndDates() throws {
        let (text, fresh) = try drafted()
        let tampered = text.replacingOccurrences(
            of: "- role: Atasan langsung\n  name: \"\"\n  nip: \"\"\n  date: \"\"",
            with: "- role: Atasan langsung\n  name: Budi\n  nip: \"1970\"\n  date: 1/12/2026")
        #expect(problems(try review(tampered, onto: fresh)) == [
            "draft.yaml:\(line(of: "  nip: \"1970\"", in: tampered)):8: at 'signatures[1].nip': NIP '1970' is not 18 digits (4 characters)",
            "draft.yaml:\(line(of: "  date: 1/12/2026", in: tampered)):9: at 'signatures[1].date': '1/12/2026' is not a date; write yyyy-mm-dd, or leave it empty until signed",
        ])
    }

    @Test func aNIPThatIsNotOneIsRefusedBeforeAnythingElse() throws {
        let (text, _) = try drafted()
        let tampered = text.replacingOccurrences(of: "  nip: \"\(fixture.sample.evidence.nip)\"\n", with: "  nip: \"../../x\"\n")
        let decoder = YAMLDecoder()
        let root = try decoder.loader.loadSingle(Array(tampered.utf8), file: "draft.yaml").root
        let draft = try decoder.decode(PlanDocument.self, from: root)
        #expect(throws: PlanDraftRefused.self) { try PlanDraftReview.nip(of: draft, root: root) }
        do {
            _ = try PlanDraftReview.nip(of: draft, root: root)
        } catch {
            #expect(error.problems.map(\.description) == ["draft.yaml:6:8: at 'person.nip': NIP '../../x' is not 18 digits (7 characters)"])
        }
    }
}
