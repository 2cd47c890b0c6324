import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritLibrary
import MeritYAML

/// The upload page: an assessor sends record files (several at once), which are imported all-or-nothing;
/// the answer lists every file's counts and every located finding.
struct UploadRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/upload") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in
                Routes.html(Page.html(site.text, title: site.text("upload_title"), session: signedIn.session, body: form(signedIn.session)))
            }
        }
        router.post("/upload") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in
                try await upload(request, signedIn)
            }
        }
    }

    func form(_ session: Session, batch: String = "") -> String {
        """
        <form method="post" action="/upload" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="\(Page.escape(session.csrf))">
        <p><label>\(site.text("upload_files")) <input type="file" name="files" multiple required></label></p>
        <p><label>\(site.text("upload_batch")) <input name="batch" value="\(Page.escape(batch))" placeholder="default"></label></p>
        <p><button>\(site.text("upload_button"))</button></p></form>
        <p>\(site.text("upload_rule"))</p>
        """
    }

    func upload(_ request: Request, _ signedIn: PageRoutes.SignedIn) async throws -> Response {
        let session = signedIn.session
        let limit = site.uploads.limit
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            let message = site.text("upload_too_large", ["mb": String(limit >> 20)])
            return Routes.html(page(session, message: message, findings: []), status: .contentTooLarge)
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(contentType: request.headers[.contentType], body: body)
        } catch let error as MultipartForm.Malformed {
            return Routes.html(page(session, message: site.text("upload_malformed", ["reason": error.description]), findings: []), status: .badRequest)
        }
        guard form.field("csrf") == session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
        let files = form.parts.filter { $0.name == "files" && $0.filename?.isEmpty == false }.map {
            UploadService.File(name: $0.filename ?? "", data: Data($0.data.readableBytesView))
        }
        guard !files.isEmpty else { return Routes.html(page(session, message: site.text("upload_choose"), findings: []), status: .badRequest) }
        let batch = form.field("batch")?.trimmingCharacters(in: .whitespaces) ?? ""
        let stamp = AuditActor.timestamp(Date()).replacingOccurrences(of: ":", with: "") + "-" + session.account + "-" + String(Sessions.token().prefix(8))
        let outcome = try await site.uploads.upload(
            files, options: ImportOptions(batch: batch.isEmpty ? "default" : batch), referenceDate: site.referenceDate(), stamp: stamp)
        if let scored = outcome.scored { try await site.cohort.replace(with: scored) }
        try signedIn.audit(
            action: outcome.committed ? "upload" : "upload-refused",
            object: "upload:\(stamp) files:\(files.map(\.name).joined(separator: ","))")
        let counts = outcome.files.map { file in
            "<tr><td>\(Page.escape(file.path))</td><td>\(file.kind?.rawValue ?? "—")</td><td>\(file.rows)</td><td>\(file.inserted)</td><td>\(file.unchanged)</td><td>\(file.replaced)</td><td>\(file.errors)</td></tr>"
        }
        let table = counts.isEmpty ? "" : """
            <table><thead><tr>\(headers("file", "kind", "rows", "new", "unchanged", "replaced", "errors"))</tr></thead>
            <tbody>\(counts.joined())</tbody></table>
            """
        let message = outcome.committed
            ? site.text("upload_done", ["files": String(files.count), "people": String(outcome.people)])
            : site.text("upload_refused")
        return Routes.html(
            page(session, message: message, findings: outcome.findings, table: table, committed: outcome.committed),
            status: outcome.committed ? .ok : .unprocessableContent)
    }

    /// Table headings from the `site_*` labels.
    func headers(_ keys: String...) -> String {
        keys.map { "<th>\(Page.escape(site.text($0)))</th>" }.joined()
    }

    func page(_ session: Session, message: String, findings: [Finding], table: String = "", committed: Bool = false) -> String {
        let rows = findings.map { finding in
            let mark = finding.location
            let place = mark.isCell
                ? (mark.column > 0
                    ? site.text("place_cell", ["cell": "\(SourceMark.columnLetters(mark.column))\(mark.line)"]) : site.text("place_line", ["line": String(mark.line)]))
                : (mark.column > 0
                    ? site.text("place_line_column", ["line": String(mark.line), "column": String(mark.column)])
                    : site.text("place_line", ["line": String(mark.line)]))
            return "<tr class=\"\(finding.severity.rawValue)\"><td>\(Page.escape(mark.file))</td><td>\(mark.line > 0 ? place : "—")</td><td>\(finding.severity.rawValue)</td><td>\(Page.escape(finding.message))</td></tr>"
        }
        let list = rows.isEmpty ? "" : """
            <h2>\(site.text("findings"))</h2><table class="findings"><thead><tr>\(headers("file", "place", "severity", "message"))</tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
        let body = "<p class=\"\(committed ? "done" : "error")\" id=\"outcome\">\(Page.escape(message))</p>\(table)\(list)<h2>\(site.text("upload_again"))</h2>\(form(session))"
        return Page.html(site.text, title: site.text("upload_title"), session: session, body: body)
    }
}
