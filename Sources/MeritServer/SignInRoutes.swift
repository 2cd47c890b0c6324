import Foundation
import Hummingbird
import MeritAccounts
import MeritCore
import MeritIO
import MeritReports

/// Sign-in and sign-out. The sign-in form carries a token also set as a cookie (double submit): a form
/// posted from another site has neither.
struct SignInRoutes {
    let site: MeritSite

    func add(to router: Router<MeritRequestContext>) {
        router.get("/sign-in") { _, _ in signInPage(message: nil) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, _ in
            guard let (token, session) = await Routes.session(request, site) else { return Routes.redirect("/sign-in") }
            guard let fields = try? await Routes.form(request), fields["csrf"] == session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
            await site.sessions.end(token)
            return Routes.redirect("/sign-in", headers: [.setCookie: Self.expired(Routes.sessionCookie)])
        }
    }

    func signInPage(message: String?, status: HTTPResponse.Status = .ok) -> Response {
        let token = Sessions.token()
        var fields: TemplateFields = ["csrf": .text(token)]
        fields["message"] = .maybe(message)
        let cookie = Cookie(name: Routes.signInCookie, value: token, maxAge: 3600, path: "/sign-in", secure: site.secureCookies, httpOnly: true, sameSite: .strict)
        return Routes.html(Page.render(site.text, "site-sign-in.html", title: site.text("sign_in"), session: nil, fields), status: status, headers: [.setCookie: cookie.description])
    }

    func signIn(_ request: Request, _ context: MeritRequestContext) async throws -> Response {
        let fields: [String: String]
        do {
            fields = try await Routes.form(request)
        } catch let refused as Routes.FormRefused {
            return signInPage(message: refused.message(site.text), status: .badRequest)
        }
        guard let token = fields["csrf"], !token.isEmpty, request.cookies[Routes.signInCookie]?.value == token else {
            return Routes.html(Page.forbidden(site.text), status: .forbidden)
        }
        let name = fields["name"] ?? ""
        let address = context.address
        if await site.limiter.isLimited(account: name, address: address) {
            return signInPage(message: site.text("too_many"), status: .tooManyRequests)
        }
        guard let account = try await site.accounts.signIn(name, password: fields["password"] ?? "") else {
            await site.limiter.failed(account: name, address: address)
            return signInPage(message: site.text("wrong_password"), status: .unauthorized)
        }
        await site.limiter.succeeded(account: name)
        let (sessionToken, _) = await site.sessions.start(account: account)
        try await site.audit.record(AuditEntry(at: AuditActor.timestamp(Date()), account: account.name, address: address, action: "sign-in", object: "account:\(account.name)"))
        let cookie = Routes.sessionCookie(sessionToken, secure: site.secureCookies)
        return Routes.redirect("/", headers: [.setCookie: cookie.description])
    }

    static func expired(_ name: String) -> String {
        Cookie(name: name, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict).description
    }
}
