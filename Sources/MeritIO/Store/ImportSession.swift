import Foundation
import GRDB
import GRDBSQLite
import MeritCore
import MeritYAML

/// Writes validated records into the store inside one open transaction, with prepared statements bound
/// through SQLite's C interface (millions of rows). Finds in-import duplicates and conflicts with stored
/// rows through the tables' primary keys.
final class ImportSession {
    let db: Database
    /// For messages about the store itself.
    let storePath: String
    let library: Library
    let replace: Bool
    private(set) var importID: Int64 = 0
    /// Import ids of this session → their files, for messages about earlier rows of the same import.
    private(set) var filesOfImports: [Int64: String] = [:]
    /// Imports of this session that are workbook sheets (their places are cells and rows, not lines).
    private(set) var sheetImports: Set<Int64> = []
    private var people: [String: Int64] = [:]
    /// Stored code ids by kind and code.
    private var codes: [String: [String: Int64]] = [:]
    /// Stored ids of library instruments and competencies, by ref (filled as met).
    private var instrumentIDs: [Int64?]
    private var competencyIDs: [Int64?]
    private var lastPerson: (nip: String, id: Int64)?
    private var recentAssessors: [(name: String, id: Int64)] = []
    private var lastDate: (date: CalendarDate, text: String)?
    private var lastBatch: (name: String, id: Int64)?
    private var batches: [String: Int64] = [:]
    private(set) var batchDates: [Int64: CalendarDate] = [:]
    /// Batch dates as stored before this import (which batch was a person's latest assessment).
    private(set) var storedBatchDates: [Int64: CalendarDate] = [:]
    /// Batch × person keys this import wrote to, with the place of their first row.
    var touched: [SheetKey: SourceMark] = [:]
    var lastTouched: SheetKey?
    /// Prepared statements of the hot paths, by what they do (a key cheaper to hash than their SQL).
    enum StatementKey: Hashable {
        case insertTest, insertLevel, writeSheet, readSheet, insertProfile, insertPerson
    }

    private var statements: [StatementKey: SQLiteStatement] = [:]
    /// The highest person id stored before this import: people above it have no stored profile or rows yet.
    private var firstNewPerson: Int64 = 0
    /// People given a profile by this import (a second one is a duplicate).
    var profilesThisImport: Set<Int64> = []
    /// Rating sheets gathered and not yet written, found by key; the sheet of the last rating.
    var openSheets: [(key: SheetKey, entries: [RatingSheet.Entry])] = []
    var sheetIndex: [SheetKey: Int] = [:]
    /// Ratings in open sheets, and how many may be held before the sheets are written.
    var openRatings = 0
    let ratingsHeld: Int
    /// Whether a person's rows came back after their sheet was written (then sheets are held longer).
    var scatteredRows = false
    var lastSheet: SheetKey?
    var currentSheet = 0
    /// Sheets this import wrote (so a later file's rows are merged with them).
    var sheetsThisImport: Set<SheetKey> = []
    /// Names by stored id, for findings (built when the first finding needs them).
    private var names: (codes: [Int64: String], people: [Int64: String], batches: [Int64: String])?
    private var keepAlive: [Statement] = []

    private(set) var inserted = 0
    private(set) var unchanged = 0
    private(set) var replaced = 0

    init(db: Database, library: Library, replace: Bool, storePath: String = "", ratingsHeld: Int = 3_000_000) throws {
        self.db = db
        self.storePath = storePath
        self.library = library
        self.replace = replace
        self.ratingsHeld = ratingsHeld
        instrumentIDs = Array(repeating: nil, count: library.instrumentOrder.count)
        competencyIDs = Array(repeating: nil, count: library.competencyOrder.count)
        try reload()
    }

    /// Reads the ids already stored (again after a file's rows are rolled back).
    private func reload() throws {
        people.removeAll()
        codes.removeAll()
        batches.removeAll()
        batchDates.removeAll()
        instrumentIDs = Array(repeating: nil, count: library.instrumentOrder.count)
        competencyIDs = Array(repeating: nil, count: library.competencyOrder.count)
        lastPerson = nil
        lastBatch = nil
        recentAssessors.removeAll()
        profilesThisImport.removeAll()
        openSheets.removeAll()
        sheetIndex.removeAll()
        openRatings = 0
        scatteredRows = false
        lastSheet = nil
        sheetsThisImport.removeAll()
        names = nil
        for row in try Row.fetchAll(db, sql: "SELECT id, nip FROM people") { people[row[1]] = row[0] }
        firstNewPerson = (people.values.max() ?? 0) + 1
        for row in try Row.fetchAll(db, sql: "SELECT id, kind, code FROM codes") {
            codes[row[1], default: [:]][row[2]] = row[0]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, name, assessed_on FROM batches") {
            batches[row[1]] = row[0]
            if let text: String = row[2], let date = CalendarDate(iso: text) { batchDates[row[0]] = date }
        }
        storedBatchDates = batchDates
        lastTouched = nil
    }

    /// Starts a file: records its import; nil (no-op) when a file with the same content and kind is stored.
    /// Where a row of the file being imported is: `file:line:column`, or a sheet's row (`book.xlsx[Nilai]!12`).
    func rowMark(line: Int, column: Int = 1) -> SourceMark {
        let file = filesOfImports[importID] ?? ""
        return sheetImports.contains(importID) ? .cell(file, row: line, column: 0) : SourceMark(file: file, line: line, column: column)
    }

    func begin(file: String, sha256: String, kind: RecordKind, isSheet: Bool = false) throws -> (alreadyImported: String?, id: Int64) {
        if let earlier = try String.fetchOne(
            db, sql: "SELECT imported_at FROM imports WHERE sha256 = ? AND kind = ?", arguments: [sha256, kind.rawValue])
        {
            return (earlier, 0)
        }
        let now = ISO8601DateFormatter().string(from: Date())
        try db.cachedStatement(sql: "INSERT INTO imports(file, sha256, kind, imported_at) VALUES (?, ?, ?, ?)").execute(arguments: [file, sha256, kind.rawValue, now])
        importID = db.lastInsertedRowID
        filesOfImports[importID] = file
        if isSheet { sheetImports.insert(importID) }
        return (nil, importID)
    }

    /// Starts a large file before its digest is known: its rows go under a savepoint, so they can be
    /// taken back if the digest shows the file was imported before.
    func beginPending(file: String, kind: RecordKind, isSheet: Bool = false) throws -> Int64 {
        try db.execute(sql: "SAVEPOINT merit_file")
        let now = ISO8601DateFormatter().string(from: Date())
        try db.cachedStatement(sql: "INSERT INTO imports(file, sha256, kind, imported_at) VALUES (?, '', ?, ?)").execute(arguments: [file, kind.rawValue, now])
        importID = db.lastInsertedRowID
        filesOfImports[importID] = file
        if isSheet { sheetImports.insert(importID) }
        return importID
    }

    /// Settles a pending file once its digest is known: when the same content and kind was imported
    /// before, its rows are rolled back (and the earlier import's time returned); else the digest is kept.
    func settlePending(sha256: String, kind: RecordKind) throws -> String? {
        if let earlier = try String.fetchOne(
            db, sql: "SELECT imported_at FROM imports WHERE sha256 = ? AND kind = ? AND id != ?",
            arguments: [sha256, kind.rawValue, importID])
        {
            try db.execute(sql: "ROLLBACK TO merit_file; RELEASE merit_file")
            filesOfImports[importID] = nil
            try reload()
            return earlier
        }
        try db.cachedStatement(sql: "UPDATE imports SET sha256 = ? WHERE id = ?").execute(arguments: [sha256, importID])
        try db.execute(sql: "RELEASE merit_file")
        return nil
    }

    /// Takes back the import of a file that held no rows (only its record in `imports` was written).
    func discardFile(pending: Bool) throws {
        if pending {
            try db.execute(sql: "ROLLBACK TO merit_file; RELEASE merit_file")
        } else {
            try db.cachedStatement(sql: "DELETE FROM imports WHERE id = ?").execute(arguments: [importID])
        }
        filesOfImports[importID] = nil
    }

    func finish(rows: Int) throws {
        try db.cachedStatement(sql: "UPDATE imports SET rows = ? WHERE id = ?").execute(arguments: [rows, importID])
        for (batch, date) in batchDates {
            try db.cachedStatement(sql: "UPDATE batches SET assessed_on = ? WHERE id = ?").execute(arguments: [date.description, batch])
        }
    }

    // MARK: Ids

    func person(_ nip: String) throws -> Int64 {
        if let last = lastPerson, last.nip == nip { return last.id }
        let id: Int64
        if let known = people[nip] {
            id = known
        } else {
            let insert = try statement(.insertPerson, "INSERT INTO people(nip) VALUES (?)")
            Bind.text(insert, 1, nip)
            _ = try self.insert(insert)
            id = db.lastInsertedRowID
            people[nip] = id
            names = nil
        }
        lastPerson = (nip, id)
        return id
    }

    /// An assessor's code id; the last few are remembered (rows alternate between two or three).
    func assessorID(_ name: String) throws -> Int64 {
        for recent in recentAssessors where recent.name == name { return recent.id }
        let id = try code("assessor", name)
        if recentAssessors.count >= 4 { recentAssessors.removeFirst() }
        recentAssessors.append((name, id))
        return id
    }

    /// Stored code ids of one kind, by code.
    func codeIDs(kind: String) -> [String: Int64] { codes[kind] ?? [:] }

    func code(_ kind: String, _ code: String) throws -> Int64 {
        if let id = codes[kind]?[code] { return id }
        try db.cachedStatement(sql: "INSERT INTO codes(kind, code) VALUES (?, ?)").execute(arguments: [kind, code])
        let id = db.lastInsertedRowID
        codes[kind, default: [:]][code] = id
        names = nil
        return id
    }

    func instrumentID(_ ref: Int) throws -> Int64 {
        if let id = instrumentIDs[ref] { return id }
        let id = try code("instrument", library.instrumentOrder[ref])
        instrumentIDs[ref] = id
        return id
    }

    func competencyID(_ ref: Int) throws -> Int64 {
        if let id = competencyIDs[ref] { return id }
        let id = try code("competency", library.competencyOrder[ref])
        competencyIDs[ref] = id
        return id
    }

    func batch(_ name: String, battery: String?, date: CalendarDate?) throws -> Int64 {
        let id: Int64
        if let last = lastBatch, last.name == name {
            id = last.id
        } else if let known = batches[name] {
            id = known
            lastBatch = (name, id)
        } else {
            try db.cachedStatement(sql: "INSERT INTO batches(name, battery) VALUES (?, ?)").execute(arguments: [name, battery])
            id = db.lastInsertedRowID
            batches[name] = id
            names = nil
            lastBatch = (name, id)
        }
        if let date, batchDates[id].map({ date > $0 }) ?? true { batchDates[id] = date }
        return id
    }

    /// A date as stored (`2026-03-16`); rows of one batch repeat their date, so the last is remembered.
    func dateText(_ date: CalendarDate) -> String {
        if let last = lastDate, last.date == date { return last.text }
        let text = date.description
        lastDate = (date, text)
        return text
    }

    /// Keeps a batch's latest date up to date.
    func noteBatchDate(_ batch: Int64, _ date: CalendarDate) {
        if batchDates[batch].map({ date > $0 }) ?? true { batchDates[batch] = date }
    }

    func setBattery(_ battery: String, forBatch name: String) throws {
        try db.cachedStatement(sql: "UPDATE batches SET battery = ? WHERE name = ?").execute(arguments: [battery, name])
    }

    // MARK: Statements

    func statement(_ key: StatementKey, _ sql: @autoclosure () -> String) throws -> SQLiteStatement {
        if let prepared = statements[key] {
            sqlite3_reset(prepared)
            sqlite3_clear_bindings(prepared)
            return prepared
        }
        let statement = try db.makeStatement(sql: sql())
        keepAlive.append(statement)
        statements[key] = statement.sqliteStatement
        return statement.sqliteStatement
    }

    /// Whether the person was first stored by this import (so nothing of theirs is stored from before).
    func isNew(_ person: Int64) -> Bool { person >= firstNewPerson }

    /// Steps a bound insert; true when a row went in, false on a primary-key conflict (`ON CONFLICT DO NOTHING`).
    func insert(_ statement: SQLiteStatement) throws -> Bool {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
        return sqlite3_changes(db.sqliteConnection) > 0
    }

    func describeEarlier(importID: Int64, line: Int) -> String {
        if let file = filesOfImports[importID] {
            return importID == self.importID ? "at line \(line) of this file" : "at \(file):\(line) of this import"
        }
        return "stored from an earlier import, line \(line)"
    }

    func isThisSession(_ importID: Int64) -> Bool { filesOfImports[importID] != nil }

    func recordReplacement(record: String, key: String, old: String, new: String) throws {
        try db.cachedStatement(sql: "INSERT INTO replacements(import_id, record, key, old_value, new_value) VALUES (?, ?, ?, ?, ?)").execute(arguments: [importID, record, key, old, new])
        replaced += 1
    }

    /// Codes, NIPs and batch names by stored id.
    func namesByID() -> (codes: [Int64: String], people: [Int64: String], batches: [Int64: String]) {
        if let names { return names }
        var built: (codes: [Int64: String], people: [Int64: String], batches: [Int64: String]) = ([:], [:], [:])
        for byCode in codes.values {
            for (code, id) in byCode { built.codes[id] = code }
        }
        for (nip, id) in people { built.people[id] = nip }
        for (name, id) in batches { built.batches[id] = name }
        names = built
        return built
    }

    func countInserted() { inserted += 1 }
    func countUnchanged() { unchanged += 1 }
}

/// Binding values to a prepared statement through SQLite's C interface.
enum Bind {
    static func int(_ statement: SQLiteStatement, _ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    static func int(_ statement: SQLiteStatement, _ index: Int32, _ value: Int) {
        sqlite3_bind_int64(statement, index, Int64(value))
    }

    static func text(_ statement: SQLiteStatement, _ index: Int32, _ text: String?) {
        guard let text else {
            sqlite3_bind_null(statement, index)
            return
        }
        // SQLITE_TRANSIENT: SQLite copies the text before the Swift string goes away.
        sqlite3_bind_text(statement, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
    }

    static func null(_ statement: SQLiteStatement, _ index: Int32) {
        sqlite3_bind_null(statement, index)
    }
}
