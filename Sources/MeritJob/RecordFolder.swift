import Foundation
import MeritLibrary
import MeritRecords
import MeritYAML

/// What a folder given to `merit run` (or an upload) holds: the record files to import, the files Merit
/// will not read and why (each an error: nothing in the folder is skipped unseen), and notes on what is
/// passed over on purpose (hidden files, a README, subfolders).
public struct RecordFolder: Sendable {
    public var files: [String] = []
    public var refused: [Finding] = []
    public var notes: [Finding] = []

    public struct Unreadable: Error, CustomStringConvertible {
        public var folder: String
        public var description: String { "\(folder): error: the folder cannot be read" }
    }

    /// The folder's listing, sorted by name.
    public init(_ folder: String) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { throw Unreadable(folder: folder) }
        var passedOver: [String] = []
        for name in names.sorted() {
            let path = (folder as NSString).appendingPathComponent(name)
            let lower = name.lowercased()
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            if lower.hasPrefix(".~lock.") || lower.hasPrefix("~$") {
                let workbook = lower.hasPrefix("~$") ? String(name.dropFirst(2)) : String(name.dropFirst(7).dropLast(name.hasSuffix("#") ? 1 : 0))
                notes.append(
                    Finding(.warning, at: .file(path), "'\(workbook)' is open in a spreadsheet program: save and close it there, or what is imported may not be what you see"))
            } else if name.hasPrefix(".") {
                passedOver.append(name)
            } else if isFolder.boolValue {
                passedOver.append(name + "/")
            } else if lower.hasPrefix("readme") {
                passedOver.append(name)
            } else if RecordFile.extensions.contains(where: lower.hasSuffix) {
                files.append(path)
            } else {
                refused.append(
                    Finding(.error, at: .file(path), "Merit cannot read this file as records (CSV, .xlsx, .ods, YAML or JSON); move it out of the folder"))
            }
        }
        if !passedOver.isEmpty {
            notes.append(Finding(.note, at: .file(folder), "not read: \(passedOver.joined(separator: ", ")) (hidden files, subfolders and READMEs are not records)"))
        }
    }
}
