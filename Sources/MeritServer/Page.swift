import Foundation
import MeritCore
import MeritReports

/// The texts of the site's pages: the `site_*` keys of the report labels (`Instruments/laporan/`), in the
/// language `merit serve --language` chose, beside the reports' own keys (`report`); and the templates
/// the pages are rendered from (`Reports/templates/site-*.html.mustache`).
public struct SiteText: Sendable {
    public let labels: ReportLabels
    /// The reports, whose templates include the pages' (`site-*`).
    let reports: Reports
    /// The `site_*` labels without their prefix, as the templates read them (`{{t.sign_out}}`).
    let site: LabelFields
    let report: LabelFields

    public init(reports: Reports) {
        labels = reports.labels
        self.reports = reports
        var site: [String: String] = [:]
        for (key, text) in labels.texts where key.hasPrefix("site_") { site[String(key.dropFirst(5))] = text }
        self.site = LabelFields(texts: site)
        report = LabelFields(texts: labels.texts)
    }

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { labels.text("site_" + key, values) }
    func report(_ key: String) -> String { labels.text(key) }
}

/// The application's own pages, rendered from the `site-*` templates: every value escaped there, no script.
enum Page {
    /// Which report style sheet a page carries (a page that shows a report inside itself).
    enum ReportStyle {
        case none, report, talent
    }

    /// `template` with the frame's fields (title, language, the session's navigation, the labels as `t`
    /// and `l`) beside the page's own.
    static func render(
        _ text: SiteText, _ template: String, title: String, session: Session?, _ fields: TemplateFields = [:], style: ReportStyle = .none
    ) -> String {
        var view = fields
        view["title"] = .text(title)
        view["language"] = .text(text.labels.language)
        view["t"] = .object(text.site)
        view["l"] = .object(text.report)
        view["reportStyle"] = .flag(style != .none)
        view["talentStyle"] = .flag(style == .talent)
        if let session {
            let links = Routes.links(for: session.role).map { link -> TemplateValue in
                .object(["path": .text(link.path), "label": .text(text(link.title))] as TemplateFields)
            }
            view["nav"] = .object(
                ["links": .list(links), "account": .text(session.account), "role": .text(session.role.rawValue), "csrf": .text(session.csrf)] as TemplateFields)
            view["csrf"] = view["csrf"] ?? .text(session.csrf)
        }
        return text.reports.page(view, template: template)
    }

    /// A page of one sentence (`error` marks a refusal).
    static func message(_ text: SiteText, title: String, session: Session?, _ message: String, error: Bool = false) -> String {
        render(text, "site-message.html", title: title, session: session, ["message": .text(message), "error": .flag(error)])
    }

    /// A refusal that names nothing personal (the same text whatever was asked for).
    static func forbidden(_ text: SiteText) -> String {
        message(text, title: text("forbidden_title"), session: nil, text("forbidden"))
    }

    static func notFound(_ text: SiteText) -> String {
        message(text, title: text("not_found_title"), session: nil, text("not_found"))
    }

    static func badRequest(_ text: SiteText, _ message: String) -> String {
        self.message(text, title: text("refused_title"), session: nil, message, error: true)
    }

    /// A result table (a shortlist, a list of ratings) for `site-table.html`: every cell as text.
    static func table(_ id: String, columns: [String], rows: [[String]]) -> TemplateValue {
        .object(
            [
                "id": .text(id), "columns": .texts(columns),
                "rows": .list(rows.map { .object(["cells": .texts($0)] as TemplateFields) }),
            ] as TemplateFields)
    }
}
