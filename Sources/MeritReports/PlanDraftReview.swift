import Foundation
import MeritCore
import MeritYAML

/// What `merit plan --from` may take from a draft HR edited, and the check that nothing else was changed.
///
/// A draft carries the assessment as it stood when it was drafted, so that HR can read it while editing;
/// but a category decides a promotion, so no result may come from a file anyone can edit. The result is
/// rebuilt from the store (`fresh`), and the draft gives only what HR may edit: the activities (which,
/// when, toward which competency and level), the notes and the signatures. Any other field that differs
/// from the store refuses the whole draft, naming the field where it is in the draft.
public struct PlanDraftReview: Sendable {
    /// The paths HR may edit; everything else is a result or is drafted from one.
    public static let editable = ["plan.activities", "notes", "signatures"]

    public let library: Library

    public init(library: Library) {
        self.library = library
    }

    /// The draft's NIP, when it is a possible one: it names the person to re-read from the store and the
    /// file the plan is written to, so `../../x` must never get further.
    public static func nip(of draft: PlanDocument, root: Node) throws(PlanDraftRefused) -> NIP {
        switch NIP.parse(draft.person.nip) {
        case .success(let nip): return nip
        case .failure(let problem):
            let node = root["person"]?["nip"] ?? root
            throw PlanDraftRefused(problems: [YAMLError(.invalidValue, at: node.mark, path: "person.nip", problem.description)])
        }
    }

    /// The day the draft was drafted at: results are rebuilt as of that day, so that an unedited draft
    /// matches the store exactly.
    public static func draftedOn(_ draft: PlanDocument, root: Node) throws(PlanDraftRefused) -> CalendarDate {
        guard let date = CalendarDate(iso: draft.generatedOn) else {
            let node = root["generatedOn"] ?? root
            throw PlanDraftRefused(problems: [
                YAMLError(.invalidValue, at: node.mark, path: "generatedOn", "'\(draft.generatedOn)' is not a date (yyyy-mm-dd)")
            ])
        }
        return date
    }

    /// `fresh` with the draft's activities, notes and signatures, marked edited on `editedOn`; or throws
    /// every problem, located in the draft (`root` is the draft as loaded).
    public func merge(
        _ draft: PlanDocument, root: Node, onto fresh: PlanDocument, editedOn: CalendarDate
    ) throws(PlanDraftRefused) -> PlanDocument {
        var problems = resultDifferences(draft, root: root, fresh: fresh)
        problems += activityProblems(draft.plan.activities, root: root, position: fresh.person.position)
        problems += signatureProblems(draft.signatures, root: root)
        guard problems.isEmpty else { throw PlanDraftRefused(problems: problems) }
        var merged = fresh
        merged.plan.activities = draft.plan.activities
        merged.notes = draft.notes
        merged.signatures = draft.signatures
        merged.edited = editedOn.description
        return merged
    }

    /// The result fields whose value in the draft is not the store's.
    func resultDifferences(_ draft: PlanDocument, root: Node, fresh: PlanDocument) -> [YAMLError] {
        guard let drafted = Self.tree(draft), let stored = Self.tree(fresh) else {
            return [YAMLError(.invalidValue, at: root.mark, "the draft cannot be compared with the store")]
        }
        var paths: [[PathStep]] = []
        Self.compare(drafted, stored, at: [], into: &paths)
        return paths.map { path in
            let text = Self.text(path)
            let node = Self.node(at: path, in: root)
            let found = node.flatMap { $0.scalar.map { "'\($0.text)'" } } ?? (node == nil ? "missing" : "changed")
            let expected = Self.value(at: path, in: stored).map(Self.describe) ?? "absent"
            return YAMLError(
                .invalidValue, at: (node ?? Self.nearest(path, in: root)).mark, path: text,
"is \(found) here but \(expected) in the store: results are read from the store, and a draft may change only "
                    + "plan.activities, notes and signatures")
        }
    }

    /// Activities HR added or changed must be the catalog's, toward a competency of the position.
    func activityProblems(_ activities: [PlannedActivity], root: Node, position: String) -> [YAMLError] {
        activityIssues(activities, position: position).map { issue in
            let path: [PathStep] = [.key("plan"), .key("activities"), .index(issue.index), .key(issue.field)]
            let node = Self.node(at: path, in: root) ?? Self.nearest(Array(path.dropLast()), in: root)
            return YAMLError(.invalidValue, at: node.mark, path: Self.text(path), issue.message)
        }
    }

    /// What is wrong with one field of one activity or signature line (0-based `index`; `field` as in the YAML draft).
    public struct ActivityIssue: Sendable, Hashable {
        public var index: Int
        public var field: String
        public var message: String

        public init(index: Int, field: String, message: String) {
            self.index = index
            self.field = field
            self.message = message
        }
    }

    /// The problems of activities HR added or changed, wherever the edit came from (a YAML draft or the
    /// server's plan editor): each must be the catalog's, toward a competency of the position's standard, in
    /// a quarter 1–4 and aiming at a level of the competency's scale.
    public func activityIssues(_ activities: [PlannedActivity], position: String) -> [ActivityIssue] {
        let standard = library.positions[position]
        let required = Set(standard?.required.map(\.competency) ?? [])
        var issues: [ActivityIssue] = []
        for (index, item) in activities.enumerated() {
            func problem(_ field: String, _ message: String) { issues.append(ActivityIssue(index: index, field: field, message: message)) }
            guard let activity = library.activities.first(where: { $0.id == item.activity }) else {
                let suggestion = closestMatch(item.activity, in: library.activities.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
                problem("activity", "unknown activity '\(item.activity)': the development catalog has no such id\(suggestion)")
                continue
            }
            if item.title != activity.title { problem("title", "is not the catalog's title of '\(activity.id)' ('\(activity.title)')") }
            if item.route != activity.route { problem("route", "is not the catalog's route of '\(activity.id)' (\(activity.route.rawValue))") }
            if item.type != activity.type { problem("type", "is not the catalog's type of '\(activity.id)' (\(activity.type))") }
            if item.jp != activity.jp { problem("jp", "is not the catalog's JP of '\(activity.id)' (\(activity.jp))") }
            if !(1...4).contains(item.quarter) { problem("quarter", "quarter \(item.quarter) is not 1, 2, 3 or 4") }
            if !required.contains(item.competency) {
                problem("competency", "'\(item.competency)' is not a competency of the standard of \(position)")
            } else if !activity.competencies.contains(item.competency) {
                problem("competency", "'\(activity.id)' does not develop '\(item.competency)' (it develops \(activity.competencies.joined(separator: ", ")))")
            }
            let scale = library.dictionaries.first { $0.competencies.contains { $0.id == item.competency } }?.scale ?? 1...5
            if !scale.contains(item.targetLevel) {
                problem("targetLevel", "level \(item.targetLevel) is outside the scale \(scale.lowerBound)–\(scale.upperBound)")
            }
        }
        return issues
    }

    /// A signature's NIP and date, when filled in, must be possible ones.
    func signatureProblems(_ signatures: [PlanDocument.Signature], root: Node) -> [YAMLError] {
        signatureIssues(signatures).map { issue in
            let path: [PathStep] = [.key("signatures"), .index(issue.index), .key(issue.field)]
            let node = Self.node(at: path, in: root) ?? Self.nearest(Array(path.dropLast()), in: root)
            return YAMLError(.invalidValue, at: node.mark, path: Self.text(path), issue.message)
        }
    }

    /// The problems of signature lines (`index` 0-based; `field` is `nip` or `date`).
    public func signatureIssues(_ signatures: [PlanDocument.Signature]) -> [ActivityIssue] {
        var issues: [ActivityIssue] = []
        for (index, signature) in signatures.enumerated() {
            if !signature.nip.isEmpty, case .failure(let nipProblem) = NIP.parse(signature.nip) {
                issues.append(ActivityIssue(index: index, field: "nip", message: nipProblem.description))
            }
            if !signature.date.isEmpty, CalendarDate(iso: signature.date) == nil {
                issues.append(ActivityIssue(index: index, field: "date", message: "'\(signature.date)' is not a date; write yyyy-mm-dd, or leave it empty until signed"))
            }
        }
        return issues
    }
}

/// A draft `merit plan --from` will not render, with every reason.
public struct PlanDraftRefused: Error, Sendable {
    public var problems: [YAMLError]

    public init(problems: [YAMLError]) {
        self.problems = problems
    }
}
