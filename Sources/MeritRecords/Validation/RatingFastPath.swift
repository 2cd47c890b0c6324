import MeritCore
import MeritLibrary

/// Validated ratings from a CSV's bytes: once a field's bytes were part of a row the full validator
/// accepted, the same bytes mean the same valid value, so most rows of a large file are read with a few
/// hash lookups and no new strings. Anything not seen before goes through the full validator, which
/// reports problems exactly as it always does. Pure: touches no store, so it runs on its own thread.
public final class RatingFastPath {
    private let slots: (nip: Int, instrument: Int, competency: Int, assessor: Int, rating: Int, batch: Int, date: Int, note: Int)
    private let defaultBatch: String
    private var strings: [String] = []
    private var nips = ByteTable()
    private var instruments = ByteTable()
    private var competencies = ByteTable()
    private var assessors = ByteTable()
    private var batches = ByteTable()
    private var dates = ByteTable()
    private var dateValues: [CalendarDate?] = []
    /// Rating texts → index into `values`; which instruments accept each value.
    private var ratingTexts = ByteTable()
    private var values: [RatingValue] = []
    private var validFor: [Set<Int>] = []
    /// Instrument × competency pairs some battery measures.
    private let measured: [[Bool]]

    public init(library: Library, file: RecordFile, defaultBatch: String) {
        self.defaultBatch = defaultBatch
        slots = (
            file.slot("nip"), file.slot("instrument"), file.slot("competency"), file.slot("assessor"), file.slot("rating"),
            file.slot("batch"), file.slot("date"), file.slot("note")
        )
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

    /// The row's rating when every field is known; nil sends the row to the full validator.
    public func record(_ view: RecordView) -> RatingRecord? {
        // A NIP typed as a number is never valid (see `NIPDamage`), whatever its text.
        guard view.cellKind(slots.nip) == .text, let nip = view.withCSVBytes(slots.nip, { nips.find($0) }),
            let instrument = view.withCSVBytes(slots.instrument, { instruments.find($0) }).map(Int.init),
            let competency = view.withCSVBytes(slots.competency, { competencies.find($0) }).map(Int.init),
            let assessor = view.withCSVBytes(slots.assessor, { assessors.find($0) }),
            let value = view.withCSVBytes(slots.rating, { ratingTexts.find($0) }).map(Int.init),
            validFor[value].contains(instrument), measured[instrument][competency]
        else { return nil }
        if view.has(slots.note), view.text(slots.note) != nil { return nil }
        var batch = defaultBatch
        if view.has(slots.batch) {
            guard let known = view.withCSVBytes(slots.batch, { batches.find($0) }) else { return nil }
            batch = strings[Int(known)]
        }
        var date: CalendarDate?
        if view.has(slots.date) {
            guard let known = view.withCSVBytes(slots.date, { dates.find($0) }) else { return nil }
            date = dateValues[Int(known)]
        }
        return RatingRecord(
            nip: strings[Int(nip)], instrument: instrument, competency: competency, assessor: strings[Int(assessor)],
            value: values[value], batch: batch, date: date, note: nil, line: view.line)
    }

    /// Remembers the fields of a row the full validator accepted.
    public func learn(_ view: RecordView, _ record: RatingRecord) {
        func intern(_ text: String) -> Int64 {
            strings.append(text)
            return Int64(strings.count - 1)
        }
        if view.withCSVBytes(slots.nip, { nips.find($0) }) == nil {
            let id = intern(record.nip)
            view.withCSVBytes(slots.nip) { nips.insert($0, id) }
        }
        view.withCSVBytes(slots.instrument) { instruments.insert($0, Int64(record.instrument)) }
        view.withCSVBytes(slots.competency) { competencies.insert($0, Int64(record.competency)) }
        if view.withCSVBytes(slots.assessor, { assessors.find($0) }) == nil {
            let id = intern(record.assessor)
            view.withCSVBytes(slots.assessor) { assessors.insert($0, id) }
        }
        if view.has(slots.batch), view.withCSVBytes(slots.batch, { batches.find($0) }) == nil {
            let id = intern(record.batch)
            view.withCSVBytes(slots.batch) { batches.insert($0, id) }
        }
        if view.has(slots.date), view.withCSVBytes(slots.date, { dates.find($0) }) == nil {
            dateValues.append(record.date)
            let id = Int64(dateValues.count - 1)
            view.withCSVBytes(slots.date) { dates.insert($0, id) }
        }
        let index: Int
        if let known = view.withCSVBytes(slots.rating, { ratingTexts.find($0) }) {
            index = Int(known)
        } else {
            values.append(record.value)
            validFor.append([])
            index = values.count - 1
            view.withCSVBytes(slots.rating) { ratingTexts.insert($0, Int64(index)) }
        }
        validFor[index].insert(record.instrument)
    }
}

extension RecordView {
    /// The raw bytes of a CSV field (`nil` for YAML/JSON records or an absent column).
    func withCSVBytes<T>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard case .csv(let row, let fields) = backing, slot >= 0, fields[slot] >= 0 else { return nil }
        return body(row.bytes(fields[slot]))
    }
}
