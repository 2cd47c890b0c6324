import Foundation
import MeritCore

/// The frame of the application's own pages (sign-in, lists): escaped text only, no script, Indonesian.
enum Page {
    static func html(title: String, session: Session?, body: String, reportStyle: String = "") -> String {
        let nav = session.map { session in
            let links = Routes.links(for: session.role).map { "<a href=\"\($0.path)\">\(escape($0.title))</a>" }.joined(separator: " · ")
            return """
                <nav>\(links) · \(escape(session.account)) (\(escape(session.role.rawValue)))
                <form method="post" action="/sign-out" class="inline"><input type="hidden" name="csrf" value="\(escape(session.csrf))"><button>Keluar</button></form></nav>
                """
        } ?? ""
        return """
            <!doctype html>
            <html lang="id"><head><meta charset="utf-8"><title>\(escape(title)) — Merit</title>
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
        let style = report.range(of: "<style>").flatMap { open in
            report.range(of: "</style>", range: open.upperBound..<report.endIndex).map { String(report[open.upperBound..<$0.lowerBound]) }
        } ?? ""
        guard let body = report.range(of: "<body>"), let end = report.range(of: "</body>", options: .backwards) else { return (style, report) }
        return (style, String(report[body.upperBound..<end.lowerBound]))
    }

    /// A refusal that names nothing personal (the same text whatever was asked for).
    static let forbidden = html(title: "Akses ditolak", session: nil, body: "<p>Peran Anda tidak membuka halaman ini.</p>")
    static let notFound = html(title: "Tidak ditemukan", session: nil, body: "<p>Halaman ini tidak ada.</p>")
    static func badRequest(_ message: String) -> String {
        html(title: "Permintaan ditolak", session: nil, body: "<p class=\"error\">\(escape(message))</p>")
    }
}
