import GRDB
import GRDBSQLite
import MeritCore
import MeritYAML

extension ImportSession {
    /// Stores one record. A duplicate within this import, or a conflict with a stored row (unless
    /// replacing), becomes a finding at the record.
    func store(_ record: InputRecord, at mark: () -> SourceMark, battery: String?, findings: inout [Finding]) throws {
        switch record {
        case .rating(let rating): try store(rating, at: mark, battery: battery, &findings)
        case .claim(let claim): try store(claim, at: mark, battery: battery, &findings)
        case .test(let test): try store(test, at: mark, battery: battery, &findings)
        case .level(let level): try store(level, at: mark, battery: battery, &findings)
        case .profile(let profile): try store(profile, at: mark, &findings)
        }
    }

    private func store(_ test: TestRecord, at mark: () -> SourceMark, battery: String?, _ findings: inout [Finding]) throws {
        let batch = try batch(test.batch, battery: battery, date: test.date)
        let person = try person(test.nip)
        touch(SheetKey(batch: batch, person: person), at: mark)
        let instrument = try instrumentID(test.instrument)
        let insert = try statement(
            .insertTest, "INSERT INTO test_scores(batch_id, person_id, instrument_id, raw_num, raw_den, tested_on, import_id, line) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
        Bind.int(insert, 1, batch)
        Bind.int(insert, 2, person)
        Bind.int(insert, 3, instrument)
        Bind.int(insert, 4, test.raw.numerator)
        Bind.int(insert, 5, test.raw.denominator)
        Bind.text(insert, 6, test.date?.description)
        Bind.int(insert, 7, importID)
        Bind.int(insert, 8, test.line)
        if try self.insert(insert) {
            countInserted()
            return
        }
        let key = [batch, person, instrument]
        let stored = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT raw_num, raw_den, import_id, line FROM test_scores WHERE batch_id = ? AND person_id = ? AND instrument_id = ?"),
            arguments: StatementArguments(key))!
        let old = Self.value(stored[0], stored[1])
        let new = test.raw.description
        let what = "'\(library.instrumentOrder[test.instrument])' score of \(test.nip)"
        try settle(
            old: old, new: new, importID: stored[2], line: stored[3], what: what, batch: test.batch, record: "test", at: mark,
            &findings
        ) {
            try db.cachedStatement(sql: "UPDATE test_scores SET raw_num = ?, raw_den = ?, tested_on = ?, import_id = ?, line = ? WHERE batch_id = ? AND person_id = ? AND instrument_id = ?").execute(arguments: StatementArguments([test.raw.numerator, test.raw.denominator, test.date?.description, importID, test.line] as [(any DatabaseValueConvertible)?] + key))
        }
    }

    private func store(_ level: LevelRecord, at mark: () -> SourceMark, battery: String?, _ findings: inout [Finding]) throws {
        let batch = try batch(level.batch, battery: battery, date: level.date)
        let person = try person(level.nip)
        touch(SheetKey(batch: batch, person: person), at: mark)
        let competency = try competencyID(level.competency)
        let insert = try statement(
            .insertLevel, "INSERT INTO agreed_levels(batch_id, person_id, competency_id, level_num, level_den, note, import_id, line, assessed_on) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")
        Bind.int(insert, 1, batch)
        Bind.int(insert, 2, person)
        Bind.int(insert, 3, competency)
        Bind.int(insert, 4, level.level.numerator)
        Bind.int(insert, 5, level.level.denominator)
        Bind.text(insert, 6, level.note)
        Bind.int(insert, 7, importID)
        Bind.int(insert, 8, level.line)
        Bind.text(insert, 9, level.date.map(dateText))
        if try self.insert(insert) {
            countInserted()
            return
        }
        let key = [batch, person, competency]
        let stored = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT level_num, level_den, import_id, line FROM agreed_levels WHERE batch_id = ? AND person_id = ? AND competency_id = ?"),
            arguments: StatementArguments(key))!
        let what = "the agreed level of '\(library.competencyOrder[level.competency])' for \(level.nip)"
        try settle(
            old: Self.value(stored[0], stored[1]), new: level.level.description, importID: stored[2], line: stored[3], what: what,
            batch: level.batch, record: "level", at: mark, &findings
        ) {
            try db.cachedStatement(sql: "UPDATE agreed_levels SET level_num = ?, level_den = ?, note = ?, import_id = ?, line = ?, assessed_on = ? WHERE batch_id = ? AND person_id = ? AND competency_id = ?").execute(arguments: StatementArguments([level.level.numerator, level.level.denominator, level.note, importID, level.line, level.date?.description] as [(any DatabaseValueConvertible)?] + key))
        }
    }

    /// A provider's claim: the same claim again (every row of a long levels file may repeat it) changes
    /// nothing; a different one in this import is an error; against an earlier import, a conflict unless replacing.
    private func store(_ claim: ProviderClaim, at mark: () -> SourceMark, battery: String?, _ findings: inout [Finding]) throws {
        let batch = try batch(claim.batch, battery: battery, date: nil)
        let person = try person(claim.nip)
        let values: [(any DatabaseValueConvertible)?] = [claim.jpmText, claim.categorySet, claim.category]
        let key: [any DatabaseValueConvertible] = [batch, person]
        if let stored = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT jpm, category_set, category, import_id, line FROM provider_claims WHERE batch_id = ? AND person_id = ?"),
            arguments: StatementArguments(key))
        {
            let old = Self.describe(stored[0], stored[2])
            let new = Self.describe(claim.jpmText, claim.category)
            if old == new {
                // Rows of a long levels file repeat the claim: only a re-import counts as unchanged.
                if !isThisSession(stored[3]) { countUnchanged() }
                return
            }
            let earlier = describeEarlier(importID: stored[3], line: stored[4])
            if isThisSession(stored[3]) {
                findings.append(Finding(.error, at: mark(), "two provider results for \(claim.nip) in batch '\(claim.batch)': \(old) \(earlier), \(new) here"))
            } else if replace {
                try db.cachedStatement(sql: "UPDATE provider_claims SET jpm = ?, category_set = ?, category = ?, import_id = ?, line = ? WHERE batch_id = ? AND person_id = ?")
                    .execute(arguments: StatementArguments(values + [importID, claim.line] + key))
                try recordReplacement(record: "provider result", key: "\(claim.batch) \(claim.nip)", old: old, new: new)
            } else {
                findings.append(
                    Finding(
                        .error, at: mark(),
                        "the provider's result for \(claim.nip) in batch '\(claim.batch)' conflicts with the stored one, \(old) (\(earlier)); use --replace to replace it"))
            }
            return
        }
        try db.cachedStatement(sql: "INSERT INTO provider_claims(batch_id, person_id, jpm, category_set, category, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: StatementArguments(key + values + [importID, claim.line]))
        countInserted()
    }

    private static func describe(_ jpm: String?, _ category: String?) -> String {
        [jpm.map { "JPM \($0)" }, category].compactMap { $0 }.joined(separator: ", ")
    }

    /// A second row for a stored key: a duplicate in this import, an unchanged re-import, a replacement, or a conflict.
    private func settle(
        old: String, new: String, importID stored: Int64, line: Int, what: String, batch: String, record: String,
        at mark: () -> SourceMark, _ findings: inout [Finding], update: () throws -> Void
    ) throws {
        let earlier = describeEarlier(importID: stored, line: line)
        if isThisSession(stored) {
            findings.append(
                Finding(.error, at: mark(), old == new ? "duplicate row: the same \(record) is \(earlier)" : "\(what) twice in batch '\(batch)': \(old) \(earlier), \(new) here"))
        } else if old == new {
            countUnchanged()
        } else if replace {
            try update()
            try recordReplacement(record: record, key: "\(batch) \(what)", old: old, new: new)
        } else {
            findings.append(Finding(.error, at: mark(), "\(what) in batch '\(batch)' conflicts with the stored value \(old) (\(earlier)); use --replace to replace it"))
        }
    }

    private func store(_ record: ProfileRecord, at mark: () -> SourceMark, _ findings: inout [Finding]) throws {
        let profile = record.profile
        let person = try person(profile.nip)
        let values: [(any DatabaseValueConvertible)?] = [
            record.asOf?.description, profile.name, profile.unit, profile.position, profile.jobLevel,
            profile.education?.rawValue, profile.educationField, profile.rank?.description,
            profile.trainings.joined(separator: "|"), profile.experienceYears, profile.performance,
        ]
        let columns = "as_of, name, unit, position, job_level, education, education_field, rank, trainings, experience_years, performance"
        if !isNew(person) || profilesThisImport.contains(person), let latest = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT import_id, line, \(columns) FROM profiles WHERE person_id = ? ORDER BY import_id DESC LIMIT 1"),
            arguments: [person])
        {
            if isThisSession(latest[0]) {
                findings.append(Finding(.error, at: mark(), "a second profile for \(profile.nip): the first is \(describeEarlier(importID: latest[0], line: latest[1]))"))
                return
            }
            let same = zip(values, 2..<13).allSatisfy { value, index in
                (value?.databaseValue ?? .null) == (latest[index] as DatabaseValue)
            }
            if same {
                countUnchanged()
                return
            }
        }
        // Bound through the C interface: a cohort's profiles file is 100,000 rows.
        let insert = try statement(.insertProfile, "INSERT INTO profiles(person_id, import_id, line, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        Bind.int(insert, 1, person)
        Bind.int(insert, 2, importID)
        Bind.int(insert, 3, record.line)
        Bind.text(insert, 4, record.asOf?.description)
        Bind.text(insert, 5, profile.name)
        Bind.text(insert, 6, profile.unit)
        Bind.text(insert, 7, profile.position)
        Bind.text(insert, 8, profile.jobLevel)
        Bind.text(insert, 9, profile.education?.rawValue)
        Bind.text(insert, 10, profile.educationField)
        Bind.text(insert, 11, profile.rank?.description)
        Bind.text(insert, 12, profile.trainings.joined(separator: "|"))
        if let years = profile.experienceYears { Bind.int(insert, 13, years) } else { Bind.null(insert, 13) }
        Bind.text(insert, 14, profile.performance)
        _ = try self.insert(insert)
        profilesThisImport.insert(person)
        countInserted()
    }

    static func value(_ num: Int?, _ den: Int?) -> String {
        guard let num, let den else { return "NE" }
        return Rational(num, den).description
    }
}
