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
                Routes.html(Page.render(site.text, "site-home.html", title: "Merit", session: signedIn.session))
            }
        }
        router.get("/people") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in try await people(request, signedIn) }
        }
        router.get("/people/:nip") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in
                let nip = context.parameters.get("nip") ?? ""
                guard Routes.isNIP(nip), let document = try await site.planDocument(nip: nip) else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                try await signedIn.audit(action: "view-plan", object: "person:\(nip)")
                return Routes.html(try await personPage(document, signedIn.session))
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
        let shown = rows.prefix(500).map { row -> TemplateValue in
            .object(
                [
                    "nip": .text(row.profile.nip), "name": .text(row.profile.name), "unit": .text(row.profile.unit), "position": .text(row.positionTitle),
                    "category": .text(categoryLabel(row.category)), "box": .text(row.box.map(String.init) ?? "—"), "validity": .text(validityLabel(row.validity)),
                ] as TemplateFields)
        }
        func option(_ id: String, _ label: String, selected: String) -> TemplateValue {
            .object(["id": .text(id), "label": .text(label), "selected": .flag(id == selected)] as TemplateFields)
        }
        let categoryOptions = ([("", site.text("all")), ("undecided", site.text("undecided"))] + categories.map { ($0.id, $0.label) }).map {
            option($0.0, $0.1, selected: filter.category)
        }
        let validityOptions = ["", "valid", "expired", "undated"].map { option($0, $0.isEmpty ? site.text("all") : validityLabel($0), selected: filter.validity) }
        let count = rows.count > shown.count
            ? site.text("shown_of", ["shown": String(shown.count), "total": String(rows.count)]) : site.text("people_count", ["count": String(rows.count)])
        let fields: TemplateFields = [
            "query": .text(filter.query), "box": .text(filter.box.map(String.init) ?? ""), "categories": .list(categoryOptions),
            "validities": .list(validityOptions), "count": .text(count), "people": .list(shown),
        ]
        return Routes.html(Page.render(site.text, "site-people.html", title: site.text("people"), session: signedIn.session, fields))
    }

    func categoryLabel(_ id: String) -> String {
        if id == "undecided" { return site.text("undecided") }
        return site.library.scoring.categorySets.first { $0.id == "mapping" }?.bands.first { $0.id == id }?.label ?? "—"
    }

    func validityLabel(_ id: String) -> String {
        ["valid", "expired", "undated"].contains(id) ? site.text(id) : "—"
    }

    /// A person's page: what HR can do with the plan, its saved versions, and the plan itself.
    func personPage(_ document: PlanDocument, _ session: Session) async throws -> String {
        let nip = document.person.nip
        let versions = try await site.store.planVersions(nip: nip).reversed().map { version -> TemplateValue in
            var fields: TemplateFields = [
                "number": .number(version.version), "label": .text(site.text("version", ["version": String(version.version)])),
                "account": .text(version.account), "savedAt": .text(version.savedAt),
            ]
            // A version saved for an earlier batch: shown, marked, never applied to the current one.
            if version.batch != document.person.batch { fields["stale"] = .text(site.text("version_stale", ["batch": version.batch])) }
            return .object(fields)
        }
        let fields: TemplateFields = [
            "nip": .text(nip), "versions": .list(versions), "hasVersions": .flag(!versions.isEmpty), "plan": .object(site.reports.planView(document)),
        ]
        return Page.render(site.text, "site-person.html", title: "\(document.person.name) (\(nip))", session: session, fields, style: .report)
    }

    /// Runs `body` for a signed-in session whose role is in `roles`; else sign-in (303) or 403.
    func page(
        _ request: Request, _ context: MeritRequestContext, roles: Set<Role>, _ body: (SignedIn) async throws -> Response
    ) async throws -> Response {
        guard let (_, session) = await Routes.session(request, site) else { return Routes.redirect("/sign-in") }
        guard roles.contains(session.role) else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
        do {
            return try await body(SignedIn(session: session, address: context.address, recorder: site.audit))
        } catch let refused as Routes.FormRefused {
            return Routes.html(Page.badRequest(site.text, refused.message(site.text)), status: .badRequest)
        }
    }

    /// The session of a page being answered, and where the request came from (for the audit log).
    struct SignedIn {
        let session: Session
        let address: String
        let recorder: AuditRecorder

        /// Returns once the entry is stored: a page or file goes out only after its audit entry.
        func audit(action: String, object: String) async throws {
            try await recorder.record(AuditEntry(at: AuditActor.timestamp(Date()), account: session.account, address: address, action: action, object: object))
        }

        var actor: AuditActor { AuditActor(account: session.account, address: address, at: AuditActor.timestamp(Date())) }
    }
}
