import MeritCore

/// The frame of the application's own pages (sign-in, lists): escaped text only, no script, Indonesian.
enum Page {
    static func html(title: String, session: Session?, body: String) -> String {
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
            <style>body{font-family:sans-serif;margin:2rem;max-width:60rem} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left} .inline{display:inline} .error{color:#b42318}</style>
            </head><body>\(nav)<h1>\(escape(title))</h1>
            \(body)
            </body></html>
            """
    }

    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A refusal that names nothing personal (the same text whatever was asked for).
    static let forbidden = html(title: "Akses ditolak", session: nil, body: "<p>Peran Anda tidak membuka halaman ini.</p>")
    static let notFound = html(title: "Tidak ditemukan", session: nil, body: "<p>Halaman ini tidak ada.</p>")
}
