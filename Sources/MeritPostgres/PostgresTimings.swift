import Foundation

/// Where a PostgreSQL command's time goes, phase by phase, for `merit bench postgres`: when the
/// environment names a file in `MERIT_POSTGRES_TIMINGS`, each phase appends a line to it:
/// `phase<TAB>rows<TAB>seconds` (e.g. `copy ratings	5100000	3.02`). Nothing is written otherwise.
enum PostgresTimings {
    static let file = ProcessInfo.processInfo.environment["MERIT_POSTGRES_TIMINGS"]

    /// Runs `body`, then records how long it took when timings are asked for.
    static func phase<T>(_ name: String, rows: Int, _ body: () async throws -> T) async rethrows -> T {
        guard let file else { return try await body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try await body()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let line = "\(name)\t\(rows)\t\(String(format: "%.3f", seconds))\n"
        if let handle = FileHandle(forWritingAtPath: file) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            handle.closeFile()
        } else {
            FileManager.default.createFile(atPath: file, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600])
        }
        return value
    }
}
