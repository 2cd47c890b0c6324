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

/// What each role does on the site: uploads (all-or-nothing, located findings), the plan editor and its
/// versions, downloads, and forms that are refused rather than guessed at.
@Suite struct WorkflowTests {
    static let examples = RouteTests.root.appendingPathComponent("Instruments/examples")

    /// A store with accounts and nothing imported.
    static func emptySite(uploadLimit: Int = 64 << 20, templates: String? = nil) async throws -> (MeritSite, URL) {
        let library = try #require(LibraryLoader().load(folder: RouteTests.root.appendingPathComponent("Instruments").path).library)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        let accounts = AccountService(store: store, cost: 4)
        let actor = AuditActor(account: "cli:test", address: "local", at: "2026-12-02T00:00:00Z")
        for role in Role.allCases {
            try await accounts.add(role.rawValue + "1", role: role, password: RouteTests.password, assessor: role == .asesor ? "asesor-05" : nil, by: actor)
        }
        let reports = try Reports(library: library, language: "id", templates: ReportTemplates(folder: templates))
        let site = MeritSite(
            library: library, store: store, reports: reports, accounts: accounts, uploadLimit: uploadLimit,
            referenceDate: { CalendarDate(year: 2026, month: 11, day: 22)! })
        return (site, folder)
    }

    static func example(_ name: String) throws -> Data { try Data(contentsOf: examples.appendingPathComponent(name)) }

    /// A multipart upload form as a browser sends it.
    static func uploadForm(_ files: [(String, Data)], csrf: String, batch: String = "") -> (HTTPFields, ByteBuffer) {
        let boundary = "----merit\(UUID().uuidString)"
        var body = Data()
        func add(_ text: String) { body.append(Data(text.utf8)) }
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n")
        add("--\(boundary)\r\nContent-Disposition: form-data; name=\"batch\"\r\n\r\n\(batch)\r\n")
        for (name, data) in files {
            add("--\(boundary)\r\nContent-Disposition: form-data; name=\"files\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n")
            body.append(data)
            add("\r\n")
        }
        add("--\(boundary)--\r\n")
        return ([.contentType: "multipart/form-data; boundary=\(boundary)"], ByteBuffer(bytes: body))
    }

    /// The CSRF token of a page's forms.
    static func csrf(_ page: String) throws -> String {
        try #require(page.firstMatch(of: #/name="csrf" value="([0-9a-f]{64})"/#).map { String($0.output.1) })
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ cookie: String) async throws -> (HTTPResponse.Status, String) {
        let answer = try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie])
        return (answer.status, String(buffer: answer.body))
    }

    /// The store's content apart from the audit log (which records the refused upload too).
    static func records(_ store: MeritStore) throws -> [String] {
        try store.contentDump().filter { !$0.hasPrefix("audit_log:") }
    }

    /// The pages are templates an agency can edit like the reports': one in the templates folder replaces
    /// the built-in page, the frame and the labels still around it.
    @Test func aPageTemplateInTheTemplatesFolderIsServed() async throws {
        let templates = FileManager.default.temporaryDirectory.appendingPathComponent("merit-site-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: templates) }
        try "{{% CONTENT_TYPE: HTML}}\n{{> site-head.html}}\n<p id=\"custom\">Selamat datang, {{nav.account}} &mdash; {{t.people}}</p>\n{{> site-foot.html}}\n"
            .write(to: templates.appendingPathComponent("site-home.html.mustache"), atomically: true, encoding: .utf8)
        let (site, folder) = try await Self.emptySite(templates: templates.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Application(router: Routes.router(site)).test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let (status, page) = try await Self.get(client, "/", hr)
            #expect(status == .ok)
            #expect(page.contains("<p id=\"custom\">Selamat datang, hr1 &mdash; Pegawai</p>\n</body></html>"))
            #expect(page.contains("<title>Merit — Merit</title>") && page.contains("<a href=\"/people\">Pegawai</a>"))
        }
    }

    @Test func anUploadWithAnErrorListsItAndStoresNothingThenTheFixedOneImports() async throws {
        let (site, folder) = try await Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ratings = String(decoding: try Self.example("ratings.csv"), as: UTF8.self)
            .replacingOccurrences(of: "asesor-05;2,5;asesmen-2026", with: "asesor-05;7;asesmen-2026")
        let before = try Self.records(site.sqlite)
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let asesor = try #require(try await RouteTests.signIn(client, as: "asesor1"))
            let token = try Self.csrf(try await Self.get(client, "/upload", asesor).1)
            let good = try ["profiles.csv", "tests.csv", "levels.csv"].map { ($0, try Self.example($0)) }
            var (headers, body) = Self.uploadForm(good + [("ratings.csv", Data(ratings.utf8))], csrf: token)
            headers[.cookie] = asesor
            let refused = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
            let page = String(buffer: refused.body)
            #expect(refused.status == .unprocessableContent)
            #expect(page.contains("Tidak ada yang diimpor"))
            #expect(page.contains("<td>ratings.csv</td><td>baris 2, kolom 51</td><td>error</td><td>column &#39;rating&#39; (E): rating 7 is off the scale 1–5"), "the finding's file, line and column")
            #expect(!page.contains(folder.path), "file names as sent, not where the server keeps them")
            #expect(try Self.records(site.sqlite) == before, "nothing stored")
            let kept = (try? FileManager.default.contentsOfDirectory(atPath: site.sqlite.path + ".uploads")) ?? []
            #expect(kept.isEmpty, "a refused upload keeps no file")

            (headers, body) = Self.uploadForm(good + [("ratings.csv", try Self.example("ratings.csv"))], csrf: token)
            headers[.cookie] = asesor
            let imported = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
            #expect(imported.status == .ok)
            #expect(String(buffer: imported.body).contains("Diimpor: 4 berkas; 40 orang dinilai ulang."))
            let stored = try FileManager.default.contentsOfDirectory(atPath: site.sqlite.path + ".uploads")
            #expect(stored.count == 1)
            let file = site.sqlite.path + ".uploads/\(stored[0])/ratings.csv"
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "uploaded files are private")

            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            #expect(try await Self.get(client, "/people?q=saputra", hr).1.contains(RouteTests.name), "the pages see the upload at once")
        }
        let uploads = try site.sqlite.auditLog(account: "asesor1").map(\.action)
        #expect(uploads.filter { $0.hasPrefix("upload") } == ["upload-refused", "upload"])
    }

    @Test func uploadsRefuseOtherFilesTooMuchAndForgedOrBrokenForms() async throws {
        let (site, folder) = try await Self.emptySite(uploadLimit: 4096)
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let asesor = try #require(try await RouteTests.signIn(client, as: "asesor1"))
            let token = try Self.csrf(try await Self.get(client, "/upload", asesor).1)
            func send(_ files: [(String, Data)], csrf: String) async throws -> (HTTPResponse.Status, String) {
                var (headers, body) = Self.uploadForm(files, csrf: csrf)
                headers[.cookie] = asesor
                let answer = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
                return (answer.status, String(buffer: answer.body))
            }
            let pdf = try await send([("laporan.pdf", Data("%PDF".utf8))], csrf: token)
            #expect(pdf.0 == .unprocessableContent && pdf.1.contains("<td>laporan.pdf</td><td>—</td><td>error</td><td>Merit cannot read this file as records"))
            let twice = try await send([("tests.csv", Data("nip;instrument\n".utf8)), ("TESTS.csv", Data())], csrf: token)
            #expect(twice.0 == .unprocessableContent && twice.1.contains("two files of this upload are named &#39;TESTS.csv&#39;"))
            let large = try await send([("ratings.csv", try Self.example("ratings.csv"))], csrf: token)
            #expect(large.0 == .contentTooLarge && large.1.contains("Unggahan lebih besar dari"))
            #expect(try await send([("tests.csv", Data("nip;instrument\n".utf8))], csrf: (token.first == "0" ? "1" : "0") + token.dropFirst()).0 == .forbidden)
            let cut = try await client.execute(
                uri: "/upload", method: .post, headers: [.cookie: asesor, .contentType: "multipart/form-data; boundary=abc"],
                body: ByteBuffer(string: "--abc\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token)"))
            #expect(cut.status == .badRequest && String(buffer: cut.body).contains("Unggahan ditolak: the upload was cut short"))
            let notMultipart = try await client.execute(
                uri: "/upload", method: .post, headers: [.cookie: asesor, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "csrf=\(token)"))
            #expect(notMultipart.status == .badRequest && String(buffer: notMultipart.body).contains("not a multipart/form-data form"))
        }
        #expect(try site.sqlite.isEmpty())
    }

    @Test func twoUploadsAtOnceBothLand() async throws {
        let (site, folder) = try await Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = String(decoding: try Self.example("profiles.csv"), as: UTF8.self).split(whereSeparator: \.isNewline)
        let header = lines[0]
        let rows = lines.dropFirst()
        let halves = [rows.prefix(20), rows.dropFirst(20)].map { Data(([header] + $0).joined(separator: "\n").appending("\n").utf8) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let asesor = try #require(try await RouteTests.signIn(client, as: "asesor1"))
            let token = try Self.csrf(try await Self.get(client, "/upload", asesor).1)
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String).self) { group in
                for (index, half) in halves.enumerated() {
                    group.addTask {
                        var (headers, body) = Self.uploadForm([("profiles-\(index).csv", half)], csrf: token)
                        headers[.cookie] = asesor
                        let answer = try await client.execute(uri: "/upload", method: .post, headers: headers, body: body)
                        return (answer.status, String(buffer: answer.body))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.map(\.0) == [.ok, .ok], "\(statuses.map(\.1))")
        }
        let people = try site.sqlite.contentDump().filter { $0.hasPrefix("people:") }
        #expect(people.count == 40, "both halves stored")
    }

    @Test func hrEditsAPlanAndEveryVersionIsKept() async throws {
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nip = RouteTests.nip
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let editor = try await Self.get(client, "/people/\(nip)/plan/edit", hr).1
            let fields = Self.formFields(editor)
            #expect(fields["quarter-0"] != nil && fields["version"] == "0")
            func post(_ changes: [String: String]) async throws -> (HTTPResponse.Status, String, String?) {
                let body = fields.merging(changes) { $1 }.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
                let answer = try await client.execute(
                    uri: "/people/\(nip)/plan/edit", method: .post, headers: [.cookie: hr, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body.joined(separator: "&")))
                return (answer.status, String(buffer: answer.body), answer.headers[.location])
            }
            let miscounted = try await post(["count": "1000000"])
            #expect(miscounted.0 == .unprocessableContent && miscounted.1.contains("the form&#39;s activity count &#39;1000000&#39; is not 0 to 200"))
            let wrong = try await post(["quarter-0": "5", "target-0": "tiga"])
            #expect(wrong.0 == .unprocessableContent)
            #expect(wrong.1.contains("quarter 5 is not 1, 2, 3 or 4") && wrong.1.contains("&#39;tiga&#39; is not a whole number"))
            #expect(try site.sqlite.planVersions(nip: nip).isEmpty, "nothing saved")

            let saved = try await post(["quarter-0": "4", "notes": "Dibahas dengan atasan langsung"])
            #expect(saved.0 == .seeOther && saved.2 == "/people/\(nip)")
            let page = try await Self.get(client, "/people/\(nip)", hr).1
            #expect(page.contains("Versi 1</a> — hr1") && page.contains("Dibahas dengan atasan langsung"))
            // The form was opened at version 0: a second save from it would overwrite version 1 unseen.
            let stale = try await post(["quarter-0": "3"])
            #expect(stale.0 == .unprocessableContent && stale.1.contains("versi 1 disimpan orang lain"))
            let second = try await post(["quarter-0": "3", "version": "1", "remove-0": "on"])
            #expect(second.0 == .seeOther)
            let first = try await Self.get(client, "/people/\(nip)/versions/1", hr).1
            #expect(first.contains("Versi 1, disimpan oleh hr1") && first.contains("Dibahas dengan atasan langsung"))
        }
        let versions = try site.sqlite.planVersions(nip: nip)
        #expect(versions.map(\.version) == [1, 2] && versions.allSatisfy { $0.account == "hr1" })
        let edit = try JSONDecoder().decode(PlanEdit.self, from: Data(versions[0].content.utf8))
        #expect(edit.activities.first?.quarter == 4)
        #expect(try site.sqlite.auditLog(person: nip).map(\.action).filter { $0 == "edit-plan" }.count == 2)
    }

    @Test func formsAreRefusedNotGuessedAt() async throws {
        #expect(throws: (any Error).self) { try Routes.form("csrf=a&csrf=b") }
        #expect(throws: (any Error).self) { try Routes.form("notes=%zz") }
        #expect(try Routes.form("a=1&b=x+y%21") == ["a": "1", "b": "x y!"])
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let token = try Self.csrf(try await Self.get(client, "/people/\(RouteTests.nip)/plan/edit", hr).1)
            let answer = try await client.execute(
                uri: "/people/\(RouteTests.nip)/plan/edit", method: .post, headers: [.cookie: hr, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(token)&count=0&count=1"))
            #expect(answer.status == .badRequest && String(buffer: answer.body).contains("Isian &#39;count&#39; terkirim dua kali"))
            let forged = try await client.execute(
                uri: "/people/\(RouteTests.nip)/plan/edit", method: .post, headers: [.cookie: hr, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "count=0"))
            #expect(forged.status == .forbidden)
            #expect(try await Self.get(client, "/gaps?by=kota", hr).0 == .badRequest)
            #expect(try await Self.get(client, "/people?box=10", hr).0 == .badRequest)
            let category = try await Self.get(client, "/people?category=MS", hr)
            #expect(category.0 == .badRequest && category.1.contains("Saringan &#39;category&#39; tidak mengenal &#39;MS&#39;"))
            #expect(try await Self.get(client, "/people?validity=lama", hr).0 == .badRequest)
            let optimal = try await Self.get(client, "/people?category=optimal&validity=valid", hr)
            #expect(optimal.0 == .ok)
        }
        #expect(try site.sqlite.planVersions(nip: RouteTests.nip).isEmpty)
    }

    @Test func downloadsGiveEachRoleItsOwnAndAreAudited() async throws {
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let training = try #require(try await RouteTests.signIn(client, as: "pelatihan1"))
            let yaml = try await client.execute(uri: "/people/\(RouteTests.nip)/plan.yaml", method: .get, headers: [.cookie: hr])
            #expect(yaml.headers[.contentDisposition] == "attachment; filename=\"rencana-\(RouteTests.nip).yaml\"")
            #expect(String(buffer: yaml.body).contains("nip: '\(RouteTests.nip)'") || String(buffer: yaml.body).contains("nip: \"\(RouteTests.nip)\""))
            let workbook = try await client.execute(uri: "/gaps.xlsx", method: .get, headers: [.cookie: training])
            #expect(Array(workbook.body.readableBytesView.prefix(2)) == [0x50, 0x4B], "a zip (xlsx)")
            let named = try await Self.get(client, "/talent.csv", hr).1
            let counted = try await Self.get(client, "/talent.csv", training).1
            #expect(named.contains(RouteTests.nip) && named.contains(RouteTests.name))
            #expect(!counted.contains(RouteTests.nip) && !counted.contains(RouteTests.name), "counts only for the training unit")
            let talent = try await Self.get(client, "/talent", training).1
            #expect(!talent.contains(RouteTests.name) && !talent.contains(RouteTests.nip))
            let shortlist = try await Self.get(client, "/shortlist?position=kepala-bkpsdm", hr).1
            #expect(shortlist.contains("Urutan: ") && shortlist.contains("<table id=\"shortlist\">"))
        }
        let downloads = try site.sqlite.auditLog().filter { $0.action == "download" }.map { "\($0.account) \($0.object)" }
        #expect(downloads == ["hr1 person:\(RouteTests.nip)", "pelatihan1 gaps:unit.xlsx", "hr1 talent:names.csv", "pelatihan1 talent:counts.csv"])
    }

    @Test func hostileNamesAreEscapedInEveryPage() async throws {
        let (site, folder) = try await Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = "<script>alert(1)</script>"
        let unit = "<img src=x onerror=alert(2)>"
        var profiles = String(decoding: try Self.example("profiles.csv"), as: UTF8.self)
        profiles = profiles.replacingOccurrences(of: "Siti Saputra;Pimpinan BKPSDM", with: "\(hostile);\(unit)")
        let files = try ["ratings.csv", "tests.csv", "levels.csv"].map { name in
            let path = folder.appendingPathComponent(name)
            try Self.example(name).write(to: path)
            return path.path
        }
        let profilesPath = folder.appendingPathComponent("profiles.csv")
        try Data(profiles.utf8).write(to: profilesPath)
        #expect(try Importer(library: site.library, store: site.sqlite).run([profilesPath.path] + files).committed)
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            for role in Role.allCases {
                let cookie = try #require(try await RouteTests.signIn(client, as: role.rawValue + "1"))
                for route in RouteTests.routes where RouteTests.allowed[route]!.contains(role) && !route.contains(".") {
                    let (status, page) = try await Self.get(client, route, cookie)
                    #expect(status == .ok, "\(role) \(route)")
                    #expect(!page.contains(hostile) && !page.contains(unit), "\(role) \(route): escaped")
                }
            }
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            #expect(try await Self.get(client, "/people?q=alert", hr).1.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        }
    }

    @Test func anAdminCreatesAndDisablesAccounts() async throws {
        let (site, folder) = try await Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let admin = try #require(try await RouteTests.signIn(client, as: "admin1"))
            let token = try Self.csrf(try await Self.get(client, "/accounts", admin).1)
            func post(_ uri: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                let answer = try await client.execute(
                    uri: uri, method: .post, headers: [.cookie: admin, .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
                return (answer.status, String(buffer: answer.body))
            }
            let made = try await post("/accounts", "csrf=\(token)&name=rina.hr&role=hr")
            let password = try #require(made.1.firstMatch(of: #/<code id="password">([^<]+)</code>/#).map { String($0.output.1) })
            #expect(made.0 == .ok && made.1.contains("hanya ditampilkan sekali"))
            #expect(try await RouteTests.signIn(client, as: "rina.hr", password: password) != nil)
            let again = try await post("/accounts", "csrf=\(token)&name=rina.hr&role=asesor")
            #expect(again.0 == .unprocessableContent && again.1.contains("an account &#39;rina.hr&#39; exists already"))
            let coded = try await post("/accounts", "csrf=\(token)&name=budi.hr&role=hr&assessor=asesor-07")
            #expect(coded.0 == .unprocessableContent && coded.1.contains("an assessor code is for an account with the role asesor"))
            #expect(try await post("/accounts", "csrf=\(token)&name=budi.asesor&role=asesor&assessor=asesor-07").0 == .ok)
            #expect(try site.sqlite.account(named: "budi.asesor")?.account.assessor == "asesor-07")
            let invalid = try await post("/accounts", "csrf=\(token)&name=Rina%20HR&role=hr")
            #expect(invalid.0 == .unprocessableContent && invalid.1.contains("is not an account name"))
            #expect(try await post("/accounts", "name=x.y.z&role=hr").0 == .forbidden, "no CSRF token")
            #expect(try await post("/accounts/rina.hr/disable", "csrf=\(token)").0 == .seeOther)
            #expect(try await RouteTests.signIn(client, as: "rina.hr", password: password) == nil, "a disabled account cannot sign in")
        }
        let changes = try site.sqlite.auditLog(account: "admin1").map(\.action).filter { $0.hasPrefix("account") }
        #expect(changes == ["account-add", "account-add", "account-disable"])
    }

    @Test func anAssessorSeesTheRatingsTheyGaveAndNoOneElse() async throws {
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unlinked = AuditActor(account: "cli:test", address: "local", at: "2026-12-02T00:00:00Z")
        try await site.accounts.add("asesor.baru", role: .asesor, password: RouteTests.password, by: unlinked)
        let rated = try String(contentsOf: Self.examples.appendingPathComponent("ratings.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).filter { $0.contains(";asesor-05;") }
        let people = Set(rated.map { $0.split(separator: ";")[0].suffix(18) })
        let app = Application(router: Routes.router(site))
        try await app.test(.router) { client in
            let asesor = try #require(try await RouteTests.signIn(client, as: "asesor1"))
            let evidence = try await Self.get(client, "/evidence", asesor).1
            #expect(evidence.contains("<p>\(rated.count) penilaian oleh asesor-05.</p>"))
            let shown = Set(evidence.matches(of: #/<tr><td>(\d{18})</td>/#).map { String($0.output.1) })
            #expect(shown == Set(people.map(String.init)), "exactly the people asesor-05 rated")
            let integration = try await Self.get(client, "/integration", asesor).1
            let discussed = Set(integration.matches(of: #/<tr><td>(\d{18})</td>/#).map { String($0.output.1) })
            #expect(discussed.isSubset(of: shown))
            let other = try #require(try await RouteTests.signIn(client, as: "asesor.baru"))
            let none = try await Self.get(client, "/evidence", other).1
            #expect(none.contains("belum dikaitkan dengan kode asesor") && none.range(of: #"\d{18}"#, options: .regularExpression) == nil)
        }
    }

    @Test func thePagesSpeakTheReportsLanguage() async throws {
        let (indonesian, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let english = MeritSite(
            library: indonesian.library, store: indonesian.store, reports: try Reports(library: indonesian.library, language: "en", templates: ReportTemplates(folder: nil)),
            accounts: indonesian.accounts, referenceDate: indonesian.referenceDate)
        let app = Application(router: Routes.router(english))
        try await app.test(.router) { client in
            let signIn = try await Self.get(client, "/sign-in", "").1
            #expect(signIn.contains("<html lang=\"en\">") && signIn.contains("<button>Sign in</button>") && signIn.contains("Account name"))
            let hr = try #require(try await RouteTests.signIn(client, as: "hr1"))
            let people = try await Self.get(client, "/people", hr).1
            #expect(people.contains("<a href=\"/people\">People</a>") && people.contains("<th>Name</th>") && people.contains("Sign out"))
            #expect(!people.contains("Pegawai") && !people.contains("Keluar"))
            let refused = try await Self.get(client, "/upload", hr)
            #expect(refused.0 == .forbidden && refused.1.contains("Your role does not open this page."))
            #expect(try await Self.get(client, "/gaps?by=kota", hr).1.contains("Unknown grouping &#39;kota&#39;: unit, position, job-level, competency."))
        }
    }

    /// The fields of the first form on a page with their values (inputs, selected options, text areas).
    static func formFields(_ page: String) -> [String: String] {
        var fields: [String: String] = [:]
        for match in page.matches(of: #/<input (?:type="hidden" )?name="([^"]+)"(?: size="\d+")?(?: placeholder="[^"]*")? value="([^"]*)">/#) {
            fields[String(match.output.1)] = String(match.output.2).replacingOccurrences(of: "&amp;", with: "&")
        }
        for match in page.matches(of: #/<select name="([^"]+)">(.*?)</select>/#) {
            let selected = match.output.2.firstMatch(of: #/<option value="([^"]*)" selected>/#)?.output.1
            fields[String(match.output.1)] = selected.map(String.init) ?? ""
        }
        for match in page.matches(of: #/<textarea name="([^"]+)"[^>]*>(.*?)</textarea>/#) { fields[String(match.output.1)] = String(match.output.2) }
        return fields
    }
}
