import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import MeritAccounts
import MeritCore
import MeritIO
import MeritLibrary
import MeritReports
import MeritServer
import Testing

/// Every route for every role, through Hummingbird's router test client, on the example cohort.
@Suite struct RouteTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let password = "kata sandi yang panjang"
    static let nip = "197702102007051001"
    static let name = "Siti Saputra"

    /// A store with the examples imported and one account per role (named after it).
    static func site() async throws -> (MeritSite, URL) {
        let library = try #require(LibraryLoader().load(folder: root.appendingPathComponent("Instruments").path).library)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        let files = ["profiles", "ratings", "tests", "levels"].map { root.appendingPathComponent("Instruments/examples/\($0).csv").path }
        #expect(try Importer(library: library, store: store).run(files).committed)
        let accounts = AccountService(store: store, cost: 4)
        let actor = AuditActor(account: "cli:test", address: "local", at: "2026-12-02T00:00:00Z")
        for role in Role.allCases {
            try await accounts.add(role.rawValue + "1", role: role, password: password, assessor: role == .asesor ? "asesor-05" : nil, by: actor)
        }
        let reports = try Reports(library: library, language: "id", templates: ReportTemplates(folder: nil))
        var site = MeritSite(
            library: library, store: store, reports: reports, accounts: accounts, referenceDate: { CalendarDate(year: 2026, month: 11, day: 22)! })
        // Chromium is tested in PrintedReportTests and the browser test; here the route's checks are.
        site.printPDF = { html in Data("%PDF-1.4 \(html.count)".utf8) }
        site.libraryFolder = root.appendingPathComponent("Instruments").path
        return (site, folder)
    }

    /// Signs in through the form as a browser would; the session cookie.
    static func signIn(_ client: some TestClientProtocol, as account: String, password: String = password) async throws -> String? {
        let form = try await client.execute(uri: "/sign-in", method: .get)
        let csrf = try #require(String(buffer: form.body).firstMatch(of: #/name="csrf" value="([0-9a-f]{64})"/#)?.output.1)
        let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first)
        let answer = try await client.execute(
            uri: "/sign-in", method: .post, headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(csrf)&name=\(account)&password=\(password.replacingOccurrences(of: " ", with: "+"))"))
        guard answer.status == .seeOther else { return nil }
        return answer.headers[.setCookie]?.split(separator: ";").first.map(String.init)
    }

    static let routes = [
        "/", "/people", "/people/\(nip)", "/people/\(nip)/plan/edit", "/people/\(nip)/plan.html", "/people/\(nip)/plan.yaml",
        "/people/\(nip)/plan.pdf", "/gaps", "/gaps?by=competency", "/gaps.csv", "/gaps.xlsx?by=position", "/talent", "/talent.csv",
        "/shortlist", "/shortlist?position=kepala-bkpsdm", "/shortlist.csv?position=kepala-bkpsdm", "/shortlist.xlsx?position=kepala-bkpsdm",
        "/upload", "/evidence", "/integration", "/accounts", "/library",
    ]
    /// Who may open each route (the README's role matrix).
    static let allowed: [String: Set<Role>] = {
        var allowed: [String: Set<Role>] = [
            "/": Set(Role.allCases), "/upload": [.asesor], "/evidence": [.asesor], "/integration": [.asesor], "/accounts": [.admin],
            "/library": [.admin],
        ]
        for route in routes where route.hasPrefix("/people") || route.hasPrefix("/shortlist") { allowed[route] = [.hr] }
        for route in routes where route.hasPrefix("/gaps") || route.hasPrefix("/talent") { allowed[route] = [.hr, .pelatihan] }
        return allowed
    }()

    @Test(arguments: Role.allCases) func everyRouteForEveryRole(role: Role) async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: role.rawValue + "1"))
            for route in Self.routes {
                let answer = try await client.execute(uri: route, method: .get, headers: [.cookie: cookie])
                let body = String(buffer: answer.body)
                if Self.allowed[route]!.contains(role) {
                    #expect(answer.status == .ok, "\(role) \(route)")
                } else {
                    #expect(answer.status == .forbidden, "\(role) \(route)")
                    #expect(!body.contains(Self.nip) && !body.contains(Self.name), "\(role) \(route): nothing personal in a refusal")
                }
                #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(answer.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(!body.contains("<script"), "\(route): no script")
            }
        }
    }

    /// The routes that change something, and who may post to each.
    static let postRoutes: [String: Set<Role>] = [
        "/upload": [.asesor], "/people/\(nip)/plan/edit": [.hr], "/accounts": [.admin], "/accounts/hr1/disable": [.admin],
        "/accounts/hr1/enable": [.admin],
    ]

    @Test(arguments: Role.allCases) func everyFormRouteRefusesOtherRoles(role: Role) async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try site.sqlite.contentDump().filter { !$0.hasPrefix("audit_log:") }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: role.rawValue + "1"))
            let home = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]).body)
            let csrf = try #require(home.firstMatch(of: #/name="csrf" value="([0-9a-f]{64})"/#).map { String($0.output.1) })
            for (route, roles) in Self.postRoutes where !roles.contains(role) {
                let answer = try await client.execute(
                    uri: route, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=\(csrf)&name=x.y.z&role=admin&count=0"))
                let body = String(buffer: answer.body)
                #expect(answer.status == .forbidden, "\(role) POST \(route)")
                #expect(!body.contains(Self.nip) && !body.contains(Self.name))
            }
            let unsigned = try await client.execute(uri: "/upload", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(unsigned.status == .seeOther && unsigned.headers[.location] == "/sign-in")
        }
        #expect(try site.sqlite.contentDump().filter { !$0.hasPrefix("audit_log:") } == before, "nothing changed")
    }

    @Test func pagesShowWhatTheRoleNeeds() async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let hr = try #require(try await Self.signIn(client, as: "hr1"))
            let people = String(buffer: try await client.execute(uri: "/people?q=saputra", method: .get, headers: [.cookie: hr]).body)
            #expect(people.contains(Self.name) && people.contains("/people/\(Self.nip)"))
            #expect(!people.contains("196801071994062001"), "the search leaves others out")
            let plan = String(buffer: try await client.execute(uri: "/people/\(Self.nip)", method: .get, headers: [.cookie: hr]).body)
            #expect(plan.contains("Rencana Pengembangan Individu") && plan.contains(Self.name))
            #expect(try await client.execute(uri: "/people/123", method: .get, headers: [.cookie: hr]).status == .notFound)

            let training = try #require(try await Self.signIn(client, as: "pelatihan1"))
            let gaps = String(buffer: try await client.execute(uri: "/gaps", method: .get, headers: [.cookie: training]).body)
            #expect(gaps.contains("Ringkasan Kebutuhan Pengembangan Kompetensi"))
            #expect(!gaps.contains(Self.nip) && !gaps.contains(Self.name), "the training unit sees no person")
        }
        // Every view of a person's plan is in the audit log, with the account.
        let views = try site.sqlite.auditLog(person: Self.nip)
        #expect(views.map { "\($0.account) \($0.action)" } == ["hr1 view-plan"])
    }

    @Test func noSessionSignsInAndAForgedSignInIsRefused() async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            for route in Self.routes {
                let answer = try await client.execute(uri: route, method: .get)
                #expect(answer.status == .seeOther && answer.headers[.location] == "/sign-in", "\(route)")
            }
            let stale = try await client.execute(uri: "/people", method: .get, headers: [.cookie: "merit_session=0123"])
            #expect(stale.headers[.location] == "/sign-in", "an unknown or expired session signs in again")
            // No CSRF cookie, or a token that does not match it: 403.
            let body = ByteBuffer(string: "csrf=abc&name=hr1&password=kata+sandi+yang+panjang")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.execute(uri: "/sign-in", method: .post, headers: form, body: body).status == .forbidden)
            var wrong = form
            wrong[.cookie] = "merit_signin=def"
            #expect(try await client.execute(uri: "/sign-in", method: .post, headers: wrong, body: body).status == .forbidden)
        }
    }

    @Test func fiveWrongPasswordsLimitTheAccount() async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            for _ in 0..<5 {
                let wrong = try await Self.signIn(client, as: "hr1", password: "bukan kata sandinya")
                #expect(wrong == nil)
            }
            // The right password is now refused too, until the window has passed.
            let right = try await Self.signIn(client, as: "hr1")
            #expect(right == nil)
            let other = try await Self.signIn(client, as: "admin1")
            #expect(other == nil, "the address is limited as well")
        }
    }

    @Test func anExpiredSessionSignsInAgain() async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let account = try #require(try site.sqlite.account(named: "hr1")?.account)
        let (token, _) = await site.sessions.start(account: account, now: Date().addingTimeInterval(-9 * 3600))
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let answer = try await client.execute(uri: "/people", method: .get, headers: [.cookie: "merit_session=\(token)"])
            #expect(answer.status == .seeOther && answer.headers[.location] == "/sign-in")
        }
    }

    @Test func aDisabledAccountsSessionEnds() async throws {
        let (site, folder) = try await Self.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let cookie = try #require(try await Self.signIn(client, as: "hr1"))
            try site.sqlite.setDisabled(true, account: "hr1", by: AuditActor(account: "cli:test", address: "local", at: "2026-12-02T01:00:00Z"))
            let answer = try await client.execute(uri: "/people", method: .get, headers: [.cookie: cookie])
            #expect(answer.headers[.location] == "/sign-in")
        }
    }
}

/// A person assessed in two batches: the served plan page shows both, oldest first (issue 17).
@Suite struct HistoryPageTests {
    @Test func thePersonPageShowsTheHistory() async throws {
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The examples' ratings and tests again, as the year before's batch.
        var files: [String] = []
        for name in ["ratings", "tests"] {
            let text = try String(contentsOf: RouteTests.root.appendingPathComponent("Instruments/examples/\(name).csv"), encoding: .utf8)
            let earlier = folder.appendingPathComponent("\(name)-2025.csv")
            try text.replacingOccurrences(of: "asesmen-2026;2026-03-16", with: "asesmen-2025;2025-03-16").write(to: earlier, atomically: true, encoding: .utf8)
            files.append(earlier.path)
        }
        #expect(try Importer(library: site.library, store: site.sqlite).run(files).committed)
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let page = String(buffer: try await client.execute(uri: "/people/\(RouteTests.nip)", method: .get, headers: [.cookie: hr]).body)
            let section = try #require(page.components(separatedBy: "<h2>Riwayat Asesmen</h2>").dropFirst().first)
            let table = try #require(section.components(separatedBy: "</table>").first)
            #expect(table.components(separatedBy: "<tr><td>").dropFirst().map { $0.prefix(12) } == ["asesmen-2025", "asesmen-2026"])
        }
    }
}
