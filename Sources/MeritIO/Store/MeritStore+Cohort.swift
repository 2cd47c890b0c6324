import GRDB
import GRDBSQLite
import MeritCore
import MeritYAML

/// What the store holds for scoring: each person's latest profile and latest assessment.
public struct StoredCohort: Sendable {
    public var profiles: [String: PersonProfile]
    /// One per assessed person: the evidence of their most recent batch.
    public var evidence: [ParticipantEvidence]
    /// People whose evidence could not be used, and why (no battery, codes the library no longer has).
    public var notes: [String]
    /// The batch each assessed person's evidence comes from, by NIP.
    public var batches: [String: String] = [:]
}

extension MeritStore {
    /// Loads profiles and evidence, resolving stored codes against the library.
    public func loadCohort(library: Library) throws -> StoredCohort {
        try read { db in
            var notes: [String] = []
            var nips: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, nip FROM people") { nips[row[0]] = row[1] }
            var codes: [Int64: (kind: String, code: String)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, kind, code FROM codes") { codes[row[0]] = (row[1], row[2]) }
            var batches: [Int64: (name: String, battery: String?, date: CalendarDate?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, battery, assessed_on FROM batches") {
                batches[row[0]] = (row[1], row[2], (row[3] as String?).flatMap { CalendarDate(iso: $0) })
            }
            let profiles = try latestProfiles(db, nips: nips)

            // The batch of each person's most recent assessment.
            var latest: [Int64: Int64] = [:]
            // GROUP BY in the primary key's order: an index walk, no sorting of millions of rows.
            let pairs = try ["rating_sheets", "test_scores", "agreed_levels"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT batch_id, person_id FROM \(table) GROUP BY batch_id, person_id")
            }
            for row in pairs {
                let batch: Int64 = row[0]
                let person: Int64 = row[1]
                if let current = latest[person] {
                    let a = (batches[batch]?.date ?? CalendarDate(year: 1, month: 1, day: 1)!, batch)
                    let b = (batches[current]?.date ?? CalendarDate(year: 1, month: 1, day: 1)!, current)
                    if a > b { latest[person] = batch }
                } else {
                    latest[person] = batch
                }
            }

            // Dense tables by stored id: the loops below touch millions of rows.
            let maxPerson = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM people") ?? 0)
            let maxCode = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codes") ?? 0)
            var evidence = [ParticipantEvidence?](repeating: nil, count: maxPerson + 1)
            var latestBatch = [Int64](repeating: -1, count: maxPerson + 1)
            for (person, batch) in latest { latestBatch[Int(person)] = batch }
            var unknownCodes: Set<String> = []
            var instrumentRefs = [Int](repeating: -1, count: maxCode + 1)
            var competencyRefs = [Int](repeating: -1, count: maxCode + 1)
            var assessorNames = [String](repeating: "?", count: maxCode + 1)
            for (id, code) in codes {
                switch code.kind {
                case "instrument":
                    if let ref = library.instrumentRef(code.code) { instrumentRefs[Int(id)] = ref } else { unknownCodes.insert("instrument '\(code.code)'") }
                case "competency":
                    if let ref = library.competencyRef(code.code) { competencyRefs[Int(id)] = ref } else { unknownCodes.insert("competency '\(code.code)'") }
                case "assessor": assessorNames[Int(id)] = code.code
                default: break
                }
            }
            var withoutBattery: [String] = []
            for (person, batch) in latest {
                guard let nip = nips[person] else { continue }
                let info = batches[batch]
                let profile = profiles[nip]
                let battery = info?.battery ?? profile.flatMap { library.positions[$0.position]?.battery }
                    ?? profile.flatMap { library.jobLevels[$0.jobLevel]?.battery }
                guard let battery, library.batteries[battery] != nil else {
                    withoutBattery.append(nip)
                    continue
                }
                evidence[Int(person)] = ParticipantEvidence(nip: nip, battery: battery, assessedOn: info?.date)
            }

            // Rating sheets, read through the C interface; only the latest batch of each person is unpacked.
            let sheets = try db.makeStatement(sql: "SELECT person_id, batch_id, ratings FROM rating_sheets")
            let raw = sheets.sqliteStatement
            defer { withExtendedLifetime(sheets) {} }
            while sqlite3_step(raw) == SQLITE_ROW {
                let person = Int(sqlite3_column_int64(raw, 0))
                guard latestBatch[person] == sqlite3_column_int64(raw, 1), evidence[person] != nil,
                    let text = sqlite3_column_text(raw, 2)
                else { continue }
                var reader = RatingSheetReader(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(raw, 2))))
                var gathered: [Rating] = []
                try reader.forEach(texts: false) { entry in
                    let instrument = instrumentRefs[Int(entry.instrument)]
                    let competency = competencyRefs[Int(entry.competency)]
                    guard instrument >= 0, competency >= 0 else { return }
                    let value: RatingValue = entry.value.map { .score(Rational(reduced: Int($0.num), denominator: Int($0.den))) } ?? .noEvidence
                    gathered.append(Rating(competency: competency, instrument: instrument, assessor: assessorNames[Int(entry.assessor)], value: value))
                }
                evidence[person]!.ratings += gathered
            }
            for row in try Row.fetchAll(db, sql: "SELECT person_id, batch_id, instrument_id, raw_num, raw_den FROM test_scores") {
                let person = Int(row[0] as Int64)
                let instrument = instrumentRefs[Int(row[2] as Int64)]
                guard latestBatch[person] == row[1], evidence[person] != nil, instrument >= 0 else { continue }
                evidence[person]!.tests.append(TestScore(instrument: instrument, raw: Rational(row[3], row[4])))
            }
            for row in try Row.fetchAll(db, sql: "SELECT person_id, batch_id, competency_id, level_num, level_den, note FROM agreed_levels") {
                let person = Int(row[0] as Int64)
                let competency = competencyRefs[Int(row[2] as Int64)]
                guard latestBatch[person] == row[1], evidence[person] != nil, competency >= 0 else { continue }
                evidence[person]!.agreed.append(AgreedLevel(competency: competency, level: Rational(row[3], row[4]), note: row[5]))
            }
            if !withoutBattery.isEmpty {
                let examples = withoutBattery.sorted().prefix(3).joined(separator: ", ")
                notes.append(
                    "\(withoutBattery.count) assessed \(withoutBattery.count == 1 ? "person has" : "people have") no battery and are not scored (\(examples)\(withoutBattery.count > 3 ? ", …" : "")): import their profiles, or give --battery when importing their batch")
            }
            for code in unknownCodes.sorted() { notes.append("the store has \(code), which the library no longer has: its rows are left out") }
            let ordered = evidence.compactMap { $0 }.sorted { $0.nip < $1.nip }
            var batchOf: [String: String] = [:]
            for (person, batch) in latest {
                if let nip = nips[person], let name = batches[batch]?.name { batchOf[nip] = name }
            }
            return StoredCohort(profiles: profiles, evidence: ordered, notes: notes, batches: batchOf)
        }
    }

    private func latestProfiles(_ db: Database, nips: [Int64: String]) throws -> [String: PersonProfile] {
        var profiles: [String: PersonProfile] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT person_id, name, unit, position, job_level, education, education_field, rank, trainings,
                       experience_years, performance
                FROM profiles p WHERE import_id = (SELECT MAX(import_id) FROM profiles q WHERE q.person_id = p.person_id)
                """)
        for row in rows {
            guard let nip = nips[row[0]] else { continue }
            let trainings: String = row[8]
            profiles[nip] = PersonProfile(
                nip: nip, name: row[1], unit: row[2], position: row[3], jobLevel: row[4],
                education: (row[5] as String?).flatMap(EducationLevel.init(rawValue:)), educationField: row[6],
                rank: (row[7] as String?).flatMap(Golongan.init(parsing:)),
                trainings: trainings.split(separator: "|").map(String.init), experienceYears: row[9], performance: row[10])
        }
        return profiles
    }
}

