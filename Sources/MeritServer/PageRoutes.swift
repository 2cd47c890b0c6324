import Foundation
import Hummingbird
import MeritCore
import MeritIO

/// The pages behind sign-in, each open to the roles of `Routes.pages` only. A refusal is 403 with a text
/// that names nothing personal; no session sends the browser to sign in.
struct PageRoutes {
    let site: MeritSite

    func add(to router: Router<MeritRequestContext>) {
        router.get("/") { request, context in
            try await page(request, context, roles: Set(Role.allCases)) { signedIn in
                let session = signedIn.session
                let links = Routes.links(for: session.role).map { "<li><a href=\"\($0.path)\">\(Page.escape($0.title))</a></li>" }.joined()
                return Routes.html(Page.html(title: "Merit", session: session, body: "<ul>\(links)</ul>"))
            }
        }
        router.get("/people") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in
                let session = signedIn.session
                let query = request.uri.queryParameters["q"].map(String.init) ?? ""
                let rows = try site.people(matching: query).map { profile in
                    let position = site.library.positions[profile.position]?.title ?? profile.position
                    return "<tr><td><a href=\"/people/\(profile.nip)\">\(profile.nip)</a></td><td>\(Page.escape(profile.name))</td><td>\(Page.escape(profile.unit))</td><td>\(Page.escape(position))</td></tr>"
                }
                let body = """
                    <form method="get" action="/people"><label>Cari (NIP, nama, unit, jabatan) <input name="q" value="\(Page.escape(query))"></label> <button>Cari</button></form>
                    <table><thead><tr><th>NIP</th><th>Nama</th><th>Unit</th><th>Jabatan</th></tr></thead><tbody>\(rows.joined())</tbody></table>
                    """
                return Routes.html(Page.html(title: "Pegawai", session: session, body: body))
            }
        }
        router.get("/people/:nip") { request, context in
            try await page(request, context, roles: [.hr]) { signedIn in
                let session = signedIn.session
                let nip = context.parameters.get("nip") ?? ""
                guard nip.count == 18, nip.allSatisfy(\.isASCII), nip.allSatisfy(\.isNumber), let html = try site.planHTML(nip: nip) else {
                    return Routes.html(Page.notFound, status: .notFound)
                }
                try signedIn.audit(action: "view-plan", object: "person:\(nip)")
                return Routes.html(html)
            }
        }
        router.get("/gaps") { request, context in
            try await page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                let session = signedIn.session
                try signedIn.audit(action: "view-gaps", object: "gaps:unit")
                return Routes.html(try site.gapsHTML())
            }
        }
        router.get("/accounts") { request, context in
            try await page(request, context, roles: [.admin]) { signedIn in
                let session = signedIn.session
                let rows = try site.store.accounts().map { account in
                    "<tr><td>\(Page.escape(account.name))</td><td>\(account.role.rawValue)</td><td>\(account.disabled ? "nonaktif" : "aktif")</td></tr>"
                }
                let body = "<table><thead><tr><th>Akun</th><th>Peran</th><th>Status</th></tr></thead><tbody>\(rows.joined())</tbody></table>"
                return Routes.html(Page.html(title: "Akun", session: session, body: body))
            }
        }
    }

    /// Runs `body` for a signed-in session whose role is in `roles`; else sign-in (303) or 403.
    func page(
        _ request: Request, _ context: MeritRequestContext, roles: Set<Role>, _ body: (SignedIn) async throws -> Response
    ) async throws -> Response {
        guard let (_, session) = await Routes.session(request, site) else { return Routes.redirect("/sign-in") }
        guard roles.contains(session.role) else { return Routes.html(Page.forbidden, status: .forbidden) }
        return try await body(SignedIn(session: session, address: context.address, store: site.store))
    }

    /// The session of a page being answered, and where the request came from (for the audit log).
    struct SignedIn {
        let session: Session
        let address: String
        let store: MeritStore

        func audit(action: String, object: String) throws {
            try store.audit(AuditEntry(at: AuditActor.timestamp(Date()), account: session.account, address: address, action: action, object: object))
        }
    }
}
