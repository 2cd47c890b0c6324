import Foundation
import GRDB
import MeritCore

/// Writes one scoring run: its `scoring_runs` row, then each person's levels (`competency_results`) and
/// match (`position_results`). A run scores everyone stored, so it replaces the previous run's results whole.
/// Rows go in fastest in the order of the tables' keys (person id): each lands at the end of its B-tree.
struct ResultWriter {
    private var levels: BatchInsert
    private var matches: BatchInsert
    private let run: Int64
    private let competencyIDs: [Int64]
    private let library: Library

    init(_ db: Database, library: Library, referenceDate: CalendarDate?) throws {
        self.library = library
        try db.execute(sql: "DELETE FROM competency_results; DELETE FROM position_results")
        try db.execute(
            sql: "INSERT INTO scoring_runs(computed_at, reference_date) VALUES (?, ?)",
            arguments: [ISO8601DateFormatter().string(from: Date()), referenceDate?.description ?? ""])
        run = db.lastInsertedRowID
        var competencyIDs = [Int64](repeating: -1, count: library.competencyOrder.count)
        for row in try Row.fetchAll(db, sql: "SELECT id, code FROM codes WHERE kind = 'competency'") {
            if let ref = library.competencyRef(row[1]) { competencyIDs[ref] = row[0] }
        }
        for (ref, id) in competencyIDs.enumerated() where id < 0 {
            try db.execute(sql: "INSERT INTO codes(kind, code) VALUES ('competency', ?)", arguments: [library.competencyOrder[ref]])
            competencyIDs[ref] = db.lastInsertedRowID
        }
        self.competencyIDs = competencyIDs
        levels = try BatchInsert(db, table: "competency_results", columns: 10)
        matches = try BatchInsert(db, table: "position_results", columns: 13)
    }

    mutating func write(_ result: PersonResult, person: Int64) throws {
        for competency in result.levels.competencies where competency.flags != [.noEvidence, .provisional] {
            try levels.int(person)
            try levels.int(competencyIDs[competency.competency])
            try levels.int(run)
            try Self.add(competency.integratedScore, to: &levels)
            try Self.add(competency.computedLevel, to: &levels)
            try Self.add(competency.agreedLevel, to: &levels)
            try levels.int(competency.flags.rawValue)
        }
        guard let found = result.match else { return }
        try matches.int(person)
        try matches.text(found.position)
        try matches.int(run)
        try Self.add(found.jpm.value, to: &matches)
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

    mutating func finish() throws {
        try levels.finish()
        try matches.finish()
    }

    private static func add(_ value: Rational?, to insert: inout BatchInsert) throws {
        if let value {
            try insert.int(value.numerator)
            try insert.int(value.denominator)
        } else {
            try insert.null()
            try insert.null()
        }
    }
}
