import Foundation
import Hummingbird
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// The summaries: gap summaries (HR and the training unit), the talent map (names for HR, counts only for
/// the training unit), the shortlist for a position (HR) and the integration list (assessors).
struct ReportRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/gaps") { request, context in
            try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                let grouping = try Self.grouping(request)
                let (summary, date) = try await site.gapSummary(by: grouping)
                try await signedIn.audit(action: "view-gaps", object: "gaps:\(grouping.rawValue)")
                let fields: TemplateFields = [
                    "groupings": .list(GapGrouping.allCases.map { .object(["id": .text($0.rawValue)] as TemplateFields) }),
                    "grouping": .text(grouping.rawValue), "report": .object(site.reports.gapsView(summary, generatedOn: date)),
                ]
                return Routes.html(Page.render(site.text, "site-gaps.html", title: site.text("gaps"), session: signedIn.session, fields, style: .report))
            }
        }
        router.get("/talent") { request, context in
            try await pages.page(request, context, roles: [.hr, .pelatihan]) { signedIn in
                // The training unit sees counts only, small boxes withheld; HR sees the names.
                let names = signedIn.session.role.seesPeople
                let (grid, scored) = try await site.talentGrid(withNames: names)
                try await signedIn.audit(action: "view-talent", object: names ? "talent:names" : "talent:counts")
                let view = site.reports.talentView(grid, profiles: scored.cohort.profiles, withNames: names, generatedOn: scored.referenceDate)
                return Routes.html(
                    Page.render(site.text, "site-talent.html", title: site.text("talent"), session: signedIn.session, ["report": .object(view)], style: .talent))
            }
        }
        router.get("/shortlist") { request, context in
            try await pages.page(request, context, roles: [.hr]) { signedIn in try await shortlist(request, signedIn) }
        }
        router.get("/integration") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in try await integration(signedIn) }
        }
        router.get("/evidence") { request, context in
            try await pages.page(request, context, roles: [.asesor]) { signedIn in try await evidence(signedIn) }
        }
    }

    static func grouping(_ request: Request) throws -> GapGrouping {
        guard let text = request.uri.queryParameters["by"].map(String.init), !text.isEmpty else { return .unit }
        guard let grouping = GapGrouping(rawValue: text) else {
            throw Routes.FormRefused(key: "unknown_grouping", values: ["grouping": text, "known": GapGrouping.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        return grouping
    }

    /// The shortlist for one position, with the rule that orders it (and breaks ties) stated above it.
    func shortlist(_ request: Request, _ signedIn: PageRoutes.SignedIn) async throws -> Response {
        let id = request.uri.queryParameters["position"].map(String.init) ?? ""
        var fields: TemplateFields = [
            "positions": .list(
                site.library.positionsInOrder.map { .object(["id": .text($0.id), "title": .text($0.title), "selected": .flag($0.id == id)] as TemplateFields) })
        ]
        if !id.isEmpty {
            guard let standard = site.library.positions[id] else {
                throw Routes.FormRefused(key: "unknown_position", values: ["position": id])
            }
            let table = try await site.shortlist(standard, top: 10)
            try await signedIn.audit(action: "view-shortlist", object: "position:\(standard.id)")
            fields["shortlist"] = .object(
                [
                    "rule": .text(site.text("order", ["rule": Shortlist.rule])), "position": .text(standard.id),
                    "table": Page.table("shortlist", columns: table.columns, rows: table.rows),
                ] as TemplateFields)
        }
        return Routes.html(Page.render(site.text, "site-shortlist.html", title: site.text("shortlist"), session: signedIn.session, fields))
    }

    /// The integration meeting's list: every competency whose level needs discussion (assessors far apart)
    /// or is provisional (too few instruments with evidence), for the people this assessor rated.
    func integration(_ signedIn: PageRoutes.SignedIn) async throws -> Response {
        guard let code = signedIn.session.assessor else { return Routes.html(noAssessorCode(signedIn.session)) }
        let scored = try await site.cohort.entry().scored
        let format = ReportFormat(labels: site.reports.labels)
        var rows: [[String]] = []
        for result in scored.results where result.evidence.ratings.contains(where: { $0.assessor == code }) {
            for level in result.levels.competencies where level.flags.contains(.disagreement) || level.flags.contains(.provisional) {
                var flags: [String] = []
                if level.flags.contains(.disagreement) { flags.append(site.text.report("flag_disagreement")) }
                if level.flags.contains(.provisional) { flags.append(site.text.report("flag_provisional")) }
                if level.flags.contains(.agreed) { flags.append(site.text.report("flag_agreed")) }
                rows.append([
                    result.evidence.nip, result.profile?.name ?? "", scored.batches[result.evidence.nip] ?? "", competencyName(level.competency),
                    format.level(level.level), flags.joined(separator: "; "),
                ])
            }
        }
        try await signedIn.audit(action: "view-integration", object: "assessor:\(code)")
        let fields: TemplateFields = [
            "count": .text(site.text("integration_count", ["count": String(rows.count)])),
            "table": Page.table("integration", columns: headers("nip", "name", "batch", "competency", "level", "flags"), rows: rows),
        ]
        return Routes.html(Page.render(site.text, "site-rows.html", title: site.text("integration"), session: signedIn.session, fields))
    }

    /// The ratings this assessor gave, by person: the evidence of the events they rated.
    func evidence(_ signedIn: PageRoutes.SignedIn) async throws -> Response {
        guard let code = signedIn.session.assessor else { return Routes.html(noAssessorCode(signedIn.session)) }
        let scored = try await site.cohort.entry().scored
        let library = site.library
        var rows: [[String]] = []
        for evidence in scored.cohort.evidence {
            for rating in evidence.ratings where rating.assessor == code {
                let instrument = library.instrumentOrder.indices.contains(rating.instrument) ? library.instrumentOrder[rating.instrument] : "?"
                rows.append([
                    evidence.nip, scored.cohort.profiles[evidence.nip]?.name ?? "", scored.batches[evidence.nip] ?? "", instrument,
                    competencyName(rating.competency), rating.value.description,
                ])
            }
        }
        try await signedIn.audit(action: "view-evidence", object: "assessor:\(code)")
        let fields: TemplateFields = [
            "count": .text(site.text("evidence_count", ["count": String(rows.count), "code": code])),
            "table": Page.table("evidence", columns: headers("nip", "name", "batch", "instrument", "competency") + [site.text("rating")], rows: rows),
        ]
        return Routes.html(Page.render(site.text, "site-rows.html", title: site.text("evidence"), session: signedIn.session, fields))
    }

    /// An assessor's account without its code sees no one (it is told who can link it).
    func noAssessorCode(_ session: Session) -> String {
        Page.message(site.text, title: site.text("no_code_title"), session: session, site.text("no_code"))
    }

    /// "M.03 Komunikasi" for a competency's place in `Library.competencyOrder` (the ref evidence carries).
    func competencyName(_ ref: Int) -> String {
        let library = site.library
        guard library.competencyOrder.indices.contains(ref), let competency = library.competency(library.competencyOrder[ref]) else { return "?" }
        return "\(competency.code) \(competency.name)"
    }

    /// Table headings from the reports' own labels (`nip`, `name`, …).
    func headers(_ keys: String...) -> [String] {
        keys.map { site.text.report($0) }
    }
}
