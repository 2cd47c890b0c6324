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
    /// rating sheets are unpacked on two threads. `scoreStored` scores the same cohort without holding it.
    public func loadCohort(library: Library) throws -> StoredCohort {
        try read { db in try loadCohort(db, plan: CohortPlan(db, library: library)) }
    }

    /// The participants of one batch with that batch's evidence (for its integration meeting), whichever
    /// batch is anyone's latest; nil when the store has no such batch. With `nip`, that person alone
    /// (nobody when the store has no such person).
    public func loadCohort(library: Library, batch: String, nip: String? = nil) throws -> StoredCohort? {
        try read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM batches WHERE name = ?", arguments: [batch]) else { return nil }
            var person: Int64?
            if let nip { person = try Int64.fetchOne(db, sql: "SELECT id FROM people WHERE nip = ?", arguments: [nip]) ?? -1 }
            return try loadCohort(db, plan: CohortPlan(db, library: library, batch: id, person: person))
        }
    }

    /// Each person's latest profile, by NIP.
    public func latestProfiles() throws -> [String: PersonProfile] {
        try read { db in
            let maxPerson = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM people") ?? 0)
            var nips = [String?](repeating: nil, count: maxPerson + 1)
            try db.forEachRawRow("SELECT id, nip FROM people") { row in nips[Int(row.int(0))] = row.text(1) }
            return StoredProfiles.byNIP(try StoredProfiles.chosen(db, nips: nips, asOf: [nil])[0])
        }
    }

    private func loadCohort(_ db: Database, plan: CohortPlan) throws -> StoredCohort {
        var plan = plan
        let sheets: [(Int, [Rating])]
        do {
            sheets = try latestRatings(db, plan: &plan)
        } catch let damage as DamagedSheet {
            throw plan.damaged(damage, store: path)
        }
        var ratings = [[Rating]?](repeating: nil, count: plan.evidence.count)
        for (person, found) in sheets { ratings[person] = found }
        var evidence = [ParticipantEvidence?](repeating: nil, count: plan.evidence.count)
        for person in plan.evidence.indices where plan.isPlanned[person] {
            evidence[person] = plan.takeEvidence(of: person, ratings: ratings[person] ?? [])
            ratings[person] = nil
        }
        // Sorted by NIP through (NIP, id) pairs: moving whole evidence values would copy their arrays.
        let byNIP = evidence.indices.compactMap { person in evidence[person].map { ($0.nip, person) } }.sorted { $0.0 < $1.0 }
        let ordered = byNIP.map { evidence[$0.1]! }
        return StoredCohort(profiles: StoredProfiles.byNIP(plan.profiles), evidence: ordered, notes: plan.notes, batches: plan.batchNames)
    }

    /// Each wanted person's ratings from the sheet of their latest batch. The sheets' text is copied out
    /// of SQLite in one pass, then unpacked on two threads.
    private func latestRatings(_ db: Database, plan: inout CohortPlan) throws -> [(Int, [Rating])] {
        var gathered: [UInt8] = []
        // The file's size bounds the sheets' text: reserved once (untouched pages cost nothing).
        let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        gathered.reserveCapacity(pages * pageSize)
        var found: [(person: Int, start: Int, count: Int, ratings: Int)] = []
        try db.forEachRawRow("SELECT person_id, batch_id, count, ratings, latest_on FROM rating_sheets\(plan.rows())") { row in
            let person = Int(row.int(0))
            guard plan.wants(person: person, batch: row.int(1)) else { return }
            plan.dated(person, row.text(4))
            let bytes = row.bytes(3)
            found.append((person, gathered.count, bytes.count, Int(row.int(2))))
            gathered.append(contentsOf: bytes)
        }
        let codes = plan.codes
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
            let bytes = UnsafeBufferPointer(rebasing: all[sheet.start..<(sheet.start + sheet.count)])
            out.append((sheet.person, try ratings(ofSheet: bytes, count: sheet.ratings, person: sheet.person, codes: codes)))
        }
        return out
    }

    /// One sheet's ratings whose codes the library has; `count` is the sheet's, for the allocation.
    static func ratings(ofSheet bytes: UnsafeBufferPointer<UInt8>, count: Int, person: Int, codes: CodeTable) throws -> [Rating] {
        var ratings: [Rating] = []
        ratings.reserveCapacity(count)
        try forEachScoringEntry(ofSheet: bytes, person: person, restart: { ratings.removeAll(keepingCapacity: true) }) { entry in
            let instrument = codes.instrument(entry.instrument)
            let competency = codes.competency(entry.competency)
            guard instrument >= 0, competency >= 0 else { return }
            let value: RatingValue = entry.value.map { .score(Rational(reduced: Int($0.num), denominator: Int($0.den))) } ?? .noEvidence
            ratings.append(Rating(competency: competency, instrument: instrument, assessor: codes.assessor(entry.assessor), value: value))
        }
        return ratings
    }

    /// One sheet's ratings whose codes the library has, added to `cells` as `ratings(ofSheet:…)` would give
    /// them, without building them (`Integrator.levels(_:ratings:)`).
    static func addRatings(
        ofSheet bytes: UnsafeBufferPointer<UInt8>, person: Int, codes: CodeTable, to cells: inout Integrator.Cells
    ) throws {
        try forEachScoringEntry(ofSheet: bytes, person: person, restart: { cells.removeAll() }) { entry in
            cells.add(
                competency: codes.competency(entry.competency), instrument: codes.instrument(entry.instrument),
                value: entry.value.map { Rational(reduced: Int($0.num), denominator: Int($0.den)) })
        }
    }

    /// Each entry of a sheet: read compactly (`RatingSheetReader.forEachScoring`), or, when the sheet is
    /// not in the store's compact form, after `restart` (to drop the entries given so far) by the general
    /// reader, which says where a damaged sheet is damaged.
    private static func forEachScoringEntry(
        ofSheet bytes: UnsafeBufferPointer<UInt8>, person: Int, restart: () -> Void, _ body: (RatingSheetReader.ScoringEntry) -> Void
    ) throws {
        if RatingSheetReader.forEachScoring(bytes, body) { return }
        restart()
        var reader = RatingSheetReader(bytes)
        do {
            try reader.forEach(texts: false) { entry in
                body(.init(competency: entry.competency, instrument: entry.instrument, assessor: entry.assessor, value: entry.value))
            }
        } catch let damage as RatingSheetReader.Damaged {
            throw DamagedSheet(person: person, damage: damage)
        }
    }
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
