import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// Downloads: each a route with its roles (the matrix of the README), and each recorded in the audit log.
/// A plan as HTML, PDF (when Chromium is installed) or editable YAML (HR); gap summaries as CSV or xlsx (HR
/// and the training unit); the talent map as CSV (names for HR, counts only for the training unit); a
/// shortlist as CSV or xlsx (HR).
struct DownloadRoutes {
    let site: MeritSite
    let pages: PageRoutes

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func add(to router: Router<MeritRequestContext>) {
        for (suffix, type) in [("html", "text/html; charset=utf-8"), ("yaml", "application/yaml; charset=utf-8"), ("pdf", "application/pdf")] {
            router.get("/people/:nip/plan.\(suffix)") { request, context in
                try await pages.page(request, context, roles: [.hr]) { signedIn in
                    let nip = context.parameters.get("nip") ?? ""
                    guard Routes.isNIP(nip), let document = try await site.planDocument(nip: nip) else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                    let data: Data
                    switch suffix {
                    case "pdf":
                        guard let print = site.printPDF else {
                            return Routes.html(Page.badRequest(site.text, site.text("pdf_missing")), status: .notImplemented)
                        }
                        data = try print(try site.reports.render(plan: document, as: .html))
                    case "yaml": data = Data(try site.reports.render(plan: document, as: .yaml).utf8)
                    default: data = Data(try site.reports.render(plan: document, as: .html).utf8)
                    }
                    try await signedIn.audit(action: "download", object: "person:\(nip)")
                    return Self.file(data, type: type, name: "rencana-\(nip).\(suffix)")
                }
            }
        }
        for suffix in ["csv", "xlsx"] {
            router.get("/gaps.\(suffix)") { request, context in
                try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                    let grouping = try ReportRoutes.grouping(request)
                    let (summary, date) = try await site.gapSummary(by: grouping)
                    let data = suffix == "csv"
                        ? Data(try site.reports.render(gaps: summary, as: .csv, generatedOn: date).utf8)
                        : Data(try site.reports.workbook(site.reports.gapsTable(summary), title: "title_gaps"))
                    try await signedIn.audit(action: "download", object: "gaps:\(grouping.rawValue).\(suffix)")
                    return Self.file(data, type: suffix == "csv" ? "text/csv; charset=utf-8" : Self.xlsx, name: "kebutuhan-\(grouping.rawValue).\(suffix)")
                }
            }
            router.get("/shortlist.\(suffix)") { request, context in
                try await pages.page(request, context, roles: [.hr]) { signedIn in
                    let id = request.uri.queryParameters["position"].map(String.init) ?? ""
                    guard let standard = site.library.positions[id] else { throw Routes.FormRefused(key: "unknown_position", values: ["position": id]) }
                    let table = try await site.shortlist(standard, top: 10)
                    let data = suffix == "csv" ? Data(table.csv().utf8) : Data(try table.workbook(sheet: "Merit"))
                    try await signedIn.audit(action: "download", object: "shortlist:\(standard.id).\(suffix)")
                    return Self.file(data, type: suffix == "csv" ? "text/csv; charset=utf-8" : Self.xlsx, name: "calon-\(standard.id).\(suffix)")
                }
            }
        }
        router.get("/talent.csv") { request, context in
            try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                let names = signedIn.session.role.seesPeople
                let (grid, scored) = try await site.talentGrid(withNames: names)
                let text = try site.reports.render(talent: grid, profiles: scored.cohort.profiles, as: .csv, withNames: names, generatedOn: scored.referenceDate)
                try await signedIn.audit(action: "download", object: names ? "talent:names.csv" : "talent:counts.csv")
                return Self.file(Data(text.utf8), type: "text/csv; charset=utf-8", name: names ? "talenta-nama.csv" : "talenta-jumlah.csv")
            }
        }
    }

    static func file(_ data: Data, type: String, name: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
