import Foundation
import Hummingbird
import MeritCore
import MeritIO

/// The routes of `merit serve` and who may use each: the role matrix of the README, enforced here for every
/// route (and so for every download, which is a route).
public enum Routes {
    struct Link {
        var path: String
        var title: String
        var roles: Set<Role>
    }

    static let pages: [Link] = [
        Link(path: "/people", title: "Pegawai", roles: [.hr]),
        Link(path: "/gaps", title: "Ringkasan kebutuhan pengembangan", roles: [.hr, .pelatihan]),
        Link(path: "/accounts", title: "Akun", roles: [.admin]),
    ]

    static func links(for role: Role) -> [Link] { pages.filter { $0.roles.contains(role) } }

    static let sessionCookie = "merit_session"
    static let signInCookie = "merit_signin"

    /// The application: every route behind the security headers.
    public static func router(_ site: MeritSite) -> Router<MeritRequestContext> {
        let router = Router(context: MeritRequestContext.self)
        router.add(middleware: SecurityHeaders())
        SignInRoutes(site: site).add(to: router)
        PageRoutes(site: site).add(to: router)
        return router
    }

    /// The signed-in session of a request, or nil.
    static func session(_ request: Request, _ site: MeritSite) async -> (token: String, session: Session)? {
        guard let token = request.cookies[sessionCookie]?.value, let session = await site.sessions.session(token) else { return nil }
        // A disabled account's sessions end with it.
        guard let (account, _) = try? site.store.account(named: session.account), !account.disabled else {
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

    /// The form fields of a urlencoded body (at most 64 KB).
    static func form(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: 65_536)
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
