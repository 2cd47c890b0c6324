import Foundation
import MeritPostgres
import MeritPostgresTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `merit serve` on one agency of a PostgreSQL store, started as a user starts it (the pages themselves
/// are tested in MeritServerTests' PostgresPagesTests).
@Suite struct ServeCommandTests {
    @Test(.timeLimit(.minutes(1))) func serveAnswersForAnAgencyOfAPostgreSQLStore() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        for code in ["kab-satu", "kab-dua"] { try await PostgresStore.addAgency(code: code, name: "BKPSDM \(code)", at: owner, environment: [:]) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-serve-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let port = 20_000 + Int.random(in: 0..<2_000)
        let served = try TestCluster.launch([
            TestCluster.merit, "serve", "--port", "\(port)", "--store", app.description, "--agency", "kab-satu", "--uploads", folder + "/uploads",
        ])
        var status: Int?
        for _ in 0..<100 where status == nil {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/sign-in")!)
            request.timeoutInterval = 2
            if let (_, response) = try? await URLSession.shared.data(for: request) {
                status = (response as? HTTPURLResponse)?.statusCode
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        kill(served.pid, SIGTERM)
        let (_, output) = served.wait()
        #expect(status == 200, "\(output)")
        #expect(output.contains("merit serve: http://127.0.0.1:\(port)/\n"))
        #expect(output.contains("merit serve: note: no account yet; create one with: merit user add NAME --role admin --store \(app) --agency kab-satu\n"))
    }

    @Test func serveNamesTheAgencyItNeeds() async throws {
        let (owner, app) = try await TestCluster.freshDatabase()
        for code in ["kab-satu", "kab-dua"] { try await PostgresStore.addAgency(code: code, name: "BKPSDM \(code)", at: owner, environment: [:]) }
        let served = try TestCluster.spawn([TestCluster.merit, "serve", "--store", app.description, "--uploads", "/tmp/merit-unused"])
        #expect(served == (74, "merit: error: the store \(app) holds 2 agencies; say which with --agency CODE (kab-dua, kab-satu)\n"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/merit-unused"), "nothing made before the store answered")
    }
}
