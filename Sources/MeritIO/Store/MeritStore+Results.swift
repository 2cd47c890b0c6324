import Foundation
import GRDB
import GRDBSQLite
import MeritCore

extension MeritStore {
    /// Stores a scoring run's levels and matches in one transaction. A run scores everyone stored, so it
    /// replaces the previous run's results whole.
    public func saveResults(_ results: [PersonResult], library: Library, referenceDate: CalendarDate? = nil) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        try transaction { db in
            try db.execute(sql: "DELETE FROM competency_results; DELETE FROM position_results")
            try db.execute(
                sql: "INSERT INTO scoring_runs(computed_at, reference_date) VALUES (?, ?)",
                arguments: [now, (referenceDate ?? results.first?.match?.validity.referenceDate)?.description ?? ""])
            let run = db.lastInsertedRowID
            var people: [String: Int64] = [:]
            try db.forEachRawRow("SELECT id, nip FROM people") { row in people[row.text(1) ?? ""] = row.int(0) }
            var competencyIDs = [Int64](repeating: -1, count: library.competencyOrder.count)
            for row in try Row.fetchAll(db, sql: "SELECT id, code FROM codes WHERE kind = 'competency'") {
                if let ref = library.competencyRef(row[1]) { competencyIDs[ref] = row[0] }
            }
            for (ref, id) in competencyIDs.enumerated() where id < 0 {
                try db.execute(sql: "INSERT INTO codes(kind, code) VALUES ('competency', ?)", arguments: [library.competencyOrder[ref]])
                competencyIDs[ref] = db.lastInsertedRowID
            }
            var levels = try BatchInsert(db, table: "competency_results", columns: 10)
            var matches = try BatchInsert(db, table: "position_results", columns: 13)
            // In the order of the tables' keys (person id), so every row goes in at the end of its B-tree.
            let ordered = results.indices.compactMap { index in people[results[index].evidence.nip].map { ($0, index) } }.sorted { $0.0 < $1.0 }
            for (person, index) in ordered {
                try save(results[index], person: person, run: run, competencyIDs: competencyIDs, library: library, &levels, &matches)
            }
            try levels.finish()
            try matches.finish()
        }
    }

    private func save(
        _ result: PersonResult, person: Int64, run: Int64, competencyIDs: [Int64], library: Library, _ levels: inout BatchInsert,
        _ matches: inout BatchInsert
    ) throws {
        func add(_ value: Rational?, to insert: inout BatchInsert) throws {
            if let value {
                try insert.int(value.numerator)
                try insert.int(value.denominator)
            } else {
                try insert.null()
                try insert.null()
            }
        }
        for competency in result.levels.competencies where competency.flags != [.noEvidence, .provisional] {
            try levels.int(person)
            try levels.int(competencyIDs[competency.competency])
            try levels.int(run)
            try add(competency.integratedScore, to: &levels)
            try add(competency.computedLevel, to: &levels)
            try add(competency.agreedLevel, to: &levels)
            try levels.int(competency.flags.rawValue)
        }
        guard let found = result.match else { return }
        try matches.int(person)
        try matches.text(found.position)
        try matches.int(run)
        try add(found.jpm.value, to: &matches)
        try matches.text(found.jpm.formatted())
        try matches.text(found.category("selection")?.band.id)
        try matches.text(found.category("mapping")?.band.id)
        if let box = found.talent.box?.number { try matches.int(box) } else { try matches.null() }
        try matches.int(found.qualification.isQualified ? 1 : 0)
        try matches.int(found.validity.isExpired ? 1 : 0)
        // Whether the result could be decided, and the competencies it lacks (space-separated ids).
        switch found.completeness {
        case .complete: try matches.text("complete")
        case .incomplete: try matches.text("incomplete")
        case .notAssessable: try matches.text("not-assessable")
        }
        let missing = found.completeness.missing(in: found.gaps).map { library.competencyOrder[$0] }
        try matches.text(missing.isEmpty ? nil : missing.joined(separator: " "))
    }
}
