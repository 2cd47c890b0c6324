import GRDB
import MeritCore
import MeritYAML

/// A batch becomes a person's latest assessment when its date (then its order) is the latest, and the
/// latest assessment is the one scored: a batch holding one rating would replace nine assessed competencies
/// with one. So a batch that would replace a person's assessment with fewer competencies or instruments
/// than it replaces is refused, unless the user says it is meant (`--partial-batch`) or replaces (`--replace`).
extension ImportSession {
    /// Notes that this import wrote rows of `key` (once per run of rows of one key).
    func touch(_ key: SheetKey, at mark: () -> SourceMark) {
        guard key != lastTouched else { return }
        lastTouched = key
        if touched[key] == nil { touched[key] = mark() }
    }

    /// What an assessment covers: the competencies and the instruments (stored code ids) with any row.
    struct Coverage {
        var competencies: Set<Int64> = []
        var instruments: Set<Int64> = []
    }

    /// One finding per person whose latest assessment this import would replace by a smaller one.
    func partialBatchFindings() throws -> [Finding] {
        let earlierPeople = Set(touched.keys.map(\.person).filter { !isNew($0) })
        guard !earlierPeople.isEmpty else { return [] }
        // Each earlier person's batches as stored, and which of them this import first brought.
        var batchesOf: [Int64: Set<Int64>] = [:]
        for table in ["rating_sheets", "test_scores", "agreed_levels"] {
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT batch_id, person_id FROM \(table)") {
                let person: Int64 = row[1]
                if earlierPeople.contains(person) { batchesOf[person, default: []].insert(row[0]) }
            }
        }
        let noDate = CalendarDate(year: 1, month: 1, day: 1)!
        var findings: [Finding] = []
        for (key, mark) in touched.sorted(by: { $0.value < $1.value }) where earlierPeople.contains(key.person) {
            let others = (batchesOf[key.person] ?? []).subtracting([key.batch])
            guard !others.isEmpty, !(try wasStored(key)) else { continue }
            // The assessment that was latest, and whether this batch now comes after it.
            let previous = others.max { (storedBatchDates[$0] ?? noDate, $0) < (storedBatchDates[$1] ?? noDate, $1) }!
            guard (batchDates[key.batch] ?? noDate, key.batch) > (batchDates[previous] ?? noDate, previous) else { continue }
            let old = try coverage(SheetKey(batch: previous, person: key.person))
            let new = try coverage(key)
            let missingCompetencies = old.competencies.subtracting(new.competencies)
            let missingInstruments = new.instruments.isEmpty ? [] : old.instruments.subtracting(new.instruments)
            guard !missingCompetencies.isEmpty || !missingInstruments.isEmpty else { continue }
            let names = namesByID()
            let missing = (missingCompetencies.compactMap { names.codes[$0] }.sorted() + missingInstruments.compactMap { names.codes[$0] }.sorted())
            findings.append(
                Finding(
                    .error, at: mark,
                    "batch '\(names.batches[key.batch] ?? "?")' would replace the assessment of \(names.people[key.person] ?? "?") in batch '\(names.batches[previous] ?? "?")' "
                        + "(\(Self.count(old.competencies.count, "competency", "competencies")), \(Self.count(old.instruments.count, "instrument", "instruments"))) "
                        + "with one of \(Self.count(new.competencies.count, "competency", "competencies")) and \(Self.count(new.instruments.count, "instrument", "instruments")), "
                        + "without \(missing.prefix(4).joined(separator: ", "))\(missing.count > 4 ? " and \(missing.count - 4) more" : ""). "
                        + "If this batch re-assesses part of the assessment on purpose, give --partial-batch; to replace the whole assessment by it, "
                        + "--replace; otherwise put the rows in batch '\(names.batches[previous] ?? "?")'"))
        }
        return findings
    }

    /// Whether the store held rows of `key` before this import (rows added to an assessment already
    /// there amend it rather than replace it).
    private func wasStored(_ key: SheetKey) throws -> Bool {
        let arguments: StatementArguments = [key.batch, key.person]
        if let sheet = try storedSheetEntries(key), sheet.contains(where: { !isThisSession($0.importID) }) { return true }
        for table in ["test_scores", "agreed_levels"] {
            let imports = try Int64.fetchAll(db, sql: "SELECT import_id FROM \(table) WHERE batch_id = ? AND person_id = ?", arguments: arguments)
            if imports.contains(where: { !isThisSession($0) }) { return true }
        }
        return false
    }

    private func coverage(_ key: SheetKey) throws -> Coverage {
        var coverage = Coverage()
        for entry in try storedSheetEntries(key) ?? [] {
            coverage.competencies.insert(entry.competency)
            coverage.instruments.insert(entry.instrument)
        }
        let arguments: StatementArguments = [key.batch, key.person]
        coverage.instruments.formUnion(try Int64.fetchAll(db, sql: "SELECT instrument_id FROM test_scores WHERE batch_id = ? AND person_id = ?", arguments: arguments))
        coverage.competencies.formUnion(try Int64.fetchAll(db, sql: "SELECT competency_id FROM agreed_levels WHERE batch_id = ? AND person_id = ?", arguments: arguments))
        // A test measures the competencies its batteries give it.
        let tested = Set(coverage.instruments.compactMap { namesByID().codes[$0] })
        for battery in library.batteries.values {
            for (competency, measures) in battery.measures where measures.contains(where: { tested.contains($0.instrument) && library.instruments[$0.instrument]?.isTest == true }) {
                if let id = codeIDs(kind: "competency")[competency] { coverage.competencies.insert(id) }
            }
        }
        return coverage
    }

    private static func count(_ count: Int, _ one: String, _ many: String) -> String {
        "\(count) \(count == 1 ? one : many)"
    }
}
