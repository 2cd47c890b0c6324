import MeritIO
import NIOCore
import PostgresNIO

/// Writing back what a working copy changed: rows gone or changed are deleted by key (children before
/// parents), new and changed rows are sent with `COPY … FROM STDIN` (parents before children). A row of a
/// table other rows point at (an import, batch, person, code or scoring run) is updated in place instead,
/// so the rows that point at it stay valid. Rating sheets go to `ratings` one row per rating.
extension PostgresStore {
    /// Tables that foreign keys point at.
    static let referencedTables: Set<String> = ["imports", "batches", "people", "codes", "scoring_runs"]

    struct TableChange {
        var schema: RecordTableSchema
        var deleted: [[RecordValue]] = []  // keys
        var updated: [[RecordValue]] = []  // rows (referenced tables)
        var written: [[RecordValue]] = []  // rows
    }

    func writeChanges(from before: [RecordTable], to after: [RecordTable], _ connection: PostgresConnection) async throws {
        var changes: [TableChange] = []
        for schema in RecordTables.all {
            let old = before.first { $0.schema == schema }?.rows ?? []
            let new = after.first { $0.schema == schema }?.rows ?? []
            changes.append(Self.change(schema, from: old, to: new))
        }
        for change in changes.reversed() where !change.deleted.isEmpty {
            try await delete(change, connection)
        }
        for change in changes {
            for row in change.updated { try await update(change.schema, row, connection) }
            if change.schema.name == "rating_sheets" {
                var ratings: [[RecordValue]] = []
                for sheet in change.written { ratings += try RecordTables.ratings(ofSheet: sheet) }
                try await copy(into: "ratings", columns: RecordTables.ratingColumns, ratings, connection)
            } else {
                try await copy(into: change.schema.name, columns: change.schema.columns, change.written, connection)
            }
        }
    }

    /// What turns `old` into `new` (both rows of `schema`, any order).
    static func change(_ schema: RecordTableSchema, from old: [[RecordValue]], to new: [[RecordValue]]) -> TableChange {
        var change = TableChange(schema: schema)
        let referenced = referencedTables.contains(schema.name)
        var oldRows: [ArraySlice<RecordValue>: [RecordValue]] = [:]
        oldRows.reserveCapacity(old.count)
        for row in old { oldRows[row.prefix(schema.keyCount)] = row }
        for row in new {
            let key = row.prefix(schema.keyCount)
            guard let was = oldRows.removeValue(forKey: key) else {
                change.written.append(row)
                continue
            }
            guard was != row else { continue }
            if referenced {
                change.updated.append(row)
            } else {
                change.deleted.append(Array(key))
                change.written.append(row)
            }
        }
        change.deleted += oldRows.keys.map(Array.init)
        return change
    }

    /// Deletes rows by key, a chunk of keys per statement (arrays bound as parameters, unnested).
    private func delete(_ change: TableChange, _ connection: PostgresConnection) async throws {
        let table = change.schema.name == "rating_sheets" ? "ratings" : change.schema.name
        let keyColumns = Array(change.schema.keyColumns)
        for start in stride(from: 0, to: change.deleted.count, by: 50_000) {
            let chunk = change.deleted[start..<min(start + 50_000, change.deleted.count)]
            var bindings = PostgresBindings()
            bindings.append(agency.id)
            var arrays: [String] = []
            for (column, _) in keyColumns.enumerated() {
                let integers: [Int64] = chunk.compactMap(\.[column].integer)
                if integers.count == chunk.count {
                    bindings.append(integers)
                    arrays.append("$\(column + 2)::bigint[]")
                } else {
                    let texts: [String] = chunk.map { $0[column].copyText ?? "" }
                    bindings.append(texts)
                    arrays.append("$\(column + 2)::text[]")
                }
            }
            let sql = """
                DELETE FROM \(table) WHERE agency_id = $1 AND (\(keyColumns.joined(separator: ", "))) IN \
                (SELECT * FROM unnest(\(arrays.joined(separator: ", "))))
                """
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        }
    }

    /// Updates one row of a referenced table by its key.
    private func update(_ schema: RecordTableSchema, _ row: [RecordValue], _ connection: PostgresConnection) async throws {
        var bindings = PostgresBindings()
        bindings.append(agency.id)
        for value in row {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let integer): bindings.append(integer)
            case .text(let text): bindings.append(text)
            }
        }
        let sets = schema.columns.enumerated().dropFirst(schema.keyCount).map { "\($0.element) = $\($0.offset + 2)" }
        let keys = schema.keyColumns.enumerated().map { "\($0.element) = $\($0.offset + 2)" }
        let sql = "UPDATE \(schema.name) SET \(sets.joined(separator: ", ")) WHERE agency_id = $1 AND \(keys.joined(separator: " AND "))"
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }

    /// Sends rows with COPY in text format, the agency first on every line, about a megabyte a write.
    /// PostgreSQL refuses COPY FROM into a table with row-level security, so the rows go into a temporary
    /// table of the transaction first, and `merit_land` (migration 3) moves them into the table: its
    /// foreign keys checked once per parent row, the agency's policy checking every row.
    /// A `generated` column (the audit log's identity) is sent to order the rows and then generated anew.
    func copy(
        into table: String, columns: [String], _ rows: [[RecordValue]], generated: String? = nil, _ connection: PostgresConnection
    ) async throws {
        guard !rows.isEmpty else { return }
        let agency = Int64(agency.id)
        let incoming = "incoming_\(table)"
        try await connection.query(
            PostgresQuery(unsafeSQL: "CREATE TEMPORARY TABLE \(incoming) (LIKE \(table) INCLUDING DEFAULTS) ON COMMIT DROP"), logger: logger)
        try await PostgresTimings.phase("copy \(table)", rows: rows.count) {
            try await connection.copyFrom(table: incoming, columns: ["agency_id"] + columns, logger: logger) { writer in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(1 << 20)
                for row in rows {
                    CopyText.append(.integer(agency), to: &buffer)
                    for value in row {
                        buffer.writeInteger(UInt8(ascii: "\t"))
                        CopyText.append(value, to: &buffer)
                    }
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    if buffer.readableBytes >= 1 << 20 {
                        try await writer.write(buffer)
                        buffer.clear()
                    }
                }
                if buffer.readableBytes > 0 { try await writer.write(buffer) }
            }
        }
        // merit_land runs as the schema's owner, who reads the temporary table.
        try await connection.query(
            PostgresQuery(unsafeSQL: "GRANT SELECT ON \(incoming) TO \(try await landingOwner(connection))"), logger: logger)
        let landed = columns.filter { $0 != generated }
        try await PostgresTimings.phase("land \(table)", rows: rows.count) {
            try await connection.query("SELECT merit_land(\(table), \(["agency_id"] + landed), \(generated))", logger: logger)
        }
        try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE \(incoming)"), logger: logger)
    }

    /// The role `merit_land` runs as (the schema's owner), quoted.
    private func landingOwner(_ connection: PostgresConnection) async throws -> String {
        let rows = try await connection.query(
            "SELECT quote_ident(pg_get_userbyid(proowner)) FROM pg_proc WHERE proname = 'merit_land'", logger: logger)
        for try await owner in rows.decode(String.self) { return owner }
        throw PostgresStoreError("the store has no merit_land function: run merit store migrate as the schema's owner")
    }
}

/// COPY's text format: `\N` for null; backslash, tab, line feed and carriage return escaped.
enum CopyText {
    static func append(_ value: RecordValue, to buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let integer): buffer.writeString(String(integer))
        case .text(let text):
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}

extension RecordValue {
    var integer: Int64? {
        if case .integer(let integer) = self { return integer }
        return nil
    }

    var copyText: String? {
        switch self {
        case .null: nil
        case .integer(let integer): String(integer)
        case .text(let text): text
        }
    }
}
