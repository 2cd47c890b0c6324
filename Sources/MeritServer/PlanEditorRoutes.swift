import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritReports

/// The development-plan editor (HR): the activities (from the catalog, toward a competency of the position,
/// in a quarter, aiming at a level), the notes and the signatures. Saving makes a new version with who and
/// when; earlier versions stay. What is checked is `PlanDraftReview`'s, as for a YAML draft.
struct PlanEditorRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/people/:nip/plan/edit") { request, context in
            try await pages.page(request, context, roles: [.hr]) { signedIn in
                let nip = context.parameters.get("nip") ?? ""
                guard Routes.isNIP(nip), let document = try await site.planDocument(nip: nip) else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                let version = try await site.store.planVersions(nip: nip).last?.version ?? 0
                let form = PlanEditForm(document: document, library: site.library, text: site.text)
                return Routes.html(page(document, form.fields(PlanEdit(of: document), version: version, issues: []), signedIn.session))
            }
        }
        router.post("/people/:nip/plan/edit") { request, context in
            try await pages.page(request, context, roles: [.hr]) { signedIn in
                let nip = context.parameters.get("nip") ?? ""
                let fields = try await Routes.form(request)
                guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
                guard Routes.isNIP(nip), let document = try await site.planDocument(nip: nip) else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                return try await save(fields, document: document, signedIn)
            }
        }
        router.get("/people/:nip/versions/:version") { request, context in
            try await pages.page(request, context, roles: [.hr]) { signedIn in
                let nip = context.parameters.get("nip") ?? ""
                guard Routes.isNIP(nip), let number = context.parameters.get("version").flatMap(Int.init),
                    let saved = try await site.store.planVersions(nip: nip).first(where: { $0.version == number }),
                    let document = try await site.planDocument(nip: nip)
                else { return Routes.html(Page.notFound(site.text), status: .notFound) }
                let edit = try JSONDecoder().decode(PlanEdit.self, from: Data(saved.content.utf8))
                try await signedIn.audit(action: "view-plan", object: "person:\(nip)")
                let fields: TemplateFields = [
                    "nip": .text(nip),
                    "saved": .text(site.text("version_saved", ["version": String(saved.version), "account": saved.account, "at": saved.savedAt, "batch": saved.batch])),
                    "plan": .object(site.reports.planView(edit.applied(to: document, editedOn: String(saved.savedAt.prefix(10))))),
                ]
                let title = site.text("version_title", ["title": "\(document.person.name) (\(nip))", "version": String(saved.version)])
                return Routes.html(Page.render(site.text, "site-version.html", title: title, session: signedIn.session, fields, style: .report))
            }
        }
    }

    /// Saves the form as a new version and sends the browser to the person's page; or shows the form again
    /// with every problem beside its field (422), saving nothing.
    func save(_ fields: [String: String], document: PlanDocument, _ signedIn: PageRoutes.SignedIn) async throws -> Response {
        let nip = document.person.nip
        let form = PlanEditForm(document: document, library: site.library, text: site.text)
        let latest = try await site.store.planVersions(nip: nip).last?.version ?? 0
        let read = form.read(fields)
        var issues = read.issues
        // The version the form was opened at: a form without one, or opened before a later save, is refused.
        if Int(fields["version"] ?? "") != latest {
            issues.append(.init(index: -1, field: "version", message: site.text("version_conflict", ["version": String(latest)])))
        }
        let review = PlanDraftReview(library: site.library)
        issues += review.activityIssues(read.edit.activities, position: document.person.position)
        issues += review.signatureIssues(read.edit.signatures).map { .init(index: $0.index, field: "signature-" + $0.field, message: $0.message) }
        guard issues.isEmpty else {
            return Routes.html(page(document, form.fields(read.edit, version: latest, issues: issues), signedIn.session), status: .unprocessableContent)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let content = String(decoding: try encoder.encode(read.edit), as: UTF8.self)
        try await site.store.savePlanVersion(nip: nip, batch: document.person.batch, content: content, by: signedIn.actor)
        return Routes.redirect("/people/\(nip)")
    }

    func page(_ document: PlanDocument, _ form: TemplateFields, _ session: Session) -> String {
        Page.render(site.text, "site-plan-edit.html", title: site.text("edit_title", ["name": document.person.name, "nip": document.person.nip]), session: session, form)
    }
}
