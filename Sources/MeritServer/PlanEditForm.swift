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

    func html(_ edit: PlanEdit, version: Int, csrf: String, issues: [Issue]) -> String {
        func problems(_ index: Int, _ fields: String...) -> String {
            let found = issues.filter { $0.index == index && fields.contains($0.field) }
            return found.map { "<div class=\"error\">\(Page.escape($0.message))</div>" }.joined()
        }
        func activityOptions(_ selected: String) -> String {
            ([("", "—")] + choices.map { ($0.id, "\($0.title) (\($0.jp) JP)") }).map { id, title in
                "<option value=\"\(Page.escape(id))\"\(id == selected ? " selected" : "")>\(Page.escape(title))</option>"
            }.joined()
        }
        func competencyOptions(_ selected: String) -> String {
            competencies.map { id in
                let name = library.competency(id).map { "\($0.code) \($0.name)" } ?? id
                return "<option value=\"\(Page.escape(id))\"\(id == selected ? " selected" : "")>\(Page.escape(name))</option>"
            }.joined()
        }
        func row(_ key: String, _ item: PlannedActivity?, index: Int) -> String {
            let remove = key == "new" ? "" : "<label><input type=\"checkbox\" name=\"remove-\(key)\"> \(text("remove"))</label>"
            return """
                <tr><td><select name="activity-\(key)">\(activityOptions(item?.activity ?? ""))</select>\(problems(index, "activity", "title", "route", "type", "jp"))</td>\
                <td><select name="competency-\(key)">\(competencyOptions(item?.competency ?? ""))</select>\(problems(index, "competency"))</td>\
                <td><input name="quarter-\(key)" size="2" value="\(item.map { String($0.quarter) } ?? "")">\(problems(index, "quarter"))</td>\
                <td><input name="target-\(key)" size="2" value="\(item.map { String($0.targetLevel) } ?? "")">\(problems(index, "targetLevel"))</td><td>\(remove)</td></tr>
                """
        }
        let rows = edit.activities.enumerated().map { row(String($0.offset), $0.element, index: $0.offset) }
        let signatures = edit.signatures.enumerated().map { index, signature in
            """
            <tr><td>\(Page.escape(signature.role))</td><td><input name="signature-name-\(index)" value="\(Page.escape(signature.name))"></td>\
            <td><input name="signature-nip-\(index)" value="\(Page.escape(signature.nip))">\(problems(index, "signature-nip"))</td>\
            <td><input name="signature-date-\(index)" placeholder="yyyy-mm-dd" value="\(Page.escape(signature.date))">\(problems(index, "signature-date"))</td></tr>
            """
        }
        let general = issues.filter { $0.index < 0 }.map { "<p class=\"error\">\(Page.escape($0.message))</p>" }.joined()
        let summary = issues.isEmpty ? "" : "<p class=\"error\" id=\"problems\">\(Page.escape(text("not_saved", ["count": String(issues.count)])))</p>"
        return """
            \(summary)\(general)<form method="post" action="/people/\(document.person.nip)/plan/edit">
            <input type="hidden" name="csrf" value="\(Page.escape(csrf))"><input type="hidden" name="version" value="\(version)">
            <input type="hidden" name="count" value="\(edit.activities.count)">
            <h2>\(text("activities"))</h2><table id="activities"><thead><tr><th>\(text("catalog_activity"))</th><th>\(text.report("competency"))</th>\
            <th>\(text("quarter"))</th><th>\(text.report("target_level"))</th><th></th></tr></thead>
            <tbody>\(rows.joined())\(row("new", nil, index: edit.activities.count))</tbody></table>
            <h2>\(text("notes"))</h2><textarea name="notes" rows="4" cols="80">\(Page.escape(edit.notes))</textarea>
            <h2>\(text.report("section_signatures"))</h2><table><thead><tr><th>\(text("role"))</th><th>\(text.report("signature_name"))</th>\
            <th>\(text.report("signature_nip"))</th><th>\(text.report("signature_date"))</th></tr></thead><tbody>\(signatures.joined())</tbody></table>
            <p><button>\(text("save_version"))</button> <a href="/people/\(document.person.nip)">\(text("cancel"))</a></p></form>
            """
    }
}
