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

    /// SQLite's own words for what went wrong.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        StoreError(path: path, message: "SQLite: \(error.message ?? error.resultCode.description)")
    }
}
