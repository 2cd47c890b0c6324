import Foundation
import MeritCore
import MeritIO

/// A temporary folder with a fresh store, for import tests.
final class ImportFixture {
    let folder: URL
    let store: MeritStore
    let library: Library

    /// The library shipped in `Instruments/`.
    static let instruments = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Instruments").path
    static let shippedLibrary: Library = LibraryLoader().load(folder: instruments).library!

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        library = Self.shippedLibrary
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes a file into the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func run(_ paths: [String], options: ImportOptions = ImportOptions(batch: "uji")) throws -> ImportResult {
        try Importer(library: library, store: store).run(paths, options: options)
    }

    /// Findings of an import, with the folder left out of the paths. Most test files have no `date`
    /// column, so the warning about it is left out unless asked for (`IntakeImportTests` pins it).
    func findings(_ result: ImportResult, undated: Bool = false) -> [String] {
        result.findings.filter { undated || !$0.message.hasPrefix("no 'date' column") }
            .map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") }
    }
}

/// A valid NIP for tests: born 1985-03-12, appointed 2010-01, male, serial `n`.
func nip(_ serial: Int) -> String {
    "19850312201001100" + String(serial)
}
