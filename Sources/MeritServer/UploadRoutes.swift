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
                Routes.html(Page.html(title: "Unggah hasil penilaian", session: signedIn.session, body: form(signedIn.session)))
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
        <p><label>Berkas (CSV, .xlsx, .ods, YAML, JSON; beberapa sekaligus) <input type="file" name="files" multiple required></label></p>
        <p><label>Batch bagi baris tanpa kolom batch <input name="batch" value="\(Page.escape(batch))" placeholder="default"></label></p>
        <p><button>Unggah dan impor</button></p></form>
        <p>Semua berkas diimpor bersama, atau tidak satu pun: satu kesalahan di satu berkas membatalkan seluruh unggahan.</p>
        """
    }

    func upload(_ request: Request, _ signedIn: PageRoutes.SignedIn) async throws -> Response {
        let session = signedIn.session
        let limit = site.uploads.limit
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: limit)
        } catch {
            let message = "Unggahan lebih besar dari \(limit >> 20) MB: bagi berkasnya dan unggah beberapa kali."
            return Routes.html(page(session, message: message, findings: []), status: .contentTooLarge)
        }
        let form: MultipartForm
        do {
            form = try MultipartForm(contentType: request.headers[.contentType], body: body)
        } catch let error as MultipartForm.Malformed {
            return Routes.html(page(session, message: "Unggahan ditolak: \(error.description).", findings: []), status: .badRequest)
        }
        guard form.field("csrf") == session.csrf else { return Routes.html(Page.forbidden, status: .forbidden) }
        let files = form.parts.filter { $0.name == "files" && $0.filename?.isEmpty == false }.map {
            UploadService.File(name: $0.filename ?? "", data: Data($0.data.readableBytesView))
        }
        guard !files.isEmpty else { return Routes.html(page(session, message: "Pilih setidaknya satu berkas.", findings: []), status: .badRequest) }
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
            <table><thead><tr><th>Berkas</th><th>Jenis</th><th>Baris</th><th>Baru</th><th>Tetap</th><th>Diganti</th><th>Kesalahan</th></tr></thead>
            <tbody>\(counts.joined())</tbody></table>
            """
        let message = outcome.committed
            ? "Diimpor: \(files.count) berkas; \(outcome.people) orang dinilai ulang."
            : "Tidak ada yang diimpor: perbaiki kesalahan di bawah ini lalu unggah lagi semua berkasnya."
        return Routes.html(
            page(session, message: message, findings: outcome.findings, table: table, committed: outcome.committed),
            status: outcome.committed ? .ok : .unprocessableContent)
    }

    func page(_ session: Session, message: String, findings: [Finding], table: String = "", committed: Bool = false) -> String {
        let rows = findings.map { finding in
            let mark = finding.location
            let place = mark.isCell
                ? (mark.column > 0 ? "sel \(SourceMark.columnLetters(mark.column))\(mark.line)" : "baris \(mark.line)")
                : (mark.column > 0 ? "baris \(mark.line), kolom \(mark.column)" : "baris \(mark.line)")
            return "<tr class=\"\(finding.severity.rawValue)\"><td>\(Page.escape(mark.file))</td><td>\(mark.line > 0 ? place : "—")</td><td>\(finding.severity.rawValue)</td><td>\(Page.escape(finding.message))</td></tr>"
        }
        let list = rows.isEmpty ? "" : """
            <h2>Temuan</h2><table class="findings"><thead><tr><th>Berkas</th><th>Letak</th><th>Tingkat</th><th>Pesan</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            """
        let body = "<p class=\"\(committed ? "done" : "error")\" id=\"outcome\">\(Page.escape(message))</p>\(table)\(list)<h2>Unggah lagi</h2>\(form(session))"
        return Page.html(title: "Unggah hasil penilaian", session: session, body: body)
    }
}
