import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// The summaries: gap summaries (HR and the training unit), the talent map (names for HR, counts only for
/// the training unit), the shortlist for a position (HR) and the integration list (assessors).
struct ReportRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/gaps") { request, context in
            try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                let grouping = try Self.grouping(request)
                let (summary, date) = try await site.gapSummary(by: grouping)
                try signedIn.audit(action: "view-gaps", object: "gaps:\(grouping.rawValue)")
                let (style, report) = Page.embed(try site.reports.render(gaps: summary, as: .html, generatedOn: date))
                let links = GapGrouping.allCases.map { "<a href=\"/gaps?by=\($0.rawValue)\">\($0.rawValue)</a>" }.joined(separator: " ")
                let body = """
                    <p class="actions">\(site.text("by")): \(links) · \(site.text("download")): <a href="/gaps.csv?by=\(grouping.rawValue)">CSV</a> \
                    <a href="/gaps.xlsx?by=\(grouping.rawValue)">xlsx</a></p><section class="report">\(report)</section>
                    """
                return Routes.html(Page.html(site.text, title: site.text("gaps"), session: signedIn.session, body: body, reportStyle: style))
            }
        }
        router.get("/talent") { request, context in
            try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                // The training unit sees counts only, small boxes withheld; HR sees the names.
                let names = signedIn.session.role.seesPeople
                let (grid, scored) = try await site.talentGrid(withNames: names)
                try signedIn.audit(action: "view-talent", object: names ? "talent:names" : "talent:counts")
                let html = try site.reports.render(talent: grid, profiles: scored.cohort.profiles, as: .html, withNames: names, generatedOn: scored.referenceDate)
                let (style, report) = Page.embed(html)
                let body = "<p class=\"actions\">\(site.text("download")): <a href=\"/talent.csv\">CSV</a></p><section class=\"report\">\(report)</section>"
                return Routes.html(Page.html(site.text, title: site.text("talent"), session: signedIn.session, body: body, reportStyle: style))
            }
        }
        router.get("/shortlist") { request, context in
            try await pages.page(request, context, roles: [.hr]) { signedIn in try await shortlist(request, signedIn) }
        }
        router.get("/integration") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in try await integration(signedIn) }
        }
        router.get("/evidence") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in try await evidence(signedIn) }
        }
    }

    static func grouping(_ request: Request) throws -> GapGrouping {
        guard let text = request.uri.queryParameters["by"].map(String.init), !text.isEmpty else { return .unit }
        guard let grouping = GapGrouping(rawValue: text) else {
            throw Routes.FormRefused(key: "unknown_grouping", values: ["grouping": text, "known": GapGrouping.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return grouping
    }

    /// The shortlist for one position, with the rule that orders it (and breaks ties) stated above it.
    func shortlist(_ request: Request, _ signedIn: PageRoutes.SignedIn) async throws -> Response {
        let id = request.uri.queryParameters["position"].map(String.init) ?? ""
        let options = site.library.positionsInOrder.map { standard in
            "<option value=\"\(Page.escape(standard.id))\"\(standard.id == id ? " selected" : "")>\(Page.escape(standard.title)) (\(Page.escape(standard.id)))</option>"
        }
        var body = """
            <form method="get" action="/shortlist"><label>\(site.text.report("position")) <select name="position">\(options.joined())</select></label> <button>\(site.text("show"))</button></form>
            """
        if !id.isEmpty {
            guard let standard = site.library.positions[id] else {
                throw Routes.FormRefused(key: "unknown_position", values: ["position": id])
            }
            let table = try await site.shortlist(standard, top: 10)
            try signedIn.audit(action: "view-shortlist", object: "position:\(standard.id)")
            body += "<p>\(Page.escape(site.text("order", ["rule": Shortlist.rule])))</p>" + Self.table(table, id: "shortlist")
                + "<p class=\"actions\">\(site.text("download")): <a href=\"/shortlist.csv?position=\(Page.escape(standard.id))\">CSV</a> <a href=\"/shortlist.xlsx?position=\(Page.escape(standard.id))\">xlsx</a></p>"
        }
        return Routes.html(Page.html(site.text, title: site.text("shortlist"), session: signedIn.session, body: body))
    }

    /// The integration meeting's list: every competency whose level needs discussion (assessors far apart)
    /// or is provisional (too few instruments with evidence), for the people this assessor rated.
    func integration(_ signedIn: PageRoutes.SignedIn) async throws -> Response {
        guard let code = signedIn.session.assessor else { return Routes.html(noAssessorCode(signedIn.session)) }
        let scored = try await site.cohort.entry().scored
        let format = ReportFormat(labels: site.reports.labels)
        var rows: [String] = []
        for result in scored.results where result.evidence.ratings.contains(where: { $0.assessor == code }) {
            for level in result.levels.competencies where level.flags.contains(.disagreement) || level.flags.contains(.provisional) {
                var flags: [String] = []
                if level.flags.contains(.disagreement) { flags.append(site.text.report("flag_disagreement")) }
                if level.flags.contains(.provisional) { flags.append(site.text.report("flag_provisional")) }
                if level.flags.contains(.agreed) { flags.append(site.text.report("flag_agreed")) }
                rows.append("""
                    <tr><td>\(result.evidence.nip)</td><td>\(Page.escape(result.profile?.name ?? ""))</td><td>\(Page.escape(scored.batches[result.evidence.nip] ?? ""))</td>\
                    <td>\(Page.escape(competencyName(level.competency)))</td><td>\(format.level(level.level))</td><td>\(Page.escape(flags.joined(separator: "; ")))</td></tr>
                    """)
            }
        }
        try signedIn.audit(action: "view-integration", object: "assessor:\(code)")
        let body = """
            <p>\(Page.escape(site.text("integration_count", ["count": String(rows.count)])))</p>
            <table id="integration"><thead><tr>\(headers("nip", "name", "batch", "competency", "level", "flags"))</tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
        return Routes.html(Page.html(site.text, title: site.text("integration"), session: signedIn.session, body: body))
    }

    /// The ratings this assessor gave, by person: the evidence of the events they rated.
    func evidence(_ signedIn: PageRoutes.SignedIn) async throws -> Response {
        guard let code = signedIn.session.assessor else { return Routes.html(noAssessorCode(signedIn.session)) }
        let scored = try await site.cohort.entry().scored
        let library = site.library
        var rows: [String] = []
        for evidence in scored.cohort.evidence {
            for rating in evidence.ratings where rating.assessor == code {
                let instrument = library.instrumentOrder.indices.contains(rating.instrument) ? library.instrumentOrder[rating.instrument] : "?"
                rows.append("""
                    <tr><td>\(evidence.nip)</td><td>\(Page.escape(scored.cohort.profiles[evidence.nip]?.name ?? ""))</td>\
                    <td>\(Page.escape(scored.batches[evidence.nip] ?? ""))</td><td>\(Page.escape(instrument))</td>\
                    <td>\(Page.escape(competencyName(rating.competency)))</td><td>\(Page.escape(rating.value.description))</td></tr>
                    """)
            }
        }
        try signedIn.audit(action: "view-evidence", object: "assessor:\(code)")
        let body = """
            <p>\(Page.escape(site.text("evidence_count", ["count": String(rows.count), "code": code])))</p>
            <table id="evidence"><thead><tr>\(headers("nip", "name", "batch", "instrument", "competency"))<th>\(site.text("rating"))</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
        return Routes.html(Page.html(site.text, title: site.text("evidence"), session: signedIn.session, body: body))
    }

    /// An assessor's account without its code sees no one (it is told who can link it).
    func noAssessorCode(_ session: Session) -> String {
        Page.html(site.text, title: site.text("no_code_title"), session: session, body: "<p>\(Page.escape(site.text("no_code")))</p>")
    }

    /// "M.03 Komunikasi" for a competency's place in `Library.competencyOrder` (the ref evidence carries).
    func competencyName(_ ref: Int) -> String {
        let library = site.library
        guard library.competencyOrder.indices.contains(ref), let competency = library.competency(library.competencyOrder[ref]) else { return "?" }
        return "\(competency.code) \(competency.name)"
    }

    /// Table headings from the reports' own labels (`nip`, `name`, …).
    func headers(_ keys: String...) -> String {
        keys.map { "<th>\(Page.escape(site.text.report($0)))</th>" }.joined()
    }

    /// A result table as an HTML table (every column, escaped).
    static func table(_ table: ResultTable, id: String) -> String {
        let head = table.columns.map { "<th>\(Page.escape($0))</th>" }.joined()
        let rows = table.rows.map { "<tr>" + $0.map { "<td>\(Page.escape($0))</td>" }.joined() + "</tr>" }.joined()
        return "<table id=\"\(id)\"><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table>"
    }
}
