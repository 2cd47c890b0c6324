import Foundation
import Hummingbird
import HummingbirdTesting
import MeritCore
import MeritServer
import Testing

/// The admin's library check: the folder loaded again now, its content, and every finding in its file,
/// line and column.
@Suite struct LibraryCheckTests {
    @Test func theShippedLibraryLoadsAndItsContentIsCounted() async throws {
        let (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Application(router: Routes.router(site)).test(.router) { client in
            let admin = try #require(try await RouteTests.signIn(client, as: "admin1"))
            let page = String(buffer: try await client.execute(uri: "/library", method: .get, headers: [.cookie: admin]).body)
            #expect(page.contains("<p class=\"done\" id=\"outcome\">Pustaka termuat tanpa kesalahan.</p>"))
            #expect(page.contains("<td>Kompetensi</td><td>\(site.library.dictionaries.reduce(0) { $0 + $1.competencies.count })</td>"))
            #expect(page.contains("Server memakai pustaka yang dimuat saat mulai"))
        }
    }

    @Test func aBrokenFileIsListedWithItsPlace() async throws {
        var (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        let library = folder.appendingPathComponent("library")
        try FileManager.default.copyItem(at: RouteTests.root.appendingPathComponent("Tests/MeritLibraryTests/Fixtures/library/base"), to: library)
        try Data("kind: instrument\nid: wawancara\nname: [tidak ditutup\n".utf8).write(to: library.appendingPathComponent("rusak.yaml"))
        site.libraryFolder = library.path
        try await Application(router: Routes.router(site)).test(.router) { client in
            let admin = try #require(try await RouteTests.signIn(client, as: "admin1"))
            let answer = try await client.execute(uri: "/library", method: .get, headers: [.cookie: admin])
            let page = String(buffer: answer.body)
            #expect(answer.status == .ok)
            #expect(page.contains("id=\"outcome\">Pustaka di folder ini memiliki 1 kesalahan; server tetap memakai pustaka yang dimuatnya saat mulai."))
            let row = try #require(page.firstMatch(of: #/<tr class="error"><td>([^<]*rusak\.yaml)</td><td>([^<]*)</td><td>error</td><td>([^<]*)</td></tr>/#))
            #expect(row.output.2 == "baris 4, kolom 1", "the place as an editor reads it")
            #expect(!row.output.3.isEmpty)
        }
    }

    @Test func withoutAFolderThereIsNothingToCheck() async throws {
        var (site, folder) = try await RouteTests.site()
        defer { try? FileManager.default.removeItem(at: folder) }
        site.libraryFolder = nil
        try await Application(router: Routes.router(site)).test(.router) { client in
            let admin = try #require(try await RouteTests.signIn(client, as: "admin1"))
            let page = String(buffer: try await client.execute(uri: "/library", method: .get, headers: [.cookie: admin]).body)
            #expect(page.contains("Server ini dijalankan tanpa folder pustaka"))
        }
    }
}
