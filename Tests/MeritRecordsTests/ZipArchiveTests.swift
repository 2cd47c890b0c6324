import Foundation
@testable import MeritRecords
import Testing
import ZIPFoundation

/// The workbook's ZIP reader: what it reads, and the damage it refuses rather than reading past.
@Suite struct ZipArchiveTests {
    /// A ZIP archive (written by ZIPFoundation) of the given entries.
    static func archive(_ entries: [(String, String)], compression: CompressionMethod) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (name, text) in entries {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data!)
    }

    static func content(_ zip: ZipArchive, _ name: String, chunkSize: Int = 7) throws -> String {
        var bytes: [UInt8] = []
        try zip.stream(zip.entries[name]!, chunkSize: chunkSize) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [false, true])
    func readsStoredAndDeflatedEntries(deflated: Bool) throws {
        let compression: CompressionMethod = deflated ? .deflate : .none
        let long = String(repeating: "<row r=\"1\"><c><v>3.5</v></c></row>", count: 500)
        let zip = try ZipArchive(bytes: try Self.archive([("a.xml", "<a/>"), ("xl/b.xml", long)], compression: compression))
        #expect(zip.entries.keys.sorted() == ["a.xml", "xl/b.xml"])
        #expect(try Self.content(zip, "a.xml") == "<a/>")
        #expect(try Self.content(zip, "xl/b.xml") == long)
    }

    /// Where the first entry's data starts: after the local header (30 bytes), its name and its extra
    /// field. (A search for the content's first byte found it in the header's timestamp on some runs.)
    static func dataStart(_ archive: [UInt8]) -> Int {
        30 + Int(archive[26]) + Int(archive[27]) << 8 + Int(archive[28]) + Int(archive[29]) << 8
    }

    static func refusal(_ bytes: [UInt8], _ entry: String = "a.xml") -> String? {
        do {
            let zip = try ZipArchive(bytes: bytes)
            _ = try content(zip, entry)
            return nil
        } catch let error as ZipError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    /// A changed byte of content, a password, an unknown method, an archive cut short, a declared size
    /// smaller than the content: each is an error, none is read past.
    @Test func damageIsRefused() throws {
        let stored = try Self.archive([("a.xml", "<a>hello</a>")], compression: .none)
        let dataAt = Self.dataStart(stored)
        #expect(stored[dataAt] == UInt8(ascii: "<"))
        var changed = stored
        changed[dataAt + 1] = UInt8(ascii: "b")
        #expect(Self.refusal(changed) == "'a.xml' does not match its checksum (CRC-32): the file is damaged")

        // Flags are at offset 8 of the central directory entry (signature PK\1\2), the method at 10.
        let central = (0..<stored.count - 4).first { stored[$0..<$0 + 4] == [0x50, 0x4B, 0x01, 0x02] }!
        var encrypted = stored
        encrypted[central + 8] |= 1
        #expect(Self.refusal(encrypted) == "'a.xml' is encrypted: the workbook has a password; remove it and save again")
        var method = stored
        method[central + 10] = 14
        #expect(Self.refusal(method) == "'a.xml' is compressed with method 14, which Merit does not read; save the workbook again")
        var smaller = stored
        smaller[central + 24] = 3
        #expect(Self.refusal(smaller) == "'a.xml' holds more than its declared 3 bytes")
        #expect(Self.refusal(Array(stored.prefix(stored.count - 30))) == "it has no end of central directory (not a ZIP archive, or cut short)")

        let deflated = try Self.archive([("a.xml", String(repeating: "<a>hello</a>", count: 100))], compression: .deflate)
        let start = Self.dataStart(deflated)
        var cut = deflated
        cut.replaceSubrange(start + 2..<start + 12, with: [UInt8](repeating: 0xFF, count: 10))
        #expect(Self.refusal(cut) != nil)
    }
}
