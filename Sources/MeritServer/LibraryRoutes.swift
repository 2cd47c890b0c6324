import Hummingbird
import MeritCore
import MeritLibrary
import MeritReports

/// The library check (admin): the server's library folder loaded again now, as `merit check` does, with
/// what it holds and every finding in its file, line and column. It names no person (a library holds
/// none), and it changes nothing: the server keeps the library it loaded at start.
struct LibraryRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/library") { request, context in
            try await pages.page(request, context, roles: [.admin]) { signedIn in
                Routes.html(page(signedIn.session))
            }
        }
    }

    func page(_ session: Session) -> String {
        var fields: TemplateFields = [:]
        if let own = site.libraryFolder {
            let folders = [site.sharedLibraryFolder, own].compactMap { $0 }
            let folder = folders.joined(separator: " + ")
            let result = LibraryLoader().load(folders: folders)
            let errors = result.findings.errorCount
            let summary = result.summary
            let counts: [(String, Int)] = [
                ("library_files", summary.files), ("library_dictionaries", summary.dictionaries),
                ("library_competencies", summary.competencies), ("library_instruments", summary.instruments),
                ("library_batteries", summary.batteries), ("library_job_levels", summary.jobLevels),
                ("library_positions", summary.positions), ("library_scoring", summary.scoring),
                ("library_activities", summary.activities), ("library_languages", summary.labelLanguages),
            ]
            let rows = FindingRows.rows(result.findings, site.text)
            fields["check"] = .object(
                [
                    "folder": .text(site.text("library_folder", ["folder": folder])),
                    "loads": .flag(errors == 0),
                    "outcome": .text(errors == 0 ? site.text("library_ok") : site.text("library_errors", ["count": String(errors)])),
                    "counts": .list(counts.map { .object(["name": .text(site.text($0.0)), "count": .text(String($0.1))] as TemplateFields) }),
                    "findings": .list(rows), "hasFindings": .flag(!rows.isEmpty),
                ] as TemplateFields)
        }
        return Page.render(site.text, "site-library.html", title: site.text("library_title"), session: session, fields)
    }
}
