import Foundation

extension YAMLLoader {
    /// Every document of the file at `path`; the path as given names the file in marks.
    public func load(contentsOf path: String) throws(YAMLError) -> [YAMLDocument] {
        try load(readBytes(path), file: path)
    }
}

/// The bytes of a file, or a located I/O error.
public func readBytes(_ path: String) throws(YAMLError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let reason = !exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot be read"
        throw YAMLError(.io, at: .file(path), "cannot read the file: \(reason)")
    }
    return [UInt8](data)
}
