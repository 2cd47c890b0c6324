import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files whole or not at all: into a temporary file beside the target, then renamed over it
/// (`rename(2)` replaces atomically), so a crash never leaves half a report. Plain POSIX calls: no
/// `fsync` per file (a report can be written again; thousands of plans cannot wait for the disk each).
///
/// Reports hold personal data (UU 27/2022 PDP): a new file is created 0600 (less if the umask says so),
/// and a file replaced keeps the mode it had, so one tightened by hand stays tight.
public enum AtomicFile {
    /// Files Merit creates: owner read and write only.
    public static let privateMode: mode_t = 0o600
    /// Folders Merit creates: owner only.
    public static let privateFolderMode: mode_t = 0o700

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o777 : privateMode
        do {
            try writeNew(data, to: temporary, mode: mode)
            guard rename(temporary, path) == 0 else { throw failure("cannot replace \(path)", path: path) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Renames a finished temporary file (written by another program) over `path`, with the mode `path`
    /// had, or the private mode.
    public static func replace(_ path: String, with temporary: String) throws {
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o777 : privateMode
        guard chmod(temporary, mode & ~currentUmask()) == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot replace \(path)", path: path)
        }
    }

    /// Creates a folder and the folders above it that are missing, each 0700 (less under a stricter umask).
    public static func createFolder(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw failure("cannot create the folder \(path): a file has its name", path: path) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != path { try createFolder(parent) }
        guard mkdir(path, privateFolderMode) == 0 || errno == EEXIST else { throw failure("cannot create the folder \(path)", path: path) }
    }

    /// Creates a private file that does not exist yet, empty (the store, before SQLite opens it).
    public static func createPrivate(_ path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, privateMode)
        guard descriptor >= 0 else { throw failure("cannot create \(path)", path: path) }
        close(descriptor)
    }

    /// Creates `path` (which must not exist) with the bytes of `data`, with `mode` (the umask applies).
    private static func writeNew(_ data: Data, to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw failure("cannot create \(path)", path: path) }
        defer { close(descriptor) }
        // A kept mode is kept exactly (the umask would only narrow it further).
        fchmod(descriptor, mode & ~currentUmask())
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write \(path)", path: path)
                }
                offset += written
            }
        }
    }

    /// The process's umask, read once (by setting it and putting it back): reading it per file raced
    /// between the threads that write plans, each briefly setting 077 while another created a file.
    static func currentUmask() -> mode_t { processUmask }

    private static let processUmask: mode_t = {
        let mask = umask(0o077)
        umask(mask)
        return mask
    }()

    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    private static func failure(_ what: String, path: String) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(what): \(String(cString: strerror(errno)))",
        ])
    }
}
