import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports
import MeritYAML

/// `merit plan --from EDITED.yaml`: the plan HR edited, with every result re-read from the store.
extension PlanCommand {
    func renderEdited(_ path: String, library: Library, kinds: [ReportFormatKind]) async throws {
        let (draft, root) = try Self.readDraft(path)
        do throws(any Error) {
            let nip = try PlanDraftReview.nip(of: draft, root: root)
            let draftedOn = try PlanDraftReview.draftedOn(draft, root: root)
            guard let target = library.positions[draft.person.position] else {
                throw PlanDraftRefused(problems: [
                    YAMLError(.invalidValue, at: (root["person"]?["position"] ?? root).mark, path: "person.position",
                        "unknown position '\(draft.person.position)': the library has no such position")
                ])
            }
            var options = output
            options.language = draft.language
            let reports = try options.reports(library: library)
            let scored = try await ScoredCohort.open(
                library: library, store: storeOptions.openWithAssessments(), referenceDate: referenceDate ?? draftedOn, target: target)
            guard let result = scored.results.first(where: { $0.evidence.nip == nip.text }), let plan = scored.plans[nip.text],
                let fresh = reports.planDocument(for: result, plan: plan, batch: scored.batches[nip.text] ?? "", generatedOn: scored.referenceDate)
            else {
                throw PlanDraftRefused(problems: [
                    YAMLError(.invalidValue, at: (root["person"]?["nip"] ?? root).mark, path: "person.nip", "no assessment stored for NIP \(nip.text)")
                ])
            }
            let edited = try PlanDraftReview(library: library).merge(draft, root: root, onto: fresh, editedOn: .today)
            for kind in kinds where kind == .html || kind == .markdown {
                print(try options.write(try reports.render(plan: edited, as: kind), to: "\(nip.text).edited.\(kind.fileExtension)", in: "plans"))
            }
        } catch let refused as PlanDraftRefused {
            for problem in refused.problems { Terminal.error(Finding(problem).description) }
            Terminal.error("\(path): \(refused.problems.count) problem\(refused.problems.count == 1 ? "" : "s"); nothing written")
            throw ExitStatus.dataError
        }
    }

    /// An edited draft, read strictly: every mistyped key or value is reported at its line and column.
    static func readDraft(_ path: String) throws -> (PlanDocument, Node) {
        let decoder = YAMLDecoder()
        let document: YAMLDocument
        do {
            document = try decoder.loader.loadSingle(readBytes(path), file: path)
        } catch {
            Terminal.error(Finding(error).description)
            throw error.kind == .io ? ExitStatus.ioError : ExitStatus.dataError
        }
        let (draft, errors) = decoder.decodeReportingAll(PlanDocument.self, from: document.root)
        guard let draft, errors.isEmpty else {
            for error in errors { Terminal.error(Finding(error).description) }
            throw ExitStatus.dataError
        }
        return (draft, document.root)
    }
}
