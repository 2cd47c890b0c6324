import Foundation
import MeritLibrary
import Testing

@Suite struct LibrarySchemaTests {
    static let instruments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Instruments")

    /// The copies next to the library are what `merit schema --out Instruments/schema` writes.
    @Test(arguments: LibrarySchema.kinds)
    func committedSchemaIsCurrent(kind: String) throws {
        let file = Self.instruments.appendingPathComponent("schema/\(LibrarySchema.fileName(for: kind))")
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == LibrarySchema.json(for: kind), "run: merit schema --out Instruments/schema")
    }

    @Test func schemasAreJSONObjectsWithKindConstant() throws {
        for kind in LibrarySchema.kinds {
            let json = try #require(LibrarySchema.json(for: kind))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let properties = try #require(object["properties"] as? [String: Any])
            #expect((properties["kind"] as? [String: Any])?["const"] as? String == kind)
            #expect(object["required"] as? [String] == ["kind", "id"] + ((object["required"] as? [String])?.dropFirst(2) ?? []))
        }
        #expect(LibrarySchema.json(for: "ratings") == nil)
    }

    /// Every shipped library file names its kind's schema on its first line, by a path that exists.
    @Test func shippedFilesNameTheirSchema() throws {
        let enumerator = FileManager.default.enumerator(at: Self.instruments, includingPropertiesForKeys: nil)!
        var checked = 0
        for case let url as URL in enumerator where url.pathExtension == "yaml" && !url.path.contains("/examples/") {
            let text = try String(contentsOf: url, encoding: .utf8)
            let first = String(text.prefix { $0 != "\n" })
            let prefix = "# yaml-language-server: $schema="
            #expect(first.hasPrefix(prefix), "\(url.lastPathComponent) does not start with the schema comment")
            let relative = String(first.dropFirst(prefix.count))
            let schema = url.deletingLastPathComponent().appendingPathComponent(relative).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: schema.path), "\(url.lastPathComponent): no \(relative)")
            let kind = text.split(separator: "\n").first { $0.hasPrefix("kind: ") }.map { String($0.dropFirst(6)) }
            #expect(relative.hasSuffix("/\(kind ?? "?").schema.json") || relative == "schema/\(kind ?? "?").schema.json")
            checked += 1
        }
        #expect(checked >= 25)
    }
}
