import GRDB
import MeritCore

/// The first pass over a store for scoring: who is assessed, in which batch (their latest), with which
/// battery, and their tests and agreed levels. Everything but the rating sheets, which are the bulk of a
/// cohort and come after: all at once (`MeritStore.loadCohort`) or chunk by chunk (`scoreStored`).
struct CohortPlan {
    typealias Batch = (name: String, battery: String?, date: CalendarDate?)

    /// NIPs by stored person id.
    var nips: [String?]
    var codes: CodeTable
    var batches: [Int64: Batch] = [:]
    /// The profiles chosen, by stored person id.
    var profiles: [PersonProfile?]
    /// The batch of each person's most recent assessment (latest date, then latest batch); -1 for none.
    var latestBatch: [Int64]
    /// By person id: the evidence of an assessed person with a battery (tests and agreed levels attached,
    /// no ratings yet), nil for anyone else.
    var evidence: [ParticipantEvidence?]
    /// Whether the person is planned (`evidence[person]` set, until taken): asking the optional itself
    /// copied the evidence out (and released it) for every row of tests, levels and sheets (perf, merit
    /// movement).
    private(set) var isPlanned: [Bool]
    /// A person's assessment date is the latest date of the evidence their result uses (not the batch's:
    /// people of one batch may be assessed on different days); undated evidence gives none.
    var latestDate: [String?]
    var withoutBattery: [String] = []
    private var parsedDates: [String: CalendarDate?] = [:]
    /// The one batch planned, when `init(_:library:batch:person:)` was given one: its rows are all that is read.
    let only: Int64?
    /// The one person planned (their stored id), when given.
    let person: Int64?

    /// ` WHERE …` (or `AND …` after `prefix`) for the batch and person asked for, on a table keyed by them.
    func rows(_ prefix: String = " WHERE ") -> String {
        let terms = [only.map { "batch_id = \($0)" }, person.map { "person_id = \($0)" }].compactMap { $0 }
        return terms.isEmpty ? "" : prefix + terms.joined(separator: " AND ")
    }

    /// What the plans of a store's batches share, read once (a history plans every batch).
    struct Shared {
        var nips: [String?]
        var codes: CodeTable
        var batches: [Int64: Batch] = [:]

        init(_ db: Database, library: Library) throws {
            let maxPerson = Int(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM people") ?? 0)
            var nips = [String?](repeating: nil, count: maxPerson + 1)
            try db.forEachRawRow("SELECT id, nip FROM people") { row in nips[Int(row.int(0))] = row.text(1) }
            self.nips = nips
            codes = try CodeTable(db, library: library)
            for row in try Row.fetchAll(db, sql: "SELECT id, name, battery, assessed_on FROM batches") {
                batches[row[0]] = (row[1], row[2], (row[3] as String?).flatMap { CalendarDate(iso: $0) })
            }
        }

        /// The date a batch's participants' profiles are chosen by: a batch is scored with the profile
        /// they had then (its SKP places them on the 9-box); nil (the latest) for everyone's latest.
        func profileDate(of batch: Int64?) -> String? {
            batch.flatMap { batches[$0]?.date?.description }
        }
    }

    /// The plan of everyone's latest assessment, or with `batch` (a stored batch's id) of that batch's
    /// participants as that batch assessed them, whichever batch is their latest.
    init(_ db: Database, library: Library, batch only: Int64? = nil, person: Int64? = nil) throws {
        let shared = try Shared(db, library: library)
        let profiles = try StoredProfiles.chosen(db, nips: shared.nips, asOf: [shared.profileDate(of: only)])[0]
        try self.init(db, shared: shared, profiles: profiles, library: library, batch: only, person: person)
    }

    /// The plan with what it shares with other batches' plans given, and the profiles chosen for it.
    init(_ db: Database, shared: Shared, profiles: [PersonProfile?], library: Library, batch only: Int64?, person: Int64?) throws {
        self.only = only
        self.person = person
        nips = shared.nips
        codes = shared.codes
        batches = shared.batches
        self.profiles = profiles
        latestBatch = [Int64](repeating: -1, count: nips.count)
        evidence = [ParticipantEvidence?](repeating: nil, count: nips.count)
        isPlanned = [Bool](repeating: false, count: nips.count)
        latestDate = [String?](repeating: nil, count: nips.count)
        try findLatestBatches(db)
        attachBatteries(library: library)
        try attachTestsAndLevels(db)
    }

    private mutating func findLatestBatches(_ db: Database) throws {
        let noDate = CalendarDate(year: 1, month: 1, day: 1)!
        for table in ["rating_sheets", "test_scores", "agreed_levels"] {
            // GROUP BY in the primary key's order: an index walk, no sorting.
            // One batch: a range of the primary key, not the whole table.
            try db.forEachRawRow("SELECT batch_id, person_id FROM \(table)\(rows()) GROUP BY batch_id, person_id") { row in
                let batch = row.int(0)
                let person = Int(row.int(1))
                let current = latestBatch[person]
                if current < 0 || (batches[batch]?.date ?? noDate, batch) > (batches[current]?.date ?? noDate, current) {
                    latestBatch[person] = batch
                }
            }
        }
    }

    private mutating func attachBatteries(library: Library) {
        for (person, batch) in latestBatch.enumerated() where batch >= 0 {
            guard let nip = nips[person] else { continue }
            // Read in place: a profile taken out whole was a copy (and release) of all its texts.
            var battery = batches[batch]?.battery
            if battery == nil, profiles[person] != nil {
                battery = library.positions[profiles[person]!.position]?.battery ?? library.jobLevels[profiles[person]!.jobLevel]?.battery
            }
            guard let battery, library.batteries[battery] != nil else {
                withoutBattery.append(nip)
                continue
            }
            evidence[person] = ParticipantEvidence(nip: nip, battery: battery)
            isPlanned[person] = true
        }
    }

    private mutating func attachTestsAndLevels(_ db: Database) throws {
        try db.forEachRawRow("SELECT person_id, batch_id, instrument_id, raw_num, raw_den, tested_on FROM test_scores\(rows())") { row in
            let person = Int(row.int(0))
            let instrument = codes.instrument(row.int(2))
            guard latestBatch[person] == row.int(1), isPlanned[person], instrument >= 0 else { return }
            evidence[person]!.tests.append(TestScore(instrument: instrument, raw: Rational(Int(row.int(3)), Int(row.int(4)))))
            dated(person, row.text(5))
        }
        try db.forEachRawRow("SELECT person_id, batch_id, competency_id, level_num, level_den, note, assessed_on FROM agreed_levels\(rows())") { row in
            let person = Int(row.int(0))
            let competency = codes.competency(row.int(2))
            guard latestBatch[person] == row.int(1), isPlanned[person], competency >= 0 else { return }
            evidence[person]!.agreed.append(AgreedLevel(competency: competency, level: Rational(Int(row.int(3)), Int(row.int(4))), note: row.text(5)))
            dated(person, row.text(6))
        }
    }

    mutating func dated(_ person: Int, _ text: String?) {
        guard let text, latestDate[person].map({ text > $0 }) ?? true else { return }
        latestDate[person] = text
    }

    /// Whether a rating sheet's row is the one a person's result uses.
    func wants(person: Int, batch: Int64) -> Bool {
        person < latestBatch.count && latestBatch[person] == batch && isPlanned[person]
    }

    /// A person's evidence as scored: their ratings added, dated by all of it. Taken out of the plan (each
    /// person's is asked for once): a copy took and gave back a reference count per text and array of it,
    /// on the reading thread (perf, merit movement).
    mutating func takeEvidence(of person: Int, ratings: [Rating]) -> ParticipantEvidence {
        var found = evidence[person].take()!
        found.ratings = ratings
        found.assessedOn = latestDate[person].flatMap { date(from: $0) }
        return found
    }

    /// A stored date, parsed once: a batch has a few assessment days and 100,000 people (parsing each
    /// person's was a twentieth of a history's reading thread).
    private mutating func date(from text: String) -> CalendarDate? {
        if let known = parsedDates[text] { return known }
        let date = CalendarDate(iso: text)
        parsedDates[text] = date
        return date
    }

    /// What the store has that is not scored, and why.
    var notes: [String] {
        var notes: [String] = []
        if !withoutBattery.isEmpty {
            let examples = withoutBattery.sorted().prefix(3).joined(separator: ", ")
            notes.append(
                "\(withoutBattery.count) assessed \(withoutBattery.count == 1 ? "person has" : "people have") no battery and are not scored (\(examples)\(withoutBattery.count > 3 ? ", …" : "")): import their profiles, or give --battery when importing their batch")
        }
        for code in codes.unknown.sorted() { notes.append("the store has \(code), which the library no longer has: its rows are left out") }
        return notes
    }

    /// The batch each assessed person's evidence comes from, by NIP.
    var batchNames: [String: String] {
        var names: [String: String] = [:]
        for (person, batch) in latestBatch.enumerated() where batch >= 0 {
            if let nip = nips[person], let name = batches[batch]?.name { names[nip] = name }
        }
        return names
    }

    /// The message for a sheet that cannot be read.
    func damaged(_ damage: DamagedSheet, store path: String) -> StoreError {
        StoreError(
            path: path,
            message: damage.message(nip: nips[damage.person], batch: batches[latestBatch[damage.person]]?.name ?? "?"))
    }
}

/// A sheet that cannot be read, and whose it is.
struct DamagedSheet: Error {
    var person: Int
    var damage: RatingSheetReader.Damaged

    func message(nip: String?, batch: String) -> String {
        "the rating sheet of \(nip ?? "person \(person)") in batch '\(batch)' is damaged (\(damage)); restore the store from a backup"
    }
}
