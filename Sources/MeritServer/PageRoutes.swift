import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritReports

/// The pages behind sign-in, each open to the roles of `Routes.pages` only. A refusal is 403 with a text
/// that names nothing personal; no session sends the browser to sign in.
struct PageRoutes {
    let site: MeritSite

    func add(to router: Router<MeritRequestContext>) {
        router.get("/") { request, context in
            try await page(request, context, roles: Set(Role.allCases)) { signedIn in
                let links = Routes.links(for: signedIn.session.role).map { "<li><a href=\"\($0.path)\">\(Page.escape(site.text($0.title)))</a></li>" }
                return Routes.html(Page.html(site.text, title: "Merit", session: signedIn.session, body: "<ul>\(links.joined())</ul>"))
            }
        }
        router.get("/people") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in try await people(request, signedIn) }
        }
        router.get("/people/:nip") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in
                let nip = context.parameters.get("nip") ?? ""
                guard Routes.isNIP(nip), let document = try await site.planDocument(nip: nip) else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                try signedIn.audit(action: "view-plan", object: "person:\(nip)")
                return Routes.html(try personPage(document, signedIn.session))
            }
        }
    }

    /// The person list: search by NIP, name, unit or position; filters by category, box and validity.
    func people(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let parameters = request.uri.queryParameters
        var filter = MeritSite.PeopleFilter()
        filter.query = parameters["q"].map(String.init) ?? ""
        filter.category = parameters["category"].map(String.init) ?? ""
        filter.validity = parameters["validity"].map(String.init) ?? ""
        if let box = parameters["box"].map(String.init), !box.isEmpty {
            guard let number = Int(box), (1...9).contains(number) else { return Routes.html(Page.badRequest(site.text, site.text("box_range")), status: .badRequest) }
            filter.box = number
        }
        // A category or validity the lists do not offer is refused, not taken as "nobody matches".
        let categories = site.library.scoring.categorySets.first { $0.id == "mapping" }?.bands ?? []
        if !filter.category.isEmpty && filter.category != "undecided" && !categories.contains(where: { $0.id == filter.category }) {
            throw Routes.FormRefused(key: "unknown_filter", values: ["name": "category", "value": filter.category])
        }
        if !["", "valid", "expired", "undated"].contains(filter.validity) {
            throw Routes.FormRefused(key: "unknown_filter", values: ["name": "validity", "value": filter.validity])
        }
        let rows = try await site.people(filter)
        let shown = rows.prefix(500).map { row in
            """
            <tr><td><a href="/people/\(row.profile.nip)">\(row.profile.nip)</a></td><td>\(Page.escape(row.profile.name))</td>\
            <td>\(Page.escape(row.profile.unit))</td><td>\(Page.escape(row.positionTitle))</td><td>\(Page.escape(categoryLabel(row.category)))</td>\
            <td>\(row.box.map(String.init) ?? "—")</td><td>\(Page.escape(validityLabel(row.validity)))</td></tr>
            """
        }
        let categoryOptions = ([("", site.text("all")), ("undecided", site.text("undecided"))] + categories.map { ($0.id, $0.label) }).map { id, label in
            "<option value=\"\(Page.escape(id))\"\(id == filter.category ? " selected" : "")>\(Page.escape(label))</option>"
        }
        let validityOptions = ["", "valid", "expired", "undated"].map { id in
            "<option value=\"\(id)\"\(id == filter.validity ? " selected" : "")>\(Page.escape(id.isEmpty ? site.text("all") : validityLabel(id)))</option>"
        }
        let count = rows.count > shown.count
            ? site.text("shown_of", ["shown": String(shown.count), "total": String(rows.count)]) : site.text("people_count", ["count": String(rows.count)])
        let more = "<p>\(Page.escape(count))</p>"
        let body = """
            <form method="get" action="/people">
            <label>\(site.text("search")) <input name="q" value="\(Page.escape(filter.query))"></label>
            <label>\(site.text("category")) <select name="category">\(categoryOptions.joined())</select></label>
            <label>\(site.text.report("box")) <input name="box" size="2" value="\(filter.box.map(String.init) ?? "")"></label>
            <label>\(site.text("validity")) <select name="validity">\(validityOptions.joined())</select></label>
            <button>\(site.text("search_button"))</button></form>
            \(more)
            <table id="people"><thead><tr>\(["nip", "name", "unit", "position", "category_mapping", "box"].map { "<th>\(Page.escape(site.text.report($0)))</th>" }.joined())<th>\(site.text("validity"))</th></tr></thead>
            <tbody>\(shown.joined())</tbody></table>
            """
        return Routes.html(Page.html(site.text, title: site.text("people"), session: signedIn.session, body: body))
    }

    func categoryLabel(_ id: String) -> String {
        if id == "undecided" { return site.text("undecided") }
        return site.library.scoring.categorySets.first { $0.id == "mapping" }?.bands.first { $0.id == id }?.label ?? "—"
    }

    func validityLabel(_ id: String) -> String {
        ["valid", "expired", "undated"].contains(id) ? site.text(id) : "—"
    }

    /// A person's page: what HR can do with the plan, its saved versions, and the plan itself.
    func personPage(_ document: PlanDocument, _ session: Session) throws -> String {
        let nip = document.person.nip
        let versions = try site.store.planVersions(nip: nip).reversed().map { version in
            let stale = version.batch == document.person.batch ? "" : " " + Page.escape(site.text("version_stale", ["batch": version.batch]))
            return "<li><a href=\"/people/\(nip)/versions/\(version.version)\">\(site.text("version", ["version": String(version.version)]))</a> — \(Page.escape(version.account)), \(Page.escape(version.savedAt))\(stale)</li>"
        }
        let (style, plan) = Page.embed(try site.reports.render(plan: document, as: .html))
        let body = """
            <p class="actions"><a href="/people/\(nip)/plan/edit">\(site.text("edit_plan"))</a> \(site.text("download")): <a href="/people/\(nip)/plan.html">HTML</a> \
            <a href="/people/\(nip)/plan.pdf">PDF</a> <a href="/people/\(nip)/plan.yaml">YAML</a></p>
            <h2>\(site.text("saved_versions"))</h2>\(versions.isEmpty ? "<p>\(site.text("no_versions"))</p>" : "<ul id=\"versions\">\(versions.joined())</ul>")
            <section class="report">\(plan)</section>
            """
        return Page.html(site.text, title: "\(document.person.name) (\(nip))", session: session, body: body, reportStyle: style)
    }

    /// Runs `body` for a signed-in session whose role is in `roles`; else sign-in (303) or 403.
    func page(
        _ request: Request, _ context: MeritRequestContext, roles: Set<Role>, _ body: (SignedIn) async throws -> Response
    ) async throws -> Response {
        guard let (_, session) = await Routes.session(request, site) else { return Routes.redirect("/sign-in") }
        guard roles.contains(session.role) else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
        do {
            return try await body(SignedIn(session: session, address: context.address, store: site.store))
        } catch let refused as Routes.FormRefused {
            return Routes.html(Page.badRequest(site.text, refused.message(site.text)), status: .badRequest)
        }
    }

    /// The session of a page being answered, and where the request came from (for the audit log).
    struct SignedIn {
        let session: Session
        let address: String
        let store: MeritStore

        func audit(action: String, object: String) throws {
            try store.audit(AuditEntry(at: AuditActor.timestamp(Date()), account: session.account, address: address, action: action, object: object))
        }

        var actor: AuditActor { AuditActor(account: session.account, address: address, at: AuditActor.timestamp(Date())) }
    }
}
