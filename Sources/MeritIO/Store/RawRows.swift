import Foundation
import GRDB
import GRDBSQLite

/// A row of a statement being stepped, read through SQLite's C interface: for queries over hundreds of
/// thousands of rows, where building GRDB `Row`s would cost more than the query.
struct RawRow {
    let statement: SQLiteStatement

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    /// The text of a column; nil for NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    /// The text of a column, `known` itself (no new string) when the column holds exactly its bytes; nil
    /// for NULL.
    func text(_ column: Int32, reusing known: String?) -> String? {
        guard var known, let bytes = sqlite3_column_text(statement, column) else { return text(column) }
        let count = Int(sqlite3_column_bytes(statement, column))
        let same = known.utf8.count == count && known.withUTF8 { memcmp($0.baseAddress!, bytes, count) == 0 }
        return same ? known : String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The bytes of a text column, valid until the next step.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let bytes = sqlite3_column_text(statement, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column)))
    }
}

extension Database {
    /// Steps `sql` and calls `body` with each row.
    func forEachRawRow(_ sql: String, _ body: (RawRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        let raw = statement.sqliteStatement
        try withExtendedLifetime(statement) {
            while true {
                let code = sqlite3_step(raw)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
                }
                try body(RawRow(statement: raw))
            }
        }
    }
}
