import Foundation
import MeritCore
import MeritLibrary

/// Test libraries: `Fixtures/library/base` (a small valid library) with the files of one
/// `Fixtures/library/rules/<rule>` folder laid over it (same name replaces, new name adds).
enum LibraryFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/library")

    static func load(_ rule: String? = nil) -> LibraryLoadResult {
        var files: [String: [UInt8]] = [:]
        for (name, bytes) in read(folder.appendingPathComponent("base")) { files[name] = bytes }
        if let rule {
            for (name, bytes) in read(folder.appendingPathComponent("rules/\(rule)")) { files[name] = bytes }
        }
        let sources = files.keys.sorted().map { (path: $0, bytes: files[$0]!) }
        return LibraryLoader().load(sources: sources, root: "library")
    }

    /// The base library's files, as sources.
    static func baseSources() -> [(path: String, bytes: [UInt8])] {
        read(folder.appendingPathComponent("base")).sorted { $0.0 < $1.0 }.map { (path: $0.0, bytes: $0.1) }
    }

    /// The printed findings of a fixture.
    static func findings(_ rule: String) -> [String] {
        load(rule).findings.map(\.description)
    }

    private static func read(_ folder: URL) -> [(String, [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { name in
            (name, [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)!))
        }
    }
}
