import GRDB
import MeritCore

extension MeritStore {
    /// Stores a scoring run's levels and matches in one transaction, replacing the previous run's.
    public func saveResults(_ results: [PersonResult], library: Library, referenceDate: CalendarDate? = nil) throws {
        try transaction { db in
            var writer = try ResultWriter(db, library: library, referenceDate: referenceDate ?? results.first?.match?.validity.referenceDate)
            var people: [String: Int64] = [:]
            try db.forEachRawRow("SELECT id, nip FROM people") { row in people[row.text(1) ?? ""] = row.int(0) }
            let ordered = results.indices.compactMap { index in people[results[index].evidence.nip].map { ($0, index) } }.sorted { $0.0 < $1.0 }
            for (person, index) in ordered { try writer.write(results[index], person: person) }
            try writer.finish()
        }
    }
}
