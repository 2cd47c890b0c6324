import HTTPTypes
import Hummingbird

/// Headers on every answer: no script at all (the pages work without JavaScript), no framing, no sniffing,
/// no caching of pages that hold personal data, no referrer leaving the site.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    static var values: [(HTTPField.Name, String)] {
        [
            (.contentSecurityPolicy, "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
            (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
            (HTTPField.Name("Referrer-Policy")!, "no-referrer"),
            (.cacheControl, "no-store"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in Self.values { response.headers[name] = value }
        return response
    }
}
