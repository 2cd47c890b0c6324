import Foundation
import Hummingbird
import MeritCore
import MeritIO

/// The routes of `merit serve` and who may use each: the role matrix of the README, enforced here for every
/// route (and so for every download, which is a route).
public enum Routes {
    struct Link {
        var path: String
        /// The `site_*` label of its title.
        var title: String
        var roles: Set<Role>
    }

    static let pages: [Link] = [
        Link(path: "/people", title: "people", roles: [.hr]),
        Link(path: "/shortlist", title: "shortlist", roles: [.hr]),
        Link(path: "/talent", title: "talent", roles: [.hr, .pelatihan]),
        Link(path: "/gaps", title: "gaps", roles: [.hr, .pelatihan]),
        Link(path: "/upload", title: "upload", roles: [.asesor]),
        Link(path: "/evidence", title: "evidence", roles: [.asesor]),
        Link(path: "/integration", title: "integration", roles: [.asesor]),
        Link(path: "/accounts", title: "accounts", roles: [.admin]),
        Link(path: "/library", title: "library", roles: [.admin]),
    ]

    static func links(for role: Role) -> [Link] { pages.filter { $0.roles.contains(role) } }

    static let sessionCookie = "merit_session"
    static let signInCookie = "merit_signin"

    /// The application: every route behind the security headers.
    public static func router(_ site: MeritSite) -> Router<MeritRequestContext> {
        let router = Router(context: MeritRequestContext.self)
        router.add(middleware: SecurityHeaders())
        SignInRoutes(site: site).add(to: router)
        let pages = PageRoutes(site: site)
        pages.add(to: router)
        ReportRoutes(site: site, pages: pages).add(to: router)
        DownloadRoutes(site: site, pages: pages).add(to: router)
        PlanEditorRoutes(site: site, pages: pages).add(to: router)
        UploadRoutes(site: site, pages: pages).add(to: router)
        AccountRoutes(site: site, pages: pages).add(to: router)
        LibraryRoutes(site: site, pages: pages).add(to: router)
        return router
    }

    /// The signed-in session of a request, or nil.
    static func session(_ request: Request, _ site: MeritSite) async -> (token: String, session: Session)? {
        guard let token = request.cookies[sessionCookie]?.value, let session = await site.sessions.session(token) else { return nil }
        // A disabled account's sessions end with it.
        guard let (account, _) = try? await site.store.account(named: session.account), !account.disabled else {
            await site.sessions.end(token)
            return nil
        }
        return (token, session)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ path: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = path
        return Response(status: .seeOther, headers: fields)
    }

    /// A form Merit does not read exactly as sent: a field twice, or text that is not percent-encoded UTF-8.
    struct FormRefused: Error, CustomStringConvertible {
        /// The `site_*` label of the message, and its values.
        var key: String
        var values: [String: String] = [:]

        var description: String { "\(key) \(values)" }

        func message(_ text: SiteText) -> String { text(key, values) }
    }

    /// The form fields of a urlencoded body (at most 64 KB). A field sent twice or a field that does not
    /// decode is refused, not guessed at (the last value winning would change what was asked).
    static func form(_ request: Request) async throws -> [String: String] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 65_536)
        } catch {
            throw FormRefused(key: "form_too_large")
        }
        return try form(String(buffer: buffer))
    }

    public static func form(_ body: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = try pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { part in
                guard let text = String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw FormRefused(key: "form_encoding")
                }
                return text
            }
            let key = parts[0]
            guard fields[key] == nil else { throw FormRefused(key: "form_twice", values: ["field": key]) }
            fields[key] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// Whether a path segment can be a NIP (18 digits), before anything is looked up by it.
    static func isNIP(_ text: String) -> Bool {
        text.utf8.count == 18 && text.utf8.allSatisfy { (48...57).contains($0) }
    }

    /// The session cookie; `Secure` when the site is served behind TLS.
    static func sessionCookie(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: sessionCookie, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}
