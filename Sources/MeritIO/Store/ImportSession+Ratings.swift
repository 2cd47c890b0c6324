import GRDB
import GRDBSQLite
import MeritCore
import MeritYAML

/// Ratings are gathered into open sheets (one per batch × person) and written a few hundred sheets at a
/// time (a few million ratings at a time when a person's rows lie far apart), and at the end of each file:
/// a sheet read back from the store is merged with the new rows, which is where duplicates in the file,
/// conflicts with stored ratings and replacements are settled.
extension ImportSession {
    /// Open sheets while a person's rows come together: written a few hundred at a time, memory stays small.
    /// Once a person's rows turn out to lie far apart, sheets are held until `ratingsHeld` ratings are open.
    static let sheetsHeld = 512

    struct SheetKey: Hashable {
        var batch: Int64
        var person: Int64
    }

    func store(_ rating: RatingRecord, at mark: () -> SourceMark, battery: String?, _ findings: inout [Finding]) throws {
        let batch = try batch(rating.batch, battery: battery, date: rating.date)
        let person = try person(rating.nip)
        let key = SheetKey(batch: batch, person: person)
        var entry = RatingSheet.Entry(
            competency: try competencyID(rating.competency), instrument: try instrumentID(rating.instrument),
            assessor: try assessorID(rating.assessor), value: nil, date: rating.date.map(dateText), note: rating.note,
            importID: importID, line: Int64(rating.line))
        if case .score(let value) = rating.value { entry.value = (Int64(value.numerator), Int64(value.denominator)) }
        let column = mark().column
        if column != 1 { entry.column = Int64(column) }
        if key != lastSheet {
            touch(key, at: mark)
            if sheetIndex[key] == nil, scatteredRows ? openRatings >= ratingsHeld : openSheets.count >= Self.sheetsHeld {
                try writeSheets(&findings)
            }
            lastSheet = key
            if let index = sheetIndex[key] {
                currentSheet = index
            } else {
                // A sheet written earlier in this import comes back: the rows of a person lie far apart.
                if !scatteredRows, sheetsThisImport.contains(key) { scatteredRows = true }
                sheetIndex[key] = openSheets.count
                currentSheet = openSheets.count
                openSheets.append((key, []))
            }
        }
        openSheets[currentSheet].entries.append(entry)
        openRatings += 1
    }

    /// Writes every open sheet (at the end of a file, and whenever enough are open).
    func writeSheets(_ findings: inout [Finding]) throws {
        // In key order: the sheets go in at the end of the table's B-tree.
        openSheets.sort { ($0.key.batch, $0.key.person) < ($1.key.batch, $1.key.person) }
        for (key, entries) in openSheets { try write(key, entries, &findings) }
        openSheets.removeAll(keepingCapacity: true)
        sheetIndex.removeAll(keepingCapacity: true)
        lastSheet = nil
        openRatings = 0
    }

    private func write(_ key: SheetKey, _ rows: [RatingSheet.Entry], _ findings: inout [Finding]) throws {
        // Sorted by rating, then by line: the first row of a rating is the one its repeats are compared with.
        var rows = rows
        if zip(rows, rows.dropFirst()).contains(where: { !Self.order($0, $1) }) {
            // Sorting positions moves 8 bytes at a time instead of whole entries.
            let order = rows.indices.sorted { Self.order(rows[$0], rows[$1]) }
            rows = order.map { rows[$0] }
        }
        var stored: [RatingSheet.Entry] = []
        let hadSheet = !isNew(key.person) || sheetsThisImport.contains(key)
        if hadSheet, let text = try storedSheetEntries(key) { stored = text }
        var position: [RatingSheet.Key: Int] = [:]
        for (index, entry) in stored.enumerated() { position[entry.key] = index }
        let storedCount = stored.count
        var changed = false
        var first = 0
        for (index, row) in rows.enumerated() {
            if index > 0, rows[first].key == row.key {
                // A repeat within this file: compared with its first row.
                try settle(row, earlier: rows[first], key, &findings)
                continue
            }
            first = index
            guard let at = position[row.key] else {
                if storedCount > 0 { position[row.key] = stored.count }
                stored.append(row)
                countInserted()
                changed = true
                continue
            }
            if try settle(row, earlier: stored[at], key, &findings) {
                var replacement = row
                replacement.column = 1
                stored[at] = replacement
                changed = true
            }
        }
        guard changed else { return }
        if storedCount > 0, stored.count > storedCount { stored.sort { $0.key < $1.key } }
        let text = RatingSheet.encode(stored)
        let statement = try self.statement(
            .writeSheet, "INSERT INTO rating_sheets(batch_id, person_id, count, ratings, latest_on) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = excluded.count, ratings = excluded.ratings, latest_on = excluded.latest_on")
        Bind.int(statement, 1, key.batch)
        Bind.int(statement, 2, key.person)
        Bind.int(statement, 3, stored.count)
        // The sheet's latest rating date (ISO dates order as text): the person's assessment date reads it
        // without unpacking the sheet.
        Bind.text(statement, 5, stored.lazy.compactMap(\.date).max())
        // Bound without a copy (no destructor): the text outlives the step.
        try text.withUnsafeBufferPointer { buffer in
            _ = sqlite3_bind_text(statement, 4, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil)
            _ = try insert(statement)
            sqlite3_clear_bindings(statement)
        }
        sheetsThisImport.insert(key)
    }

    private static func order(_ a: RatingSheet.Entry, _ b: RatingSheet.Entry) -> Bool {
        (a.key, a.line) < (b.key, b.line)
    }

    /// A row for a rating already met: a repeat in this import, an unchanged re-import, a replacement
    /// (true: the caller stores the row), or a conflict.
    @discardableResult
    private func settle(_ row: RatingSheet.Entry, earlier: RatingSheet.Entry, _ key: SheetKey, _ findings: inout [Finding]) throws -> Bool {
        let old = Self.value(earlier)
        let new = Self.value(row)
        let mark = rowMark(line: Int(row.line), column: Int(row.column))
        let what = describe(row, key)
        let whereEarlier = describeEarlier(importID: earlier.importID, line: Int(earlier.line))
        if isThisSession(earlier.importID) {
            findings.append(
                Finding(
                    .error, at: mark,
                    old == new ? "duplicate row: the same rating is \(whereEarlier)" : "\(what.rating) twice in batch '\(what.batch)': \(old) \(whereEarlier), \(new) here"))
        } else if row.sameValue(as: earlier) {
            countUnchanged()
        } else if replace {
            try recordReplacement(record: "rating", key: "\(what.batch) \(what.rating)", old: old, new: new)
            return true
        } else {
            findings.append(
                Finding(
                    .error, at: mark,
                    "\(what.rating) in batch '\(what.batch)' conflicts with the stored rating \(old) (\(whereEarlier)); use --replace to replace it"))
        }
        return false
    }

    func storedSheetEntries(_ key: SheetKey) throws -> [RatingSheet.Entry]? {
        let statement = try self.statement(.readSheet, "SELECT ratings FROM rating_sheets WHERE batch_id = ? AND person_id = ?")
        Bind.int(statement, 1, key.batch)
        Bind.int(statement, 2, key.person)
        defer { sqlite3_reset(statement) }
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW, let text = sqlite3_column_text(statement, 0) else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        let count = Int(sqlite3_column_bytes(statement, 0))
        do {
            return try RatingSheetReader.entries(UnsafeBufferPointer(start: text, count: count))
        } catch let damage as RatingSheetReader.Damaged {
            let names = namesByID()
            throw StoreError(
                path: storePath,
                message: "the rating sheet of \(names.people[key.person] ?? "person \(key.person)") in batch '\(names.batches[key.batch] ?? "?")' is damaged (\(damage)); restore the store from a backup")
        }
    }

    /// Words for a finding about a rating: "assessor 'a' rated 'c' in 'i' for NIP", and the batch's name.
    private func describe(_ entry: RatingSheet.Entry, _ key: SheetKey) -> (rating: String, batch: String) {
        let names = namesByID()
        let rating = "assessor '\(names.codes[entry.assessor] ?? "?")' rated '\(names.codes[entry.competency] ?? "?")' in '\(names.codes[entry.instrument] ?? "?")' for \(names.people[key.person] ?? "?")"
        return (rating, names.batches[key.batch] ?? "?")
    }

    static func value(_ entry: RatingSheet.Entry) -> String {
        guard let value = entry.value else { return "NE" }
        return Rational(Int(value.num), Int(value.den)).description
    }
}
