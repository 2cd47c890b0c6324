import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One headless Chromium for a whole batch of PDFs, driven through chromedriver's WebDriver "Print Page"
/// (W3C WebDriver §18.1): starting a browser per report took about a second each, so `merit plan --all
/// --pdf` at 1,000 people waited a quarter of an hour on browser start-ups alone.
///
/// Everything is on loopback: chromedriver listens on 127.0.0.1 at a free port and is stopped when the
/// session closes (and at exit). Calls are serialised: a page is loaded and printed before the next.
final class BrowserSession: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let driver: Process
    private let base: URL
    private let session: String
    private let lock = NSLock()

    /// Starts chromedriver with `browser` (a Chromium binary) and opens a headless session.
    init(driverPath: String, browser: String) throws {
        let port = try Self.freePort()
        base = URL(string: "http://127.0.0.1:\(port)")!
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: driverPath)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? Self.call(base.appendingPathComponent("status"), method: "GET", body: nil)) != nil
            if !ready { usleep(50_000) }
        }
        guard ready else {
            driver.terminate()
            throw Failure(description: "chromedriver did not start")
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "goog:chromeOptions": [
                        "binary": browser, "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
                    ]
                ]
            ]
        ]
        do {
            let answer = try Self.call(base.appendingPathComponent("session"), method: "POST", body: capabilities)
            guard let id = (answer["value"] as? [String: Any])?["sessionId"] as? String else { throw Failure(description: "chromedriver opened no session") }
            session = id
        } catch {
            driver.terminate()
            throw error
        }
    }

    /// Loads the HTML file and prints it (A4, backgrounds, the page's own CSS margins); the PDF's bytes.
    func printPDF(html path: String) throws -> Data {
        try lock.withLock {
            let page = base.appendingPathComponent("session/\(session)")
            _ = try Self.call(page.appendingPathComponent("url"), method: "POST", body: ["url": URL(fileURLWithPath: path).absoluteString])
            let answer = try Self.call(
                page.appendingPathComponent("print"), method: "POST",
                body: [
                    "page": ["width": 21.0, "height": 29.7], "margin": ["top": 0, "bottom": 0, "left": 0, "right": 0],
                    "background": true, "shrinkToFit": false,
                ])
            guard let text = answer["value"] as? String, let pdf = Data(base64Encoded: text), pdf.starts(with: Array("%PDF".utf8)) else {
                throw Failure(description: "Chromium returned no PDF")
            }
            return pdf
        }
    }

    /// Ends the browser session and stops chromedriver.
    func close() {
        lock.withLock {
            _ = try? Self.call(base.appendingPathComponent("session/\(session)"), method: "DELETE", body: nil)
            // Not `waitUntilExit`: at exit (where this runs) Foundation no longer reaps the child, and it hung.
            if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        }
    }

    /// A WebDriver command: JSON in, the answer's JSON out (an error answer throws its message).
    private static func call(_ url: URL, method: String, body: [String: Any]?) throws -> [String: Any] {
        let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
        let data = try LoopbackHTTP.request(port: url.port ?? 80, method: method, path: url.path, body: payload)
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        if let value = json["value"] as? [String: Any], let error = value["error"] as? String {
            throw Failure(description: "\(error): \(value["message"] as? String ?? "")")
        }
        return json
    }

    /// A TCP port on loopback that nothing listens on (the kernel picks it; closed again for chromedriver).
    private static func freePort() throws -> Int {
        let (socketFD, address) = try LoopbackHTTP.socket(port: 0)
        defer { Glibc.close(socketFD) }
        var bound = address
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard found else { throw Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: bound.sin_port))
    }
}
