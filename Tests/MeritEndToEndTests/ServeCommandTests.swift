import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `merit serve` started as a user starts it, on loopback, answering a browser's first request.
@Suite struct ServeCommandTests {
    @Test(.timeLimit(.minutes(1))) func serveAnswersOnLoopbackWithItsHeaders() async throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let port = 18_000 + Int.random(in: 0..<2_000)
        let process = Process()
        process.executableURL = MeritProcess.executable
        process.arguments = ["serve", "--port", "\(port)", "--store", store]
        process.currentDirectoryURL = MeritProcess.projectRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { process.terminate() }
        // The first line says where it listens.
        var said = Data()
        while !said.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said.append(chunk)
        }
        #expect(String(decoding: said, as: UTF8.self) == "merit serve: http://127.0.0.1:\(port)/\n")

        var answer: (Data, HTTPURLResponse)?
        for _ in 0..<50 where answer == nil {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/sign-in")!)
            request.timeoutInterval = 2
            if let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse {
                answer = (data, http)
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let (data, response) = try #require(answer)
        #expect(response.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self).contains("<h1>Masuk</h1>"))
        #expect((response.value(forHTTPHeaderField: "Content-Security-Policy") ?? "").contains("default-src 'none'"))
        #expect((response.value(forHTTPHeaderField: "Set-Cookie") ?? "").contains("HttpOnly"))
        process.terminate()
        process.waitUntilExit()
        let notes = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(notes.contains("merit serve: note: no account yet; create one with: merit user add NAME --role admin --store \(store)"))
    }
}
