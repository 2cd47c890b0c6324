import GRDB

/// A failure of the store itself (unreadable, damaged, locked), as opposed to a problem in an input file:
/// printed `STORE: error: message`.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }

    /// SQLite's own words for what went wrong; a store another process is writing to, in Merit's words
    /// (SQLite has one writer at a time: a second import waits `wait` seconds for the first, then stops here).
    static func from(_ error: DatabaseError, path: String, wait: Double) -> StoreError {
        if [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode.primaryResultCode) {
            let seconds = wait == wait.rounded() ? String(Int(wait)) : String(wait)
            return StoreError(
                path: path,
                message: "another process is writing to this store (an import, a scoring run or merit serve's upload); Merit waited \(seconds) s for it and changed nothing. Run the command again when it has finished, or wait longer with --store-wait SECONDS")
        }
        return StoreError(path: path, message: "SQLite: \(error.message ?? error.resultCode.description)")
    }
}
