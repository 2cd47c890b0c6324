import GRDB
import MeritCore

extension MeritStore {
    /// The names of the stored batches, in order of their dates (undated last), then names.
    public func batchNames() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM batches ORDER BY assessed_on IS NULL, assessed_on, name")
        }
    }

    /// Every participant's ratings in one batch, in NIP order (codes the library no longer has left out),
    /// for rater statistics: the batch as rated, whichever batch is anyone's latest. Nil: no such batch.
    public func batchRatings(_ batch: String, library: Library) throws -> [(nip: String, ratings: [Rating])]? {
        try batchRatings([batch], library: library)[0]
    }

    /// Several batches' ratings, as `batchRatings(_:library:)` gives each, in one read (people and
    /// codes read once).
    public func batchRatings(_ batches: [String], library: Library) throws -> [[(nip: String, ratings: [Rating])]?] {
        try read { db in
            let codes = try CodeTable(db, library: library)
            var nips: [Int: String] = [:]
            try db.forEachRawRow("SELECT id, nip FROM people") { row in nips[Int(row.int(0))] = row.text(1) }
            return try batches.map { batch -> [(nip: String, ratings: [Rating])]? in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM batches WHERE name = ?", arguments: [batch]) else { return nil }
                var participants: [(nip: String, ratings: [Rating])] = []
                var damaged: DamagedSheet?
                try db.forEachRawRow("SELECT person_id, count, ratings FROM rating_sheets WHERE batch_id = \(id)") { row in
                    let person = Int(row.int(0))
                    do {
                        let ratings = try Self.ratings(ofSheet: row.bytes(2), count: Int(row.int(1)), person: person, codes: codes)
                        participants.append((nips[person] ?? "", ratings))
                    } catch let damage as DamagedSheet {
                        damaged = damaged ?? damage
                    }
                }
                if let damaged { throw StoreError(path: path, message: damaged.message(nip: nips[damaged.person], batch: batch)) }
                return participants.sorted { $0.nip < $1.nip }
            }
        }
    }
}
