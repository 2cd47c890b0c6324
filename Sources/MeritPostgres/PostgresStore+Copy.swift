import MeritIO
import PostgresNIO

/// `merit store copy`: an agency's whole store (records, accounts, audit log, plan versions) out of
/// PostgreSQL and into it, in the shape `MeritStore.storeTables()` gives, so a BKPSDM's SQLite file can join
/// a provincial store and come back out identical.
extension PostgresStore {
    /// The agency's records and application tables, from one snapshot. Audit entries are numbered 1, 2, …
    /// in the order they were written (the identity column is shared by every agency of the store).
    public func storeTables() async throws -> [RecordTable] {
        try await inAgency(isolation: .repeatableRead) { connection in
            var tables = try await loadRecords(connection)
            for schema in RecordTables.application {
                let columns = schema.columns.map { $0 == "id" ? "row_number() OVER (ORDER BY id)" : $0 }.joined(separator: ", ")
                let order = schema.name == "audit_log" ? "id" : schema.name == "plan_versions" ? "saved_at, nip, version" : "name"
                let sql = "SELECT \(columns) FROM \(schema.name) WHERE agency_id = $1 ORDER BY \(order)"
                tables.append(RecordTable(schema: schema, rows: try await rows(sql, connection)))
            }
            return tables
        }
    }

    /// Fills the agency's empty store with `tables`, in one transaction; an agency that holds anything
    /// already is refused and left as it was.
    public func copyIn(_ tables: [RecordTable]) async throws {
        let agency = agency.id
        let name = self.agency.code
        try await inAgency { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.recordsLock), \(Int32(agency)))", logger: logger)
            for table in PostgresMigrations.recordTableNames + RecordTables.application.map(\.name) {
                let found = try await rows("SELECT 1 FROM \(table) WHERE agency_id = $1 LIMIT 1", connection)
                guard found.isEmpty else {
                    throw PostgresStoreError("agency \(name) of the store \(location) holds \(table) already; copy into an agency that holds nothing yet")
                }
            }
            try await writeChanges(from: [], to: tables.filter { RecordTables.all.contains($0.schema) }, connection)
            for table in tables where RecordTables.application.contains(table.schema) {
                try await copy(
                    into: table.name, columns: table.schema.columns, table.rows, generated: table.name == "audit_log" ? "id" : nil, connection)
            }
        }
    }
}
