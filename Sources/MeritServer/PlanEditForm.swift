import Foundation
import MeritCore
import MeritReports

/// The plan editor's form: written from a plan's editable part, and read back into one. Reading takes the
/// fields exactly: a number that is not a number is a problem beside its field, never a default.
struct PlanEditForm {
    typealias Issue = PlanDraftReview.ActivityIssue

    let document: PlanDocument
    let library: Library
    let text: SiteText

    /// The most activities a plan may hold (a year's plan has a dozen or two).
    static let maximumActivities = 200

    /// Catalog activities that develop a competency of the position's standard.
    var choices: [DevelopmentActivity] {
        let required = Set(library.positions[document.person.position]?.required.map(\.competency) ?? [])
        return library.activities.filter { !required.isDisjoint(with: $0.competencies) }
    }

    var competencies: [String] { library.positions[document.person.position]?.required.map(\.competency) ?? [] }

    /// The fields of the form as posted, read into an edit; with the problems of fields that do not read.
    func read(_ fields: [String: String]) -> (edit: PlanEdit, issues: [Issue]) {
        var issues: [Issue] = []
        var activities: [PlannedActivity] = []
        // The form says how many activity rows it held; a count that does not read is refused, not taken as 0.
        guard let count = Int(fields["count"] ?? ""), (0...Self.maximumActivities).contains(count) else {
            let message = "the form's activity count '\(fields["count"] ?? "")' is not 0 to \(Self.maximumActivities): open the editor again"
            return (PlanEdit(of: document), [Issue(index: -1, field: "count", message: message)])
        }
        let previous = document.plan.activities
        for index in 0...max(count, 0) {
            let key = index < count ? String(index) : "new"
            let id = (fields["activity-\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
            if index == count && id.isEmpty { continue }
            if fields["remove-\(key)"] == "on" { continue }
            let row = activities.count
            func number(_ field: String, _ name: String) -> Int {
                let text = (fields["\(field)-\(key)"] ?? "").trimmingCharacters(in: .whitespaces)
                guard let value = Int(text) else {
                    issues.append(Issue(index: row, field: name, message: "'\(text)' is not a whole number"))
                    return 0
                }
                return value
            }
            let quarter = number("quarter", "quarter")
            let target = number("target", "targetLevel")
            let competency = fields["competency-\(key)"] ?? ""
            let catalog = library.activity(id)
            // An unchanged row keeps why it was drafted; a row HR added or changed answers a gap.
            let earlier = index < count && index < previous.count ? previous[index] : nil
            let reason = earlier.flatMap { $0.activity == id && $0.competency == competency ? $0.reason : nil } ?? .gap
            activities.append(
                PlannedActivity(
                    activity: id, title: catalog?.title ?? "", route: catalog?.route ?? .klasikal, type: catalog?.type ?? "", jp: catalog?.jp ?? 0,
                    quarter: quarter, competency: competency, targetLevel: target, reason: reason))
        }
        let signatures = document.signatures.enumerated().map { index, signature in
            PlanDocument.Signature(
                role: signature.role, name: fields["signature-name-\(index)"] ?? "", nip: (fields["signature-nip-\(index)"] ?? "").trimmingCharacters(in: .whitespaces),
                date: (fields["signature-date-\(index)"] ?? "").trimmingCharacters(in: .whitespaces))
        }
        return (PlanEdit(activities: activities, notes: fields["notes"] ?? "", signatures: signatures), issues)
    }

    /// The form's fields for `site-plan-edit.html`: every row, its choices, and the problems beside each field.
    func fields(_ edit: PlanEdit, version: Int, issues: [Issue]) -> TemplateFields {
        func problems(_ index: Int, _ fields: String...) -> TemplateValue {
            .texts(issues.filter { $0.index == index && fields.contains($0.field) }.map(\.message))
        }
        func options(_ choices: [(id: String, label: String)], selected: String) -> TemplateValue {
            .list(choices.map { .object(["id": .text($0.id), "label": .text($0.label), "selected": .flag($0.id == selected)] as TemplateFields) })
        }
        let activityChoices = [("", "—")] + choices.map { ($0.id, "\($0.title) (\($0.jp) JP)") }
        let competencyChoices = competencies.map { id in (id, library.competency(id).map { "\($0.code) \($0.name)" } ?? id) }
        func row(_ key: String, _ item: PlannedActivity?, index: Int) -> TemplateValue {
            .object(
                [
                    "key": .text(key), "removable": .flag(key != "new"),
                    "activities": options(activityChoices, selected: item?.activity ?? ""),
                    "activityProblems": problems(index, "activity", "title", "route", "type", "jp"),
                    "competencies": options(competencyChoices, selected: item?.competency ?? ""), "competencyProblems": problems(index, "competency"),
                    "quarter": .text(item.map { String($0.quarter) } ?? ""), "quarterProblems": problems(index, "quarter"),
                    "target": .text(item.map { String($0.targetLevel) } ?? ""), "targetProblems": problems(index, "targetLevel"),
                ] as TemplateFields)
        }
        let rows = edit.activities.enumerated().map { row(String($0.offset), $0.element, index: $0.offset) } + [row("new", nil, index: edit.activities.count)]
        let signatures = edit.signatures.enumerated().map { index, signature -> TemplateValue in
            .object(
                [
                    "index": .number(index), "role": .text(signature.role), "name": .text(signature.name), "nip": .text(signature.nip),
                    "date": .text(signature.date), "nipProblems": problems(index, "signature-nip"), "dateProblems": problems(index, "signature-date"),
                ] as TemplateFields)
        }
        var fields: TemplateFields = [
            "nip": .text(document.person.nip), "version": .number(version), "count": .number(edit.activities.count), "rows": .list(rows),
            "notes": .text(edit.notes), "signatures": .list(signatures), "general": .texts(issues.filter { $0.index < 0 }.map(\.message)),
        ]
        if !issues.isEmpty { fields["problemCount"] = .text(text("not_saved", ["count": String(issues.count)])) }
        return fields
    }
}
