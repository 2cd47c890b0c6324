import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import MeritAccounts
import MeritCore
import MeritIO
import MeritLibrary
import MeritPostgres
import MeritPostgresTesting
import MeritReports
import MeritServer
import Testing

/// The site served on one agency of a PostgreSQL store (`merit serve --store postgres://…`): the same
/// pages as on SQLite for every role, nothing of another agency, and the records as the store holds them
/// now, whoever changed them.
@Suite struct PostgresPagesTests {
    /// The example record files, as an assessor uploads them.
    static let exampleFiles = ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"]

    /// A site on agency `code` of the store at `app`, with one account per role (named after it, with
    /// `suffix`); the store to close, and the site's folder (its uploads).
    static func site(_ app: PostgresLocation, agency code: String, suffix: String = "1") async throws -> (MeritSite, PostgresStore, URL) {
        let library = try #require(LibraryLoader().load(folder: RouteTests.root.appendingPathComponent("Instruments").path).library)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-serve-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try await PostgresStore.open(app, agency: code, environment: [:])
        let accounts = AccountService(store: store, cost: 4)
        let actor = AuditActor(account: "cli:test", address: "local", at: "2026-12-02T00:00:00Z")
        for role in Role.allCases {
            try await accounts.add(role.rawValue + suffix, role: role, password: RouteTests.password, assessor: role == .asesor ? "asesor-05" : nil, by: actor)
        }
        var site = MeritSite(
            library: library, store: store, reports: try Reports(library: library, language: "id", templates: ReportTemplates(folder: nil)),
            accounts: accounts, uploadFolder: folder.appendingPathComponent("uploads").path, referenceDate: { CalendarDate(year: 2026, month: 11, day: 22)! })
        site.printPDF = { html in Data("%PDF-1.4 \(html.count)".utf8) }
        site.libraryFolder = RouteTests.root.appendingPathComponent("Instruments").path
        return (site, store, folder)
    }

    /// A new store holding the agencies named; its application role's URL.
    static func store(agencies: [String]) async throws -> PostgresLocation {
        let (owner, app) = try await TestCluster.freshDatabase()
        for code in agencies { try await PostgresStore.addAgency(code: code, name: "BKPSDM \(code)", at: owner, environment: [:]) }
        return app
    }

    /// Uploads `files` (of the examples) as `account`; the page's status and text.
    static func upload(_ client: some TestClientProtocol, _ files: [String], as account: String) async throws -> (HTTPResponse.Status, String) {
        let cookie = try #require(try await RouteTests.signIn(client, as: account))
        let token = try WorkflowTests.csrf(try await WorkflowTests.get(client, "/upload", cookie).1)
        var (headers, body) = WorkflowTests.uploadForm(try files.map { ($0, try WorkflowTests.example($0)) }, csrf: token)
        headers[.cookie] = cookie
        let answer = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
        return (answer.status, String(buffer: answer.body))
    }

    /// Every route's answer for every role: status and page, with the session's CSRF token blanked.
    static func everyPage(_ client: some TestClientProtocol, suffix: String = "1") async throws -> [String: String] {
        var pages: [String: String] = [:]
        for role in Role.allCases {
            let cookie = try #require(try await RouteTests.signIn(client, as: role.rawValue + suffix))
            for route in RouteTests.routes {
                let (status, page) = try await WorkflowTests.get(client, route, cookie)
                pages["\(role) \(route)"] = "\(status.code)\n" + page.replacing(#/name="csrf" value="[0-9a-f]{64}"/#, with: "name=\"csrf\"")
            }
        }
        return pages
    }

    @Test func everyPageForEveryRoleIsTheSQLitePage() async throws {
        var (sqlite, folder) = try await WorkflowTests.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        sqlite.printPDF = { html in Data("%PDF-1.4 \(html.count)".utf8) }
        sqlite.libraryFolder = RouteTests.root.appendingPathComponent("Instruments").path
        let onSQLite = try await Application(router: Routes.router(sqlite)).test(.router) { client in
            #expect(try await Self.upload(client, Self.exampleFiles, as: "asesor1").0 == .ok)
            return try await Self.everyPage(client)
        }
        let (site, store, pgFolder) = try await Self.site(try await Self.store(agencies: ["kab-satu"]), agency: "kab-satu")
        defer { try? FileManager.default.removeItem(at: pgFolder) }
        try await Application(router: Routes.router(site)).test(.router) { client in
            let (status, page) = try await Self.upload(client, Self.exampleFiles, as: "asesor1")
            #expect(status == .ok && page.contains("40"), "\(page.prefix(2_000))")
            let onPostgres = try await Self.everyPage(client)
            #expect(onPostgres.count == Role.allCases.count * RouteTests.routes.count)
            for (route, page) in onSQLite.sorted(by: { $0.key < $1.key }) {
                #expect(onPostgres[route] == page, "\(route)")
            }
            #expect(onPostgres["hr /people/\(RouteTests.nip)"]?.hasPrefix("200\n") == true)
        }
        let kept = try FileManager.default.contentsOfDirectory(atPath: pgFolder.appendingPathComponent("uploads").path)
        #expect(kept.count == 1, "the upload's files kept in the folder named")
        await store.close()
    }

    @Test func anAgencysPagesShowNoOneOfAnother() async throws {
        let app = try await Self.store(agencies: ["kab-satu", "kab-dua"])
        let (satu, satuStore, satuFolder) = try await Self.site(app, agency: "kab-satu")
        let (dua, duaStore, duaFolder) = try await Self.site(app, agency: "kab-dua", suffix: "2")
        defer { for folder in [satuFolder, duaFolder] { try? FileManager.default.removeItem(at: folder) } }
        try await Application(router: Routes.router(satu)).test(.router) { client async throws -> Void in
            #expect(try await Self.upload(client, Self.exampleFiles, as: "asesor1").0 == .ok)
            // An account of the other agency is not an account here.
            #expect(try await RouteTests.signIn(client, as: "hr2") == nil)
        }
        try await Application(router: Routes.router(dua)).test(.router) { client in
            #expect(try await RouteTests.signIn(client, as: "hr1") == nil)
            let hr = try #require(try await RouteTests.signIn(client, as: "hr2"))
            let people = try await WorkflowTests.get(client, "/people", hr)
            #expect(people.0 == .ok && !people.1.contains(RouteTests.nip) && !people.1.contains(RouteTests.name))
            #expect(try await WorkflowTests.get(client, "/people/\(RouteTests.nip)", hr).0 == .notFound)
            let shortlist = try await WorkflowTests.get(client, "/shortlist.csv?position=kepala-bkpsdm", hr)
            #expect(!shortlist.1.contains(RouteTests.nip))
            let admin = try #require(try await RouteTests.signIn(client, as: "admin2"))
            let accounts = try await WorkflowTests.get(client, "/accounts", admin).1
            #expect(accounts.contains("hr2") && !accounts.contains("hr1"), "its own accounts only")
        }
        #expect(try await duaStore.auditLog(person: nil, account: "asesor1").isEmpty, "the other agency's upload is not in this audit log")
        #expect(try await satuStore.auditLog(person: nil, account: "asesor1").map(\.action).contains("upload"))
        await satuStore.close()
        await duaStore.close()
    }

    /// A province's HR account granted to one regency (`merit store agency grant`) works there as HR, on
    /// that regency's people, and signs in nowhere else.
    @Test func aProvincesAccountWorksOnTheAgencyItWasGranted() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        try await PostgresStore.addAgency(code: "prov-contoh", name: "BKD Provinsi Contoh", at: owner, environment: [:])
        for code in ["kab-satu", "kab-dua"] { try await PostgresStore.addAgency(code: code, name: code, parent: "prov-contoh", at: owner, environment: [:]) }
        let (prov, provStore, provFolder) = try await Self.site(app, agency: "prov-contoh", suffix: ".prov")
        let (satu, satuStore, satuFolder) = try await Self.site(app, agency: "kab-satu")
        let (dua, duaStore, duaFolder) = try await Self.site(app, agency: "kab-dua", suffix: "2")
        defer { for folder in [provFolder, satuFolder, duaFolder] { try? FileManager.default.removeItem(at: folder) } }
        try await PostgresStore.grant(
            account: "hr.prov", of: "prov-contoh", to: ["kab-satu"], at: owner, by: AuditActor(account: "cli:test", address: "local", at: "2026-12-03T00:00:00Z"),
            environment: [:])
        try await Application(router: Routes.router(satu)).test(.router) { client in
            #expect(try await Self.upload(client, Self.exampleFiles, as: "asesor1").0 == .ok)
            let hr = try #require(try await RouteTests.signIn(client, as: "hr.prov"))
            let person = try await WorkflowTests.get(client, "/people/\(RouteTests.nip)", hr)
            #expect(person.0 == .ok && person.1.contains(RouteTests.name))
            // The regency's admin sees who else may sign in on its people.
            let admin = try #require(try await RouteTests.signIn(client, as: "admin1"))
            let accounts = try await WorkflowTests.get(client, "/accounts", admin).1
            #expect(accounts.contains("<table id=\"granted\">") && accounts.contains("<tr><td>prov-contoh</td><td>hr.prov</td><td>hr</td><td>aktif</td></tr>"), "\(accounts)")
        }
        #expect(try await satuStore.auditLog(person: RouteTests.nip, account: "hr.prov").map(\.action) == ["view-plan"], "in the regency's audit log")
        try await Application(router: Routes.router(dua)).test(.router) { client async throws -> Void in
            #expect(try await RouteTests.signIn(client, as: "hr.prov") == nil, "not granted to kab-dua")
        }
        try await Application(router: Routes.router(prov)).test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr.prov"))
            #expect(try await WorkflowTests.get(client, "/people/\(RouteTests.nip)", hr).0 == .notFound, "the province's own pages hold no one of kab-satu")
        }
        for store in [provStore, satuStore, duaStore] { await store.close() }
    }

    /// What `merit import` stores beside the server, and what HR saves, is on the next page: the cached
    /// cohort is kept under the agency's change stamp, not this process's own writes.
    @Test func aChangeMadeElsewhereIsOnTheNextPage() async throws {
        let app = try await Self.store(agencies: ["kab-satu"])
        let (site, store, folder) = try await Self.site(app, agency: "kab-satu")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Application(router: Routes.router(site)).test(.router) { client in
            #expect(try await Self.upload(client, ["profiles.csv"], as: "asesor1").0 == .ok)
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let before = try await WorkflowTests.get(client, "/people/\(RouteTests.nip)", hr)
            #expect(before.0 == .notFound, "no assessment yet, so no plan")
            // Another process (here another store opened on the agency) imports the assessments.
            let other = try await PostgresStore.open(app, agency: "kab-satu", environment: [:])
            let files = Self.exampleFiles.dropFirst().map { WorkflowTests.examples.appendingPathComponent($0).path }
            let imported = try await other.withRecords(writing: true) { records in try Importer(library: site.library, store: records).run(files) }
            await other.close()
            #expect(imported.committed)
            let after = try await WorkflowTests.get(client, "/people/\(RouteTests.nip)", hr)
            #expect(after.0 == .ok && after.1.contains("Rencana Pengembangan Individu"), "the scored cohort was made again")
            #expect(try await store.changeStamp() == "4.4.0")
            // A saved plan version changes the stamp too.
            _ = try await store.savePlanVersion(nip: RouteTests.nip, batch: "default", content: "{}", by: AuditActor(account: "hr1", address: "local", at: "2026-12-02T01:00:00Z"))
            #expect(try await store.changeStamp() == "4.4.1")
        }
        await store.close()
    }
}
