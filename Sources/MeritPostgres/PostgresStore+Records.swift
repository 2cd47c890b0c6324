import Foundation
import MeritIO
import PostgresNIO

/// The records and results of a PostgreSQL store: the agency's rows are loaded into an in-memory SQLite
/// working copy (`MeritStore(workingCopyOf:)`), the unchanged import and scoring code runs on it, and what
/// it changed is written back, all in one PostgreSQL transaction. The same code decides on both stores, so
/// their results are the same; a failed or killed command is rolled back by PostgreSQL.
///
/// A writer holds the agency's advisory lock for the whole transaction: a second import into the same
/// agency waits for the first to commit and then works on what it stored (nothing lost); imports into
/// other agencies do not wait. A reader takes one snapshot (REPEATABLE READ) and no lock.
extension PostgresStore: RecordStore {
    /// The first key of the advisory lock a writer of an agency's records takes ('MERI'); the agency is the second.
    static let recordsLock: Int32 = 0x4D45_5249

    /// Runs `body` on a working copy of the agency's records; when `writing`, what it changed is stored.
    public func withRecords<T: Sendable>(writing: Bool, _ body: (MeritStore) throws -> T) async throws -> T {
        let agency = agency.id
        let name = location.description
        return try await inAgency(isolation: writing ? .readCommitted : .repeatableRead) { connection in
            if writing {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.recordsLock), \(Int32(agency)))", logger: logger)
            }
            let before = try await PostgresTimings.phase("load", rows: 0) { try await loadRecords(connection) }
            let copy = try MeritStore(workingCopyOf: name)
            try copy.replaceRecords(before)
            // HR's saved plans are read with the records, in the same snapshot (ScoredCohort reads the
            // latest): all of them, in order, so the copy's change stamp is the store's (`changeStamp`).
            try copy.placePlanVersions(try await allPlanVersions(connection))
            let value = try await PostgresTimings.phase("working copy", rows: 0) { try body(copy) }
            if writing {
                let after = try copy.recordTables()
                try await PostgresTimings.phase("write", rows: 0) { try await writeChanges(from: before, to: after, connection) }
            }
            return value
        }
    }

    /// Where the store is, with the agency its session is bound to.
    public var name: String { "\(location) (agency \(agency.code))" }

    /// The agency's imports (the largest id and how many: every committed change of records adds one)
    /// and its saved plan versions (only ever added), as `MeritStore.changeStamp` counts them.
    public func changeStamp() async throws -> String {
        let agency = agency.id
        return try await inAgency { connection in
            let rows = try await connection.query(
                """
                SELECT (SELECT coalesce(max(id), 0) FROM imports WHERE agency_id = \(agency)),
                       (SELECT count(*) FROM imports WHERE agency_id = \(agency)),
                       (SELECT count(*) FROM plan_versions WHERE agency_id = \(agency))
                """, logger: logger)
            var stamp = ""
            for try await (last, imports, versions) in rows.decode((Int64, Int64, Int64).self) { stamp = "\(last).\(imports).\(versions)" }
            return stamp
        }
    }

    func loadRecords(_ connection: PostgresConnection) async throws -> [RecordTable] {
        var tables: [RecordTable] = []
        for schema in RecordTables.all {
            if schema.name == "rating_sheets" {
                tables.append(RecordTable(schema: schema, rows: try await loadRatingSheets(connection)))
                continue
            }
            let sql = "SELECT \(schema.columns.joined(separator: ", ")) FROM \(schema.name) WHERE agency_id = $1 ORDER BY \(schema.keyColumns.joined(separator: ", "))"
            tables.append(RecordTable(schema: schema, rows: try await rows(sql, connection)))
        }
        return tables
    }

    /// The `ratings` rows, one sheet per batch × person in the sheet's order (competency, instrument, assessor).
    private func loadRatingSheets(_ connection: PostgresConnection) async throws -> [[RecordValue]] {
        let keys = RecordTables.ratingColumns.prefix(5).joined(separator: ", ")
        let ratings = try await rows(
            "SELECT \(RecordTables.ratingColumns.joined(separator: ", ")) FROM ratings WHERE agency_id = $1 ORDER BY \(keys)", connection)
        var sheets: [[RecordValue]] = []
        var start = 0
        for index in ratings.indices where index + 1 == ratings.count || ratings[index + 1].prefix(2) != ratings[index].prefix(2) {
            sheets.append(try RecordTables.sheet(ofRatings: Array(ratings[start...index])))
            start = index + 1
        }
        return sheets
    }

    func rows(_ sql: String, _ connection: PostgresConnection) async throws -> [[RecordValue]] {
        var bindings = PostgresBindings()
        bindings.append(agency.id)
        var rows: [[RecordValue]] = []
        for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger) {
            rows.append(try row.map(RecordValue.init))
        }
        return rows
    }
}

extension RecordValue {
    /// A cell as the record tables hold it: bigint/integer or text, or null.
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int8, .int4, .int2: self = .integer(try cell.decode(Int64.self))
        case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)  // as SQLite holds it
        default: self = .text(try cell.decode(String.self))
        }
    }
}
