import Dispatch
import GRDB
import MeritCore
import MeritYAML
import Synchronization

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
    /// Loads profiles and evidence, resolving stored codes against the library. Tables are read through
    /// SQLite's C interface into arrays indexed by stored id (a cohort is millions of ratings), and the
    /// rating sheets are unpacked on two threads.
    public func loadCohort(library: Library) throws -> StoredCohort {
        try read { db in
            var notes: [String] = []
            let maxPerson = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM people") ?? 0)
            var nips = [String?](repeating: nil, count: maxPerson + 1)
            try db.forEachRawRow("SELECT id, nip FROM people") { row in nips[Int(row.int(0))] = row.text(1) }
            let codes = try CodeTable(db, library: library)
            var batches: [Int64: (name: String, battery: String?, date: CalendarDate?)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, name, battery, assessed_on FROM batches") {
                batches[row[0]] = (row[1], row[2], (row[3] as String?).flatMap { CalendarDate(iso: $0) })
            }
            let profiles = try latestProfiles(db, nips: nips)

            // The batch of each person's most recent assessment (latest date, then latest batch).
            var latestBatch = [Int64](repeating: -1, count: maxPerson + 1)
            let noDate = CalendarDate(year: 1, month: 1, day: 1)!
            for table in ["rating_sheets", "test_scores", "agreed_levels"] {
                // GROUP BY in the primary key's order: an index walk, no sorting.
                try db.forEachRawRow("SELECT batch_id, person_id FROM \(table) GROUP BY batch_id, person_id") { row in
                    let batch = row.int(0)
                    let person = Int(row.int(1))
                    let current = latestBatch[person]
                    if current < 0 || (batches[batch]?.date ?? noDate, batch) > (batches[current]?.date ?? noDate, current) {
                        latestBatch[person] = batch
                    }
                }
            }

            var evidence = [ParticipantEvidence?](repeating: nil, count: maxPerson + 1)
            var withoutBattery: [String] = []
            for (person, batch) in latestBatch.enumerated() where batch >= 0 {
                guard let nip = nips[person] else { continue }
                let info = batches[batch]
                let profile = profiles[nip]
                let battery = info?.battery ?? profile.flatMap { library.positions[$0.position]?.battery }
                    ?? profile.flatMap { library.jobLevels[$0.jobLevel]?.battery }
                guard let battery, library.batteries[battery] != nil else {
                    withoutBattery.append(nip)
                    continue
                }
                evidence[person] = ParticipantEvidence(nip: nip, battery: battery)
            }
            // A person's assessment date is the latest date of the evidence their result uses (not the
            // batch's: people of one batch may be assessed on different days); undated evidence gives none.
            var latestDate = [String?](repeating: nil, count: maxPerson + 1)
            func dated(_ person: Int, _ text: String?) {
                guard let text, latestDate[person].map({ text > $0 }) ?? true else { return }
                latestDate[person] = text
            }

            let sheets: [(Int, [Rating])]
            do {
                sheets = try latestRatings(db, latestBatch: latestBatch, wanted: { evidence[$0] != nil }, codes: codes, dated: dated)
            } catch let damage as DamagedSheet {
                throw StoreError(
                    path: path,
                    message: "the rating sheet of \(nips[damage.person] ?? "person \(damage.person)") in batch '\(batches[latestBatch[damage.person]]?.name ?? "?")' is damaged (\(damage.damage)); restore the store from a backup")
            }
            for (person, ratings) in sheets { evidence[person]!.ratings = ratings }
            try db.forEachRawRow("SELECT person_id, batch_id, instrument_id, raw_num, raw_den, tested_on FROM test_scores") { row in
                let person = Int(row.int(0))
                let instrument = codes.instrument(row.int(2))
                guard latestBatch[person] == row.int(1), evidence[person] != nil, instrument >= 0 else { return }
                evidence[person]!.tests.append(TestScore(instrument: instrument, raw: Rational(Int(row.int(3)), Int(row.int(4)))))
                dated(person, row.text(5))
            }
            try db.forEachRawRow("SELECT person_id, batch_id, competency_id, level_num, level_den, note, assessed_on FROM agreed_levels") { row in
                let person = Int(row.int(0))
                let competency = codes.competency(row.int(2))
                guard latestBatch[person] == row.int(1), evidence[person] != nil, competency >= 0 else { return }
                evidence[person]!.agreed.append(AgreedLevel(competency: competency, level: Rational(Int(row.int(3)), Int(row.int(4))), note: row.text(5)))
                dated(person, row.text(6))
            }
            for person in evidence.indices where evidence[person] != nil {
                evidence[person]!.assessedOn = latestDate[person].flatMap { CalendarDate(iso: $0) }
            }
            if !withoutBattery.isEmpty {
                let examples = withoutBattery.sorted().prefix(3).joined(separator: ", ")
                notes.append(
                    "\(withoutBattery.count) assessed \(withoutBattery.count == 1 ? "person has" : "people have") no battery and are not scored (\(examples)\(withoutBattery.count > 3 ? ", …" : "")): import their profiles, or give --battery when importing their batch")
            }
            for code in codes.unknown.sorted() { notes.append("the store has \(code), which the library no longer has: its rows are left out") }
            // Sorted by NIP through (NIP, id) pairs: moving whole evidence values would copy their arrays.
            let byNIP = evidence.indices.compactMap { person in evidence[person].map { ($0.nip, person) } }.sorted { $0.0 < $1.0 }
            let ordered = byNIP.map { evidence[$0.1]! }
            var batchOf: [String: String] = [:]
            for (person, batch) in latestBatch.enumerated() where batch >= 0 {
                if let nip = nips[person], let name = batches[batch]?.name { batchOf[nip] = name }
            }
            return StoredCohort(profiles: profiles, evidence: ordered, notes: notes, batches: batchOf)
        }
    }

    /// Each wanted person's ratings from the sheet of their latest batch. The sheets' text is copied out
    /// of SQLite in one pass, then unpacked on two threads.
    private func latestRatings(
        _ db: Database, latestBatch: [Int64], wanted: (Int) -> Bool, codes: CodeTable, dated: (Int, String?) -> Void
    ) throws -> [(Int, [Rating])] {
        var gathered: [UInt8] = []
        // The file's size bounds the sheets' text: reserved once (untouched pages cost nothing).
        let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        gathered.reserveCapacity(pages * pageSize)
        var found: [(person: Int, start: Int, count: Int, ratings: Int)] = []
        try db.forEachRawRow("SELECT person_id, batch_id, count, ratings, latest_on FROM rating_sheets") { row in
            let person = Int(row.int(0))
            guard latestBatch[person] == row.int(1), wanted(person) else { return }
            dated(person, row.text(4))
            let bytes = row.bytes(3)
            found.append((person, gathered.count, bytes.count, Int(row.int(2))))
            gathered.append(contentsOf: bytes)
        }
        let text = gathered
        let sheets = found
        let parts = sheets.count >= 1_000 ? 2 : 1
        let unpacked = Mutex([Result<[(Int, [Rating])], any Error>](repeating: .success([]), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = (sheets.count * part / parts)..<(sheets.count * (part + 1) / parts)
            let result = Result { try text.withUnsafeBufferPointer { all in try Self.unpack(sheets[range], from: all, codes: codes) } }
            unpacked.withLock { $0[part] = result }
        }
        return try unpacked.withLock { results in try results.flatMap { try $0.get() } }
    }

    private static func unpack(
        _ sheets: ArraySlice<(person: Int, start: Int, count: Int, ratings: Int)>, from all: UnsafeBufferPointer<UInt8>, codes: CodeTable
    ) throws -> [(Int, [Rating])] {
        var out: [(Int, [Rating])] = []
        out.reserveCapacity(sheets.count)
        for sheet in sheets {
            var reader = RatingSheetReader(UnsafeBufferPointer(rebasing: all[sheet.start..<(sheet.start + sheet.count)]))
            var ratings: [Rating] = []
            ratings.reserveCapacity(sheet.ratings)
            do {
                try unpack(&reader, into: &ratings, codes: codes)
            } catch let damage as RatingSheetReader.Damaged {
                throw DamagedSheet(person: sheet.person, damage: damage)
            }
            out.append((sheet.person, ratings))
        }
        return out
    }

    private static func unpack(_ reader: inout RatingSheetReader, into ratings: inout [Rating], codes: CodeTable) throws {
        try reader.forEach(texts: false) { entry in
            let instrument = codes.instrument(entry.instrument)
            let competency = codes.competency(entry.competency)
            guard instrument >= 0, competency >= 0 else { return }
            let value: RatingValue = entry.value.map { .score(Rational(reduced: Int($0.num), denominator: Int($0.den))) } ?? .noEvidence
            ratings.append(Rating(competency: competency, instrument: instrument, assessor: codes.assessor(entry.assessor), value: value))
        }
    }

    private func latestProfiles(_ db: Database, nips: [String?]) throws -> [String: PersonProfile] {
        var profiles: [String: PersonProfile] = [:]
        profiles.reserveCapacity(nips.count)
        // In key order (person, import): the last row of a person is their latest profile.
        try db.forEachRawRow(
            """
            SELECT person_id, name, unit, position, job_level, education, education_field, rank, trainings,
                   experience_years, performance
            FROM profiles ORDER BY person_id, import_id
            """
        ) { row in
            guard let nip = nips[Int(row.int(0))] else { return }
            let trainings = row.text(8) ?? ""
            profiles[nip] = PersonProfile(
                nip: nip, name: row.text(1) ?? "", unit: row.text(2) ?? "", position: row.text(3) ?? "", jobLevel: row.text(4) ?? "",
                education: row.text(5).flatMap(EducationLevel.init(rawValue:)), educationField: row.text(6),
                rank: row.text(7).flatMap(Golongan.init(parsing:)),
                trainings: trainings.split(separator: "|").map(String.init), experienceYears: row.optionalInt(9).map(Int.init),
                performance: row.text(10))
        }
        return profiles
    }
}

/// A sheet that cannot be read, and whose it is.
private struct DamagedSheet: Error {
    var person: Int
    var damage: RatingSheetReader.Damaged
}

/// Stored code ids resolved against the library: instrument and competency refs (-1 when the library no
/// longer has the code), assessor names.
struct CodeTable: Sendable {
    private var instruments: [Int]
    private var competencies: [Int]
    private var assessors: [String]
    /// Codes the store has and the library does not ("instrument 'x'").
    private(set) var unknown: Set<String> = []

    init(_ db: Database, library: Library) throws {
        let maxCode = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM codes") ?? 0)
        instruments = [Int](repeating: -1, count: maxCode + 1)
        competencies = [Int](repeating: -1, count: maxCode + 1)
        assessors = [String](repeating: "?", count: maxCode + 1)
        for row in try Row.fetchAll(db, sql: "SELECT id, kind, code FROM codes") {
            let id: Int = row[0]
            let code: String = row[2]
            switch row[1] as String {
            case "instrument":
                if let ref = library.instrumentRef(code) { instruments[id] = ref } else { unknown.insert("instrument '\(code)'") }
            case "competency":
                if let ref = library.competencyRef(code) { competencies[id] = ref } else { unknown.insert("competency '\(code)'") }
            case "assessor": assessors[id] = code
            default: break
            }
        }
    }

    func instrument(_ id: Int64) -> Int { instruments.indices.contains(Int(id)) ? instruments[Int(id)] : -1 }
    func competency(_ id: Int64) -> Int { competencies.indices.contains(Int(id)) ? competencies[Int(id)] : -1 }
    func assessor(_ id: Int64) -> String { assessors.indices.contains(Int(id)) ? assessors[Int(id)] : "?" }
}
