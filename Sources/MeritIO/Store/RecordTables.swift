import GRDB

/// One value of a stored record, as either store keeps it: SQLite's and PostgreSQL's tables hold only
/// integers, text and nulls (rationals are two integers, dates ISO text).
public enum RecordValue: Hashable, Sendable {
    case null
    case integer(Int64)
    case text(String)
}

/// The rows of one record table (in key order): what moves between stores, and what a PostgreSQL store's
/// working copy is compared by.
public struct RecordTable: Sendable, Equatable {
    public let schema: RecordTableSchema
    public var rows: [[RecordValue]]

    public init(schema: RecordTableSchema, rows: [[RecordValue]]) {
        self.schema = schema
        self.rows = rows
    }

    public var name: String { schema.name }
}

/// A record table's name and columns; its key is its first `keyCount` columns.
public struct RecordTableSchema: Sendable, Hashable {
    public let name: String
    public let columns: [String]
    public let keyCount: Int

    public var keyColumns: ArraySlice<String> { columns.prefix(keyCount) }
}

/// The record tables (everything but accounts, audit log and plan versions), parents before children.
public enum RecordTables {
    public static let all: [RecordTableSchema] = [
        .init(name: "imports", columns: ["id", "file", "sha256", "kind", "rows", "imported_at"], keyCount: 1),
        .init(name: "batches", columns: ["id", "name", "battery", "assessed_on"], keyCount: 1),
        .init(name: "people", columns: ["id", "nip"], keyCount: 1),
        .init(name: "codes", columns: ["id", "kind", "code"], keyCount: 1),
        .init(
            name: "profiles",
            columns: [
                "person_id", "import_id", "as_of", "name", "unit", "position", "job_level", "education", "education_field", "rank",
                "trainings", "experience_years", "performance", "line",
            ],
            keyCount: 2),
        .init(name: "rating_sheets", columns: ["batch_id", "person_id", "count", "ratings", "latest_on"], keyCount: 2),
        .init(
            name: "test_scores",
            columns: ["batch_id", "person_id", "instrument_id", "raw_num", "raw_den", "tested_on", "import_id", "line"], keyCount: 3),
        .init(
            name: "agreed_levels",
            columns: ["batch_id", "person_id", "competency_id", "level_num", "level_den", "note", "import_id", "line", "assessed_on"],
            keyCount: 3),
        .init(
            name: "provider_claims", columns: ["batch_id", "person_id", "jpm", "category_set", "category", "import_id", "line"],
            keyCount: 2),
        .init(name: "replacements", columns: ["id", "import_id", "record", "key", "old_value", "new_value"], keyCount: 1),
        .init(name: "scoring_runs", columns: ["id", "computed_at", "reference_date"], keyCount: 1),
        .init(
            name: "competency_results",
            columns: [
                "person_id", "competency_id", "run_id", "integrated_num", "integrated_den", "computed_num", "computed_den", "agreed_num",
                "agreed_den", "flags",
            ],
            keyCount: 2),
        .init(
            name: "position_results",
            columns: [
                "person_id", "position", "run_id", "jpm_num", "jpm_den", "jpm_shown", "selection", "mapping", "box", "qualified", "expired",
                "completeness", "missing",
            ],
            keyCount: 2),
    ]

    /// The served application's tables (`merit store copy` moves them with the records). The audit log
    /// is in the order it was written (`id`: 1, 2, … in a copy), plan versions in the order they were saved.
    public static let application: [RecordTableSchema] = [
        .init(name: "accounts", columns: ["name", "role", "password_hash", "disabled", "created_at", "assessor"], keyCount: 1),
        .init(name: "audit_log", columns: ["id", "at", "account", "address", "action", "object"], keyCount: 1),
        .init(name: "plan_versions", columns: ["nip", "version", "batch", "saved_at", "account", "content"], keyCount: 2),
    ]

    /// The columns of one rating, as a normalised table holds them (a rating sheet unpacked).
    public static let ratingColumns = [
        "batch_id", "person_id", "competency_id", "instrument_id", "assessor_id", "value_num", "value_den", "rated_on", "note",
        "import_id", "line",
    ]

    public static func schema(_ name: String) -> RecordTableSchema? { all.first { $0.name == name } }

    /// A rating sheet's row (`rating_sheets`) as one row per rating, in the sheet's order.
    public static func ratings(ofSheet row: [RecordValue]) throws -> [[RecordValue]] {
        guard row.count == 5, case .text(var json) = row[3] else { throw StoreError(path: "rating_sheets", message: "a rating sheet row is not one") }
        let entries = try json.withUTF8 { try RatingSheetReader.entries($0) }
        return entries.map { entry in
            [
                row[0], row[1], .integer(entry.competency), .integer(entry.instrument), .integer(entry.assessor),
                entry.value.map { .integer($0.num) } ?? .null, entry.value.map { .integer($0.den) } ?? .null,
                entry.date.map(RecordValue.text) ?? .null, entry.note.map(RecordValue.text) ?? .null,
                .integer(entry.importID), .integer(entry.line),
            ]
        }
    }

    /// One batch × person's ratings (rows as `ratingColumns`, in key order) as its rating sheet's row,
    /// exactly as an import writes it: the same JSON, count and latest date.
    public static func sheet(ofRatings ratings: [[RecordValue]]) throws -> [RecordValue] {
        guard let first = ratings.first else { throw StoreError(path: "ratings", message: "a rating sheet holds at least one rating") }
        var entries: [RatingSheet.Entry] = []
        entries.reserveCapacity(ratings.count)
        var latest: String?
        for rating in ratings {
            guard rating.count == ratingColumns.count, rating[0] == first[0], rating[1] == first[1],
                case .integer(let competency) = rating[2], case .integer(let instrument) = rating[3],
                case .integer(let assessor) = rating[4], case .integer(let importID) = rating[9], case .integer(let line) = rating[10]
            else { throw StoreError(path: "ratings", message: "a rating row does not fit a rating sheet") }
            var value: (num: Int64, den: Int64)?
            if case .integer(let num) = rating[5], case .integer(let den) = rating[6] { value = (num, den) }
            let date = rating[7].text
            if let date, date > (latest ?? "") { latest = date }
            entries.append(
                RatingSheet.Entry(
                    competency: competency, instrument: instrument, assessor: assessor, value: value, date: date, note: rating[8].text,
                    importID: importID, line: line))
        }
        let json = String(decoding: RatingSheet.encode(entries), as: UTF8.self)
        return [first[0], first[1], .integer(Int64(entries.count)), .text(json), latest.map(RecordValue.text) ?? .null]
    }
}

extension RecordValue {
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let integer): self = .integer(integer)
        case .string(let text): self = .text(text)
        case .double(let double): self = .text(String(double))
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }
}

extension RecordValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let integer): return integer.databaseValue
        case .text(let text): return text.databaseValue
        }
    }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> RecordValue? { RecordValue(dbValue) }
}

extension MeritStore {
    /// Every record table's rows, in key order, read in one transaction.
    public func recordTables() throws -> [RecordTable] {
        try read { db in try RecordTables.all.map { try Self.rows(of: $0, in: db) } }
    }

    /// The records and the served application's tables (accounts, audit log, plan versions), read in one
    /// transaction: everything `merit store copy` moves.
    public func storeTables() throws -> [RecordTable] {
        try read { db in
            try (RecordTables.all + RecordTables.application).map { schema in
                // Plan versions as saved (their rowid), not by key: a copy saves them in the same order.
                try Self.rows(of: schema, in: db, order: schema.name == "plan_versions" ? "id" : nil)
            }
        }
    }

    /// Fills an empty store with `tables` (storeTables of another store) in one transaction; a store that
    /// holds anything already is refused and left as it was.
    public func copyIn(_ tables: [RecordTable]) throws {
        try transaction { db in
            for schema in RecordTables.all + RecordTables.application {
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(schema.name))") == true {
                    throw StoreError(path: path, message: "the store holds \(schema.name) already; copy into a new store (a file that is not there yet)")
                }
            }
            try Self.insert(tables, db)
        }
    }

    private static func rows(of schema: RecordTableSchema, in db: Database, order: String? = nil) throws -> RecordTable {
        let sql = "SELECT \(schema.columns.joined(separator: ", ")) FROM \(schema.name) ORDER BY \(order ?? schema.keyColumns.joined(separator: ", "))"
        var rows: [[RecordValue]] = []
        let cursor = try Row.fetchCursor(db, sql: sql)
        while let row = try cursor.next() {
            rows.append((0..<schema.columns.count).map { RecordValue(row[$0] as DatabaseValue) })
        }
        return RecordTable(schema: schema, rows: rows)
    }

    private static func insert(_ tables: [RecordTable], _ db: Database) throws {
        for table in tables {
            let marks = Array(repeating: "?", count: table.schema.columns.count).joined(separator: ", ")
            let statement = try db.makeStatement(
                sql: "INSERT INTO \(table.name) (\(table.schema.columns.joined(separator: ", "))) VALUES (\(marks))")
            for row in table.rows {
                try statement.execute(arguments: StatementArguments(row))
            }
        }
    }

    /// Replaces every record of the store by `tables` (tables not given are emptied), in one transaction.
    public func replaceRecords(_ tables: [RecordTable]) throws {
        try transaction { db in
            for schema in RecordTables.all.reversed() { try db.execute(sql: "DELETE FROM \(schema.name)") }
            try Self.insert(tables.filter { RecordTables.all.contains($0.schema) }, db)
        }
    }
}
