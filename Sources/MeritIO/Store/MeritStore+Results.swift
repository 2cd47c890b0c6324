import Foundation
import GRDB
import GRDBSQLite
import MeritCore

extension MeritStore {
    /// Stores computed levels and matches, replacing the earlier results of the same people, in one transaction.
    public func saveResults(_ results: [PersonResult], library: Library) throws {
        let now = ISO8601DateFormatter().string(from: Date())
        try transaction { db in
            var people: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, nip FROM people") { people[row[1]] = row[0] }
            let deleteLevels = try db.makeStatement(sql: "DELETE FROM competency_results WHERE person_id = ?")
            let deleteMatches = try db.makeStatement(sql: "DELETE FROM position_results WHERE person_id = ?")
            let level = try db.makeStatement(
                sql: "INSERT INTO competency_results(person_id, competency, batch, integrated, computed_level, agreed_level, flags, computed_at) VALUES (?,?,?,?,?,?,?,?)")
            let match = try db.makeStatement(
                sql: "INSERT INTO position_results(person_id, position, jpm, jpm_shown, selection, mapping, box, qualified, expired, computed_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
            for result in results {
                guard let person = people[result.evidence.nip] else { continue }
                for statement in [deleteLevels, deleteMatches] {
                    sqlite3_reset(statement.sqliteStatement)
                    Bind.int(statement.sqliteStatement, 1, person)
                    guard sqlite3_step(statement.sqliteStatement) == SQLITE_DONE else { throw DatabaseError(message: "delete failed") }
                }
                for competency in result.levels.competencies {
                    let raw = level.sqliteStatement
                    sqlite3_reset(raw)
                    Bind.int(raw, 1, person)
                    Bind.text(raw, 2, library.competencyOrder[competency.competency])
                    Bind.text(raw, 3, result.evidence.battery)
                    Bind.text(raw, 4, competency.integratedScore?.description)
                    Bind.text(raw, 5, competency.computedLevel?.description)
                    Bind.text(raw, 6, competency.agreedLevel?.description)
                    Bind.text(raw, 7, Self.flagNames(competency.flags))
                    Bind.text(raw, 8, now)
                    guard sqlite3_step(raw) == SQLITE_DONE else { throw DatabaseError(message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                }
                if let found = result.match {
                    let raw = match.sqliteStatement
                    sqlite3_reset(raw)
                    Bind.int(raw, 1, person)
                    Bind.text(raw, 2, found.position)
                    Bind.text(raw, 3, found.jpm.value.description)
                    Bind.text(raw, 4, found.jpm.formatted())
                    Bind.text(raw, 5, found.category("selection")?.band.id)
                    Bind.text(raw, 6, found.category("mapping")?.band.id)
                    if let box = found.talent.box?.number { Bind.int(raw, 7, box) } else { Bind.null(raw, 7) }
                    Bind.int(raw, 8, found.qualification.isQualified ? 1 : 0)
                    Bind.int(raw, 9, found.validity.isExpired ? 1 : 0)
                    Bind.text(raw, 10, now)
                    guard sqlite3_step(raw) == SQLITE_DONE else { throw DatabaseError(message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                }
            }
        }
    }

    static func flagNames(_ flags: CompetencyFlags) -> String {
        var names: [String] = []
        if flags.contains(.provisional) { names.append("provisional") }
        if flags.contains(.disagreement) { names.append("disagreement") }
        if flags.contains(.noEvidence) { names.append("no-evidence") }
        if flags.contains(.agreed) { names.append("agreed") }
        return names.joined(separator: ",")
    }
}
