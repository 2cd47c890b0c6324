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
            for row in try Row.fetchAll(db, sql: "SELECT id, nip FROM people") { people[row[1]] = row[0] }
            var competencyIDs = [Int64](repeating: -1, count: library.competencyOrder.count)
            for row in try Row.fetchAll(db, sql: "SELECT id, code FROM codes WHERE kind = 'competency'") {
                if let ref = library.competencyRef(row[1]) { competencyIDs[ref] = row[0] }
            }
            for (ref, id) in competencyIDs.enumerated() where id < 0 {
                try db.execute(sql: "INSERT INTO codes(kind, code) VALUES ('competency', ?)", arguments: [library.competencyOrder[ref]])
                competencyIDs[ref] = db.lastInsertedRowID
            }
            // The Statement objects own the prepared statements: keep them alive while their pointers are used.
            let levelStatement = try db.makeStatement(sql: "INSERT INTO competency_results VALUES (?,?,?,?,?,?,?,?,?,?)")
            let matchStatement = try db.makeStatement(sql: "INSERT INTO position_results VALUES (?,?,?,?,?,?,?,?,?,?,?)")
            let level = levelStatement.sqliteStatement
            let match = matchStatement.sqliteStatement
            defer { withExtendedLifetime((levelStatement, matchStatement)) {} }
            func step(_ statement: SQLiteStatement) throws {
                guard sqlite3_step(statement) == SQLITE_DONE else {
                    throw DatabaseError(message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                sqlite3_reset(statement)
            }
            func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: Rational?) {
                if let value {
                    Bind.int(statement, index, value.numerator)
                    Bind.int(statement, index + 1, value.denominator)
                } else {
                    Bind.null(statement, index)
                    Bind.null(statement, index + 1)
                }
            }
            for result in results {
                guard let person = people[result.evidence.nip] else { continue }
                for competency in result.levels.competencies where competency.flags != [.noEvidence, .provisional] {
                    Bind.int(level, 1, person)
                    Bind.int(level, 2, competencyIDs[competency.competency])
                    Bind.int(level, 3, run)
                    bind(level, 4, competency.integratedScore)
                    bind(level, 6, competency.computedLevel)
                    bind(level, 8, competency.agreedLevel)
                    Bind.int(level, 10, competency.flags.rawValue)
                    try step(level)
                }
                guard let found = result.match else { continue }
                Bind.int(match, 1, person)
                Bind.text(match, 2, found.position)
                Bind.int(match, 3, run)
                bind(match, 4, found.jpm.value)
                Bind.text(match, 6, found.jpm.formatted())
                Bind.text(match, 7, found.category("selection")?.band.id)
                Bind.text(match, 8, found.category("mapping")?.band.id)
                if let box = found.talent.box?.number { Bind.int(match, 9, box) } else { Bind.null(match, 9) }
                Bind.int(match, 10, found.qualification.isQualified ? 1 : 0)
                Bind.int(match, 11, found.validity.isExpired ? 1 : 0)
                try step(match)
            }
        }
    }
}
