import Foundation
import MeritCore

/// The texts of the site's pages: the `site_*` keys of the report labels (`Instruments/laporan/`), in the
/// language `merit serve --language` chose, beside the reports' own keys (`report`).
public struct SiteText: Sendable {
    public let labels: ReportLabels

    public init(labels: ReportLabels) {
        self.labels = labels
    }

    func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { labels.text("site_" + key, values) }
    func report(_ key: String) -> String { labels.text(key) }
}

/// The frame of the application's own pages (sign-in, lists): escaped text only, no script.
enum Page {
    static func html(_ text: SiteText, title: String, session: Session?, body: String, reportStyle: String = "") -> String {
        let nav = session.map { session in
            let links = Routes.links(for: session.role).map { "<a href=\"\($0.path)\">\(escape(text($0.title)))</a>" }.joined(separator: " · ")
            return """
                <nav>\(links) · \(escape(session.account)) (\(escape(session.role.rawValue)))
                <form method="post" action="/sign-out" class="inline"><input type="hidden" name="csrf" value="\(escape(session.csrf))"><button>\(escape(text("sign_out")))</button></form></nav>
                """
        } ?? ""
        return """
            <!doctype html>
            <html lang="\(escape(text.labels.language))"><head><meta charset="utf-8"><title>\(escape(title)) — Merit</title>
            <style>\(reportStyle)</style>
            <style>body{font-family:sans-serif;margin:2rem;max-width:64rem} nav{margin-bottom:1rem} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left} .inline{display:inline} .error{color:#b42318} .done{color:#067647} .actions a{margin-right:1rem}</style>
            </head><body>\(nav)<h1>\(escape(title))</h1>
            \(body)
            </body></html>
            """
    }

    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A report written as a whole HTML document (a plan, a summary), taken apart to sit inside a page: its
    /// style sheet and the content of its body. The report templates are Merit's own (`Reports/templates`).
    static func embed(_ report: String) -> (style: String, body: String) {
        // Searched as bytes: Foundation's range(of:) (bridged to NSString) took 6 % of a served
        // page and the standard library's generic firstRange(of:) 56 % (perf, scripts/load-test).
        var text = report
        return text.withUTF8 { bytes -> (String, String) in
            func find(_ tag: StaticString, from start: Int) -> Int? {
                let needle = UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount)
                guard let first = needle.first, bytes.count >= needle.count else { return nil }
                var index = start
                while index <= bytes.count - needle.count {
                    if bytes[index] == first && (1..<needle.count).allSatisfy({ bytes[index + $0] == needle[$0] }) { return index }
                    index += 1
                }
                return nil
            }
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var style = ""
            if let open = find("<style>", from: 0), let close = find("</style>", from: open + 7) { style = text(open + 7..<close) }
            guard let body = find("<body>", from: 0), let end = find("</body>", from: body + 6) else { return (style, report) }
            return (style, text(body + 6..<end))
        }
    }

    /// A refusal that names nothing personal (the same text whatever was asked for).
    static func forbidden(_ text: SiteText) -> String {
        html(text, title: text("forbidden_title"), session: nil, body: "<p>\(escape(text("forbidden")))</p>")
    }

    static func notFound(_ text: SiteText) -> String {
        html(text, title: text("not_found_title"), session: nil, body: "<p>\(escape(text("not_found")))</p>")
    }

    static func badRequest(_ text: SiteText, _ message: String) -> String {
        html(text, title: text("refused_title"), session: nil, body: "<p class=\"error\">\(escape(message))</p>")
    }
}
