import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritReports
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
                Routes.html(Page.render(site.text, "site-upload.html", title: site.text("upload_title"), session: signedIn.session))
            }
        }
        router.post("/upload") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in
                try await upload(request, signedIn)
            }
        }
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
        if let scored = outcome.scored { await site.cohort.replace(with: scored, stamp: outcome.stamp) }
        try await signedIn.audit(
            action: outcome.committed ? "upload" : "upload-refused",
            object: "upload:\(stamp) files:\(files.map(\.name).joined(separator: ","))")
        let counts = outcome.files.map { file -> TemplateValue in
            .object(
                [
                    "path": .text(file.path), "kind": .text(file.kind?.rawValue ?? "—"), "rows": .number(file.rows), "inserted": .number(file.inserted),
                    "unchanged": .number(file.unchanged), "replaced": .number(file.replaced), "errors": .number(file.errors),
                ] as TemplateFields)
        }
        let message = outcome.committed
            ? site.text("upload_done", ["files": String(files.count), "people": String(outcome.people)])
            : site.text("upload_refused")
        return Routes.html(
            page(session, message: message, findings: outcome.findings, files: counts, committed: outcome.committed, batch: batch),
            status: outcome.committed ? .ok : .unprocessableContent)
    }

    /// The upload page with an answer: the message, each file's counts, every finding with its place.
    func page(_ session: Session, message: String, findings: [Finding], files: [TemplateValue] = [], committed: Bool = false, batch: String = "") -> String {
        let rows = FindingRows.rows(findings, site.text)
        let outcome: TemplateFields = [
            "message": .text(message), "committed": .flag(committed), "files": .list(files), "hasFiles": .flag(!files.isEmpty),
            "findings": .list(rows), "hasFindings": .flag(!rows.isEmpty),
        ]
        return Page.render(
            site.text, "site-upload.html", title: site.text("upload_title"), session: session, ["outcome": .object(outcome), "batch": .text(batch)])
    }
}
