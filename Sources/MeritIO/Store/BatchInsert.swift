import GRDB
import GRDBSQLite

/// Inserts many rows into one table with multi-row `INSERT … VALUES (…), (…), …` statements: SQLite's
/// cost per statement (starting its program, opening the cursor) is paid once per `rowsPerStatement`
/// rows instead of once per row. Values are given in column order with `int`, `text` and `null`, kept
/// until a group is complete, then bound and stepped; `finish` writes what is left.
struct BatchInsert {
    private enum Value {
        case int(Int64)
        case text(String)
        case null
    }

    private let db: Database
    private let table: String
    private let columns: Int
    private let rowsPerStatement: Int
    private let full: Statement
    private var values: [Value] = []

    init(_ db: Database, table: String, columns: Int, rowsPerStatement: Int = 64) throws {
        self.db = db
        self.table = table
        self.columns = columns
        self.rowsPerStatement = rowsPerStatement
        full = try db.makeStatement(sql: Self.sql(table, columns, rowsPerStatement))
        values.reserveCapacity(columns * rowsPerStatement)
    }

    private static func sql(_ table: String, _ columns: Int, _ rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ",")
    }

    mutating func int(_ value: Int64) throws { try add(.int(value)) }

    mutating func int(_ value: Int) throws { try add(.int(Int64(value))) }

    mutating func text(_ value: String?) throws { try add(value.map(Value.text) ?? .null) }

    mutating func null() throws { try add(.null) }

    private mutating func add(_ value: Value) throws {
        values.append(value)
        if values.count == columns * rowsPerStatement {
            try write(full)
        }
    }

    /// Writes the rows given since the last full statement.
    mutating func finish() throws {
        precondition(values.count % columns == 0, "a row of \(table) was left half given")
        guard !values.isEmpty else { return }
        try write(try db.makeStatement(sql: Self.sql(table, columns, values.count / columns)))
    }

    private mutating func write(_ statement: Statement) throws {
        let raw = statement.sqliteStatement
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .int(let number): sqlite3_bind_int64(raw, index, number)
            // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
            case .text(let text): sqlite3_bind_text(raw, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            case .null: sqlite3_bind_null(raw, index)
            }
        }
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        values.removeAll(keepingCapacity: true)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
