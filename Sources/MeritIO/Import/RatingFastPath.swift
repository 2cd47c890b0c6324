import MeritCore

/// The common case of a large ratings CSV, stored straight from bytes: when every field of a row was
/// already seen in a row the full validator accepted (the same NIP, instrument, competency, assessor,
/// rating, batch and date), the row is valid for the same reasons and needs no strings. Anything new,
/// odd or conflicting goes through the full validator, which reports it exactly as it would otherwise.
struct RatingFastPath {
    let library: Library
    let defaultBatch: String
    let battery: String?
    private let slots: (nip: Int, instrument: Int, competency: Int, assessor: Int, rating: Int, batch: Int, date: Int, note: Int)
    private var nips = ByteTable()
    private var instruments = ByteTable()
    private var competencies = ByteTable()
    private var assessors = ByteTable()
    private var batches = ByteTable()
    private var dates = ByteTable()
    /// Rating texts → index into `values`; validity per instrument × value (0 unknown, 1 valid).
    private var ratingTexts = ByteTable()
    private var values: [(num: Int?, den: Int?)] = []
    private var valid: [[UInt8]]
    private var dateTexts: [String] = []
    private var dateValues: [CalendarDate] = []
    private var defaultBatchID: Int64?
    /// Instrument × competency pairs some battery measures.
    private let measured: [[Bool]]

    init(library: Library, file: RecordFile, defaultBatch: String, battery: String?) {
        self.library = library
        self.defaultBatch = defaultBatch
        self.battery = battery
        slots = (
            file.slot("nip"), file.slot("instrument"), file.slot("competency"), file.slot("assessor"), file.slot("rating"),
            file.slot("batch"), file.slot("date"), file.slot("note")
        )
        valid = Array(repeating: [], count: library.instrumentOrder.count)
        var pairs = Array(repeating: Array(repeating: false, count: library.competencyOrder.count), count: library.instrumentOrder.count)
        for battery in library.batteries.values {
            for (competency, measures) in battery.measures {
                for measure in measures {
                    if let c = library.competencyRef(competency), let i = library.instrumentRef(measure.instrument) { pairs[i][c] = true }
                }
            }
        }
        measured = pairs
    }

    /// Stores the row when it is the common case; false sends it to the full validator.
    mutating func tryStore(_ view: RecordView, session: ImportSession) throws -> Bool {
        guard let person = view.withCSVBytes(slots.nip, { nips.find($0) }),
            let instrument = view.withCSVBytes(slots.instrument, { instruments.find($0) }).map(Int.init),
            let competency = view.withCSVBytes(slots.competency, { competencies.find($0) }).map(Int.init),
            let assessor = view.withCSVBytes(slots.assessor, { assessors.find($0) }),
            let valueIndex = view.withCSVBytes(slots.rating, { ratingTexts.find($0) }).map(Int.init),
            valueIndex < valid[instrument].count, valid[instrument][valueIndex] == 1,
            measured[instrument][competency]
        else { return false }
        if view.has(slots.note), view.text(slots.note) != nil { return false }
        var batch = defaultBatchID
        if view.has(slots.batch) { batch = view.withCSVBytes(slots.batch) { batches.find($0) } }
        var date: String?
        guard let batch else { return false }
        if view.has(slots.date) {
            guard let index = view.withCSVBytes(slots.date, { dates.find($0) }) else { return false }
            if index >= 0 {
                date = dateTexts[Int(index)]
                session.noteBatchDate(batch, dateValues[Int(index)])
            }
        }
        let value = values[valueIndex]
        return try session.insertRating(
            batch: batch, person: person, instrument: session.instrumentID(instrument),
            competency: session.competencyID(competency), assessor: assessor, num: value.num, den: value.den, date: date,
            note: nil, line: view.line)
    }

    /// Remembers the fields of a row the full validator accepted and stored.
    mutating func learn(_ view: RecordView, _ record: RatingRecord, session: ImportSession) throws {
        let person = try session.person(record.nip)
        let assessor = try session.assessorID(record.assessor)
        let batch = try session.batch(record.batch, battery: battery, date: record.date)
        view.withCSVBytes(slots.nip) { nips.insert($0, person) }
        view.withCSVBytes(slots.instrument) { instruments.insert($0, Int64(record.instrument)) }
        view.withCSVBytes(slots.competency) { competencies.insert($0, Int64(record.competency)) }
        view.withCSVBytes(slots.assessor) { assessors.insert($0, assessor) }
        if view.has(slots.batch) {
            view.withCSVBytes(slots.batch) { batches.insert($0, batch) }
        } else {
            defaultBatchID = batch
        }
        if view.has(slots.date), view.withCSVBytes(slots.date, { dates.find($0) }) == nil {
            var index: Int64 = -1
            if let date = record.date {
                dateTexts.append(date.description)
                dateValues.append(date)
                index = Int64(dateTexts.count - 1)
            }
            view.withCSVBytes(slots.date) { dates.insert($0, index) }
        }
        var num: Int?
        var den: Int?
        if case .score(let value) = record.value {
            num = value.numerator
            den = value.denominator
        }
        let index: Int
        if let known = view.withCSVBytes(slots.rating, { ratingTexts.find($0) }) {
            index = Int(known)
        } else {
            values.append((num, den))
            index = values.count - 1
            view.withCSVBytes(slots.rating) { ratingTexts.insert($0, Int64(index)) }
        }
        if valid[record.instrument].count <= index { valid[record.instrument] += Array(repeating: 0, count: index + 1 - valid[record.instrument].count) }
        valid[record.instrument][index] = 1
    }
}

extension RecordView {
    /// The raw bytes of a CSV field (`nil` for YAML/JSON records or an absent column).
    func withCSVBytes<T>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard case .csv(let row, let fields) = backing, slot >= 0, fields[slot] >= 0 else { return nil }
        return body(row.bytes(fields[slot]))
    }
}
