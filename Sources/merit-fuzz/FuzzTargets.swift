import Foundation
import MeritCore
@_spi(Fuzzing) import MeritLibrary
@_spi(Fuzzing) import MeritRecords
import MeritYAML
import SystemZlib

/// The readers under fuzzing. Each takes any bytes and must end in records or findings, never in a
/// crash, a hang or a leak: `scripts/fuzz` runs them under libFuzzer with AddressSanitizer.
enum FuzzTarget: String, CaseIterable {
    /// A CSV record file, through `RecordFile.open` and the validator.
    case csv
    /// A workbook file's bytes (.xlsx or .ods ZIP), the same way; each .xlsx sheet is also read both ways
    /// the reader can (`SheetReadingCheck`), which must agree.
    case xlsx
    /// A workbook assembled from the input: byte 0 picks .xlsx (even) or .ods (odd); the rest is the sheet
    /// part, then after a NUL byte the shared strings (.xlsx): the XML readers get inputs a ZIP's CRC would stop.
    /// The sheet is read both ways too.
    case sheet
    /// A YAML (byte 0 even) or strict JSON (odd) record file.
    case records
    /// A library file, loaded with the other files of the small test library.
    case library

    func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .csv: FuzzState.shared.readRecords(Array(bytes), named: "fuzz.csv")
        case .xlsx:
            FuzzState.shared.readRecords(Array(bytes), named: "fuzz.xlsx")
            SheetReadingCheck.check(named: "fuzz.xlsx", bytes: Array(bytes))
        case .sheet: FuzzState.shared.readSheet(bytes)
        case .records:
            guard let first = bytes.first else { return }
            FuzzState.shared.readRecords(Array(bytes.dropFirst()), named: first % 2 == 0 ? "fuzz.yaml" : "fuzz.json")
        case .library: FuzzState.shared.loadLibrary(bytes)
        }
    }
}

/// What the targets share: the shipped library (records are read from memory, as uploads are).
final class FuzzState: @unchecked Sendable {
    static let shared = FuzzState()

    let library: Library
    let librarySources: [(path: String, bytes: [UInt8])]
    /// For each file of the small library, the other files already read: a run reads only its input.
    let libraryWithout: [LibraryLoader.ReadFiles]

    private init() {
        let instruments = ProcessInfo.processInfo.environment["MERIT_INSTRUMENTS"] ?? "Instruments"
        guard let library = LibraryLoader().load(folder: instruments).library else {
            fatalError("merit-fuzz: the library in \(instruments) does not load; run from the project folder or set MERIT_INSTRUMENTS")
        }
        self.library = library
        // The library target loads the small test library, not the shipped one: a fuzzed file among 7
        // small ones runs ~10× more often than among the 30 shipped ones, and reaches the same checks.
        let small = ProcessInfo.processInfo.environment["MERIT_FUZZ_LIBRARY"] ?? "Tests/MeritLibraryTests/Fixtures/library/base"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: small))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []
        let sources = files.map { (path: $0, bytes: Array(FileManager.default.contents(atPath: small + "/" + $0) ?? Data())) }
        librarySources = sources
        libraryWithout = sources.indices.map { skipped in
            LibraryLoader().read(sources.enumerated().filter { $0.offset != skipped }.map(\.element))
        }
    }

    /// Reads every record of a file with this name and content (held in memory, as an upload is).
    func readRecords(_ bytes: [UInt8], named name: String) {
        let options = RecordOptions(csv: CSVOptions(chunkSize: 1 << 16))
        guard let files = try? RecordFile.open(named: name, bytes: bytes, options: options, library: library) else { return }
        for file in files {
            var validator = RecordValidator(library: library, kind: file.kind, defaultBatch: "fuzz")
            var findings: [Finding] = []
            try? file.forEachRecord { view in
                _ = validator.records(view, findings: &findings)
                if findings.count > 10_000 { findings.removeAll() }
            }
            validator.finish(findings: &findings)
            for finding in findings { _ = finding.description }
        }
    }

    func readSheet(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let selector = bytes.first else { return }
        let rest = Array(bytes.dropFirst())
        let split = rest.firstIndex(of: 0) ?? rest.count
        let sheet = Array(rest[..<split])
        let strings = split < rest.count ? Array(rest[(split + 1)...]) : []
        let parts: [(String, [UInt8])]
        if selector % 2 == 0 {
            parts = [
                ("[Content_Types].xml", Array("<Types/>".utf8)),
                ("xl/workbook.xml", Array("<workbook><workbookPr date1904=\"\(selector % 4 == 2)\"/><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>".utf8)),
                ("xl/_rels/workbook.xml.rels", Array("<Relationships><Relationship Id=\"rId1\" Type=\"/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"/styles\" Target=\"styles.xml\"/></Relationships>".utf8)),
                ("xl/styles.xml", Array("<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"10\"/></cellXfs></styleSheet>".utf8)),
                ("xl/sharedStrings.xml", strings),
                ("xl/worksheets/sheet1.xml", sheet),
            ]
        } else {
            parts = [("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", sheet)]
        }
        let archive = StoredZip.archive(parts)
        readRecords(archive, named: "fuzz.\(selector % 2 == 0 ? "xlsx" : "ods")")
        SheetReadingCheck.check(named: "fuzz.xlsx", bytes: archive)
    }

    /// The small library with one of its files (picked by the first byte) replaced by the input; the
    /// other files were read once, at start, so each run reads one file and cross-checks the library.
    func loadLibrary(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = bytes.first, !librarySources.isEmpty else { return }
        let replaced = Int(first) % librarySources.count
        let loader = LibraryLoader()
        let read = loader.read([(path: librarySources[replaced].path, bytes: Array(bytes.dropFirst()))], after: libraryWithout[replaced])
        let result = loader.build(read, root: "fuzz")
        for finding in result.findings { _ = finding.description }
    }
}

/// A ZIP archive of stored (uncompressed) entries, the least a workbook reader accepts: the `sheet`
/// target puts its input in one, so that mutations reach the XML rather than a ZIP checksum.
enum StoredZip {
    static func archive(_ entries: [(String, [UInt8])]) -> [UInt8] {
        var bytes: [UInt8] = []
        var directory: [UInt8] = []
        func u16(_ value: Int, _ into: inout [UInt8]) { into += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func u32(_ value: Int, _ into: inout [UInt8]) { u16(value & 0xFFFF, &into); u16(value >> 16 & 0xFFFF, &into) }
        for (name, data) in entries {
            let crc = Int(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
            let path = Array(name.utf8)
            let offset = bytes.count
            u32(0x0403_4B50, &bytes); u16(20, &bytes); u16(0, &bytes); u16(0, &bytes); u32(0, &bytes)
            u32(crc, &bytes); u32(data.count, &bytes); u32(data.count, &bytes); u16(path.count, &bytes); u16(0, &bytes)
            bytes += path + data
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0, &directory); u16(0, &directory); u32(0, &directory)
            u32(crc, &directory); u32(data.count, &directory); u32(data.count, &directory); u16(path.count, &directory)
            u16(0, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(offset, &directory)
            directory += path
        }
        let start = bytes.count
        bytes += directory
        u32(0x0605_4B50, &bytes); u16(0, &bytes); u16(0, &bytes); u16(entries.count, &bytes); u16(entries.count, &bytes)
        u32(directory.count, &bytes); u32(start, &bytes); u16(0, &bytes)
        return bytes
    }
}
