import MeritCore
import MeritLibrary
import MeritYAML

/// Checks records against the library and turns them into typed records. Problems become findings at the
/// field's place; a record with a problem yields nothing. Never computes a score.
public struct RecordValidator {
    public let library: Library
    /// The batch for rows without a `batch` column.
    public let defaultBatch: String
    private let kind: RecordKind
    let slots: [String: Int]
    /// Slots of the columns read on every row (-1 when the kind has no such column).
    private let nipSlot: Int
    private let instrumentSlot: Int
    private let competencySlot: Int
    private let assessorSlot: Int
    private let ratingSlot: Int
    private let dateSlot: Int
    private let batchSlot: Int
    private let noteSlot: Int
    private var nips = ByteMemo<Result<String, NIPProblem>>(capacity: 4)
    private var instruments = ByteMemo<String>(capacity: 16)
    private var competencies = ByteMemo<String>(capacity: 32)
    private var assessors = ByteMemo<String>(capacity: 16)
    private var scores = ByteMemo<Rational?>(capacity: 32)
    private var dates = ByteMemo<CalendarDate?>(capacity: 8)
    private var batches = ByteMemo<String>(capacity: 8)
    /// Instrument × competency pairs that some battery measures.
    private let measured: Set<[Int]>
    /// NIPs a spreadsheet damaged, by kind of damage: how many, and the first (reported once per file).
    private var damaged: [NIPDamage: (count: Int, mark: SourceMark, example: String)] = [:]
    /// Slots of the kind's free-text columns, which may be longer than the others.
    private let noteSlots: Set<Int>
    /// Reading an integration meeting pack (`RecordFile.isMeetingPack`): a row without a level keeps its
    /// computed level, and a level needs the meeting's reason.
    public var readsMeetingPack = false
    /// The pack's rows left without a level, and where the first is.
    private var computedKept: (count: Int, first: SourceMark)?
    /// The longest value a column other than a note may hold.
    public static let maxFieldBytes = 4 << 10

    public init(library: Library, kind: RecordKind, defaultBatch: String) {
        self.library = library
        self.kind = kind
        self.defaultBatch = defaultBatch
        let columns = kind.requiredColumns + kind.optionalColumns
        let slots = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1, $0) })
        self.slots = slots
        nipSlot = slots["nip"] ?? -1
        instrumentSlot = slots["instrument"] ?? -1
        competencySlot = slots["competency"] ?? -1
        assessorSlot = slots["assessor"] ?? -1
        ratingSlot = slots["rating"] ?? -1
        dateSlot = slots["date"] ?? -1
        batchSlot = slots["batch"] ?? -1
        noteSlot = slots["note"] ?? -1
        noteSlots = Set(["note", "trainings"].compactMap { slots[$0] })
        var pairs: Set<[Int]> = []
        for battery in library.batteries.values {
            for (competency, measures) in battery.measures {
                for measure in measures {
                    if let c = library.competencyRef(competency), let i = library.instrumentRef(measure.instrument) { pairs.insert([i, c]) }
                }
            }
        }
        measured = pairs
    }

    public mutating func validate(_ record: RecordView, findings: inout [Finding]) -> InputRecord? {
        guard isReadable(record, &findings) else { return nil }
        if case .emptyRow? = record.wide {
            // A recap row with only the provider's JPM or category still says something.
            if kind == .levels, record.text(slots["jpm"]!) != nil || record.text(slots["category"]!) != nil { return nil }
            findings.append(Finding(.warning, at: record.mark, "every competency cell of this row is empty: nothing imported from it"))
            return nil
        }
        return switch kind {
        case .ratings: rating(record, &findings).map(InputRecord.rating)
        case .tests: test(record, &findings).map(InputRecord.test)
        case .levels: level(record, &findings).map(InputRecord.level)
        case .profiles: profile(record, &findings).map(InputRecord.profile)
        }
    }

    // MARK: Fields

    /// A finding at a field, named by its column in a table (`column 'rating' (E): …`).
    func fieldError(_ record: RecordView, _ slot: Int, _ message: String) -> Finding {
        Finding(.error, at: record.mark(slot), (record.label(slot).map { $0 + ": " } ?? "") + message)
    }

    /// What no field may hold, whatever its column: a spreadsheet's error value (`#N/A`), text longer than
    /// the column allows, and (in YAML/JSON, whose reader does not check it) hidden characters.
    private func isReadable(_ record: RecordView, _ findings: inout [Finding]) -> Bool {
        guard record.isFirstOfRow || record.wide == nil else { return true }
        let before = findings.count
        for slot in 0..<slots.count where record.has(slot) {
            let length = record.withBytes(slot) { $0.count }
            guard length > 0 else { continue }
            if record.cellKind(slot) == .error {
                findings.append(fieldError(record, slot, "the cell holds the spreadsheet error '\(record.text(slot)?.excerpt ?? "")'; correct the formula or type the value"))
            } else if length > Self.maxFieldBytes && !noteSlots.contains(slot) {
                findings.append(fieldError(record, slot, "a value of \(length) bytes; this column holds at most \(Self.maxFieldBytes) bytes (4 KB)"))
            } else if case .node = record.backing, let text = record.text(slot), let problem = HiddenText.firstProblem(in: text) {
                findings.append(fieldError(record, slot, problem.message))
            }
        }
        return findings.count == before
    }

    /// Reports, once per file, the NIPs a spreadsheet damaged (see `NIPDamage`) and the meeting pack's
    /// rows that keep their computed level.
    public mutating func finish(findings: inout [Finding]) {
        if let kept = computedKept {
            findings.append(
                Finding(
                    .note, at: kept.first,
                    "\(kept.count) row\(kept.count == 1 ? "" : "s") of the meeting pack \(kept.count == 1 ? "has" : "have") no agreed level (this one first): \(kept.count == 1 ? "its computed level stands" : "their computed levels stand")"))
            computedKept = nil
        }
        for damage in NIPDamage.allCases {
            guard let seen = damaged[damage] else { continue }
            findings.append(Finding(.error, at: seen.mark, damage.message(count: seen.count, example: seen.example)))
        }
        damaged.removeAll()
    }

    func required(_ record: RecordView, _ column: String, _ findings: inout [Finding]) -> String? {
        let slot = slots[column]!
        guard let text = record.text(slot) else {
            let hint = column == "rating" ? "; write NE if the exercise gave no evidence of the competency" : ""
            findings.append(fieldError(record, slot, "empty required field '\(column)'\(hint)"))
            return nil
        }
        return text
    }

    mutating func nip(_ record: RecordView, _ findings: inout [Finding]) -> String? {
        let slot = nipSlot
        let cached = record.withBytes(slot) { nips.lookup($0) }
        let result: Result<String, NIPProblem>
        if let cached {
            result = cached
        } else {
            guard let text = required(record, "nip", &findings) else { return nil }
            result = NIP.parse(text).map(\.text)
            record.withBytes(slot) { nips.insert($0, result) }
        }
        switch result {
        case .success(let nip):
            return nip
        case .failure(let problem):
            let text = record.text(slot) ?? ""
            if let damage = NIPDamage.of(text, kind: record.cellKind(slot)) {
                let seen = damaged[damage]
                damaged[damage] = ((seen?.count ?? 0) + 1, seen?.mark ?? record.mark(slot), seen?.example ?? text)
                return nil
            }
            findings.append(fieldError(record, slot, problem.description))
            return nil
        }
    }

    private mutating func instrument(_ record: RecordView, test: Bool, _ findings: inout [Finding]) -> Int? {
        let slot = instrumentSlot
        if let id = record.withBytes(slot, { instruments.lookup($0) }) { return library.instrumentRef(id) }
        guard let text = required(record, "instrument", &findings) else { return nil }
        guard let instrument = library.instruments[text] ?? library.instruments.values.first(where: { $0.name.lowercased() == text.lowercased() })
        else {
            var message = "unknown instrument '\(text.excerpt)'"
            if let hint = closest(text, Array(library.instruments.keys)) { message += "; did you mean '\(hint)'?" }
            findings.append(fieldError(record, slot, message))
            return nil
        }
        guard instrument.isTest == test else {
            findings.append(
                fieldError(record, slot, test ? "instrument '\(instrument.id)' is an exercise; its ratings go in a ratings file"
                        : "instrument '\(instrument.id)' is a test; its raw scores go in a tests file"))
            return nil
        }
        record.withBytes(slot) { instruments.insert($0, instrument.id) }
        return library.instrumentRef(instrument.id)
    }

    private mutating func competency(_ record: RecordView, _ findings: inout [Finding]) -> Int? {
        if case .cell(let competency, _)? = record.wide { return competency }
        let slot = competencySlot
        if let id = record.withBytes(slot, { competencies.lookup($0) }) { return library.competencyRef(id) }
        guard let text = required(record, "competency", &findings) else { return nil }
        guard let competency = library.competency(named: text) else {
            var message = "unknown competency '\(text.excerpt)' (give its id, code or name)"
            if let hint = closest(text, library.competencyOrder) { message += "; did you mean '\(hint)'?" }
            findings.append(fieldError(record, slot, message))
            return nil
        }
        record.withBytes(slot) { competencies.insert($0, competency.id) }
        return library.competencyRef(competency.id)
    }

    private func number(_ record: RecordView, _ column: String, _ findings: inout [Finding]) -> Rational? {
        guard let text = required(record, column, &findings) else { return nil }
        guard let value = Rational(decimal: text) else {
            findings.append(fieldError(record, slots[column]!, "'\(text.excerpt)' in '\(column)' is not a number (at most 15 digits, no exponent)"))
            return nil
        }
        return value
    }

    func optional(_ record: RecordView, _ column: String) -> String? {
        slots[column].flatMap { record.text($0) }
    }

    mutating func date(_ record: RecordView, _ findings: inout [Finding]) -> CalendarDate? {
        let slot = dateSlot
        guard slot >= 0, record.has(slot) else { return nil }
        if let cached = record.withBytes(slot, { dates.lookup($0) }) { return cached }
        guard let text = record.text(slot) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            findings.append(fieldError(record, slot, "'\(text.excerpt)' is not a date (write YYYY-MM-DD)"))
            return nil
        }
        record.withBytes(slot) { dates.insert($0, date) }
        return date
    }

    mutating func batch(_ record: RecordView) -> String {
        let slot = batchSlot
        guard slot >= 0, record.has(slot) else { return defaultBatch }
        if let cached = record.withBytes(slot, { batches.lookup($0) }) { return cached }
        let batch = record.text(slot) ?? defaultBatch
        record.withBytes(slot) { batches.insert($0, batch) }
        return batch
    }

    func closest(_ name: String, _ candidates: [String]) -> String? {
        closestMatch(name, in: candidates)
    }

    // MARK: Kinds

    private mutating func rating(_ record: RecordView, _ findings: inout [Finding]) -> RatingRecord? {
        let before = findings.count
        let nip = nip(record, &findings)
        let instrument = instrument(record, test: false, &findings)
        let competency = competency(record, &findings)
        var assessor: String?
        if let cached = record.withBytes(assessorSlot, { assessors.lookup($0) }) {
            assessor = cached
        } else if let text = required(record, "assessor", &findings) {
            assessor = text
            record.withBytes(assessorSlot) { assessors.insert($0, text) }
        }
        let value = ratingValue(record, instrument: instrument, &findings)
        if let instrument, let competency, !measured.contains([instrument, competency]) {
            findings.append(
                fieldError(record, slots["competency"]!, "instrument '\(library.instrumentOrder[instrument])' measures '\(library.competencyOrder[competency])' in no battery of the library"))
        }
        let date = date(record, &findings)
        guard findings.count == before, let nip, let instrument, let competency, let assessor, let value else { return nil }
        let note = record.has(noteSlot) ? record.text(noteSlot) : nil
        return RatingRecord(
            nip: nip, instrument: instrument, competency: competency, assessor: assessor, value: value,
            batch: batch(record), date: date, note: note, line: record.line)
    }

    private mutating func ratingValue(_ record: RecordView, instrument: Int?, _ findings: inout [Finding]) -> RatingValue? {
        let slot = ratingSlot
        guard let instrument, let scale = library.instruments[library.instrumentOrder[instrument]]?.ratingScale else {
            return nil
        }
        let parsed: Rational?
        if let cached = record.withBytes(slot, { scores.lookup($0) }) {
            parsed = cached
        } else {
            guard let text = required(record, "rating", &findings) else { return nil }
            if text.uppercased() == scale.noEvidence.uppercased() { return .noEvidence }
            parsed = Rational(decimal: text)
            if parsed != nil { record.withBytes(slot) { scores.insert($0, parsed) } }
        }
        guard let value = parsed else {
            let text = record.text(slot) ?? ""
            findings.append(
                fieldError(record, slot, "rating '\(text.excerpt)' is not a number or \(scale.noEvidence) (no evidence)"))
            return nil
        }
        guard scale.contains(value) else {
            let id = library.instrumentOrder[instrument]
            let message = value < scale.min || value > scale.max
                ? "rating \(value) is off the scale \(scale.min)–\(scale.max) of '\(id)'"
                : "rating \(value) is not a step of \(scale.step) on the scale of '\(id)'"
            findings.append(fieldError(record, slot, message))
            return nil
        }
        return .score(value)
    }

    private mutating func test(_ record: RecordView, _ findings: inout [Finding]) -> TestRecord? {
        let before = findings.count
        let nip = nip(record, &findings)
        let instrument = instrument(record, test: true, &findings)
        let raw = number(record, "raw_score", &findings)
        if let instrument, let raw, case .test(let scale, _)? = library.instruments[library.instrumentOrder[instrument]]?.method {
            let id = library.instrumentOrder[instrument]
            if !scale.contains(raw) {
                findings.append(fieldError(record, slots["raw_score"]!, "raw score \(raw) is off the scale \(scale.min)–\(scale.max) of '\(id)'"))
            } else if !scale.isOnStep(raw) {
                findings.append(
                    fieldError(record, slots["raw_score"]!, "raw score \(raw) is not a step of \(scale.step) on the scale \(scale.min)–\(scale.max) of '\(id)'"))
            }
        }
        let date = date(record, &findings)
        guard findings.count == before, let nip, let instrument, let raw else { return nil }
        return TestRecord(nip: nip, instrument: instrument, raw: raw, batch: batch(record), date: date, line: record.line)
    }

    private mutating func level(_ record: RecordView, _ findings: inout [Finding]) -> LevelRecord? {
        let before = findings.count
        if readsMeetingPack {
            let hasLevel = record.text(slots["level"]!) != nil
            let hasReason = record.text(noteSlot) != nil
            if !hasLevel && hasReason {
                findings.append(fieldError(record, noteSlot, "a reason and no agreed level: write the level the meeting agreed in column 'level', or clear the reason"))
                return nil
            }
            if !hasLevel {
                computedKept = ((computedKept?.count ?? 0) + 1, computedKept?.first ?? record.mark)
                return nil
            }
            if !hasReason {
                findings.append(fieldError(record, noteSlot, "an agreed level without the meeting's reason: write why in column 'note'"))
            }
        }
        let nip = nip(record, &findings)
        let competency = competency(record, &findings)
        let level = number(record, "level", &findings)
        if let competency, let level {
            let scale = library.scale(of: library.competencyOrder[competency])
            if level < Rational(scale.lowerBound) || level > Rational(scale.upperBound) {
                findings.append(fieldError(record, slots["level"]!, "level \(level) is outside the scale \(scale.lowerBound)–\(scale.upperBound)"))
            } else if !(level * 2).isInteger {
                findings.append(fieldError(record, slots["level"]!, "level \(level) is not a whole or half level"))
            }
        }
        let date = date(record, &findings)
        guard findings.count == before, let nip, let competency, let level else { return nil }
        return LevelRecord(
            nip: nip, competency: competency, level: level, batch: batch(record), date: date, note: optional(record, "note"), line: record.line)
    }
}
