/// One person's ratings in one batch, as the store keeps them: a row of `rating_sheets` per batch × person
/// whose `ratings` column is a JSON array with one array per rating:
///
///     [competency_id, instrument_id, assessor_id, value_num, value_den, rated_on, note, import_id, line]
///
/// (ids into `codes`; `value_num`/`value_den` null for NE; `rated_on` and `note` text or null). The
/// `ratings` view unpacks them into one SQL row per rating with SQLite's `json_each`, so the store stays
/// readable with the `sqlite3` shell. A row per sheet instead of per rating is what makes a cohort of
/// five million ratings import and load in seconds: SQLite's B-tree sees 100,000 rows, not 5 million.
struct RatingSheet {
    struct Entry: Equatable {
        var competency: Int64
        var instrument: Int64
        var assessor: Int64
        /// Nil for NE (no evidence).
        var value: (num: Int64, den: Int64)?
        var date: String?
        var note: String?
        var importID: Int64
        var line: Int64
        /// Where the row was read (in memory only: for findings about rows of the file being imported).
        var column: Int64 = 1

        var key: Key { Key(competency: competency, instrument: instrument, assessor: assessor) }

        func sameValue(as other: Entry) -> Bool {
            switch (value, other.value) {
            case (nil, nil): return true
            case let (a?, b?): return a.num == b.num && a.den == b.den
            default: return false
            }
        }

        static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.key == rhs.key && lhs.sameValue(as: rhs) && lhs.date == rhs.date && lhs.note == rhs.note
                && lhs.importID == rhs.importID && lhs.line == rhs.line
        }
    }

    /// What makes a rating one rating: who rated which competency in which instrument.
    struct Key: Hashable, Comparable {
        var competency: Int64
        var instrument: Int64
        var assessor: Int64

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.competency, lhs.instrument, lhs.assessor) < (rhs.competency, rhs.instrument, rhs.assessor)
        }
    }

    /// The view that shows sheets as one row per rating (the columns the table of ratings would have).
    static let viewSQL = """
        CREATE VIEW ratings AS
        SELECT s.batch_id AS batch_id, s.person_id AS person_id,
               json_extract(r.value, '$[1]') AS instrument_id, json_extract(r.value, '$[0]') AS competency_id,
               json_extract(r.value, '$[2]') AS assessor_id, json_extract(r.value, '$[3]') AS value_num,
               json_extract(r.value, '$[4]') AS value_den, json_extract(r.value, '$[5]') AS rated_on,
               json_extract(r.value, '$[6]') AS note, json_extract(r.value, '$[7]') AS import_id,
               json_extract(r.value, '$[8]') AS line
        FROM rating_sheets s, json_each(s.ratings) r
        """

    /// The JSON text of entries (in the order given), written straight into one allocation.
    static func encode(_ entries: [Entry]) -> [UInt8] {
        // Bound: 7 numbers of at most 20 characters, 2 strings of at most 6 bytes per byte, punctuation.
        var bound = 2
        for entry in entries { bound += 7 * 21 + 16 + 6 * ((entry.date?.utf8.count ?? 4) + (entry.note?.utf8.count ?? 4)) + 8 }
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            var writer = Writer(base: buffer.baseAddress!)
            writer.byte(UInt8(ascii: "["))
            for (index, entry) in entries.enumerated() {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                writer.byte(UInt8(ascii: "["))
                writer.integer(entry.competency, then: UInt8(ascii: ","))
                writer.integer(entry.instrument, then: UInt8(ascii: ","))
                writer.integer(entry.assessor, then: UInt8(ascii: ","))
                if let value = entry.value {
                    writer.integer(value.num, then: UInt8(ascii: ","))
                    writer.integer(value.den, then: UInt8(ascii: ","))
                } else {
                    writer.null(then: UInt8(ascii: ","))
                    writer.null(then: UInt8(ascii: ","))
                }
                writer.string(entry.date, then: UInt8(ascii: ","))
                writer.string(entry.note, then: UInt8(ascii: ","))
                writer.integer(entry.importID, then: UInt8(ascii: ","))
                writer.integer(entry.line, then: UInt8(ascii: "]"))
            }
            writer.byte(UInt8(ascii: "]"))
            precondition(writer.count <= bound)
            count = writer.count
        }
    }

    /// Writes into memory known to be large enough.
    private struct Writer {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func byte(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        mutating func integer(_ value: Int64, then separator: UInt8) {
            if value < 0 { byte(UInt8(ascii: "-")) }
            var rest = value.magnitude
            var digits = 1
            var scale: UInt64 = 10
            while digits < 20, rest >= scale {
                digits += 1
                scale &*= 10
            }
            var index = count + digits - 1
            repeat {
                base[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                index -= 1
            } while rest > 0
            count += digits
            byte(separator)
        }

        mutating func null(then separator: UInt8) {
            for character in "null".utf8 { byte(character) }
            byte(separator)
        }

        mutating func string(_ text: String?, then separator: UInt8) {
            guard var text else { return null(then: separator) }
            byte(UInt8(ascii: "\""))
            text.withUTF8 { bytes in
                for character in bytes {
                    switch character {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                        byte(UInt8(ascii: "\\"))
                        byte(character)
                    case 0..<0x20:
                        let hex: StaticString = "0123456789abcdef"
                        for fixed in "\\u00".utf8 { byte(fixed) }
                        byte(hex.utf8Start[Int(character >> 4)])
                        byte(hex.utf8Start[Int(character & 15)])
                    default: byte(character)
                    }
                }
            }
            byte(UInt8(ascii: "\""))
            byte(separator)
        }
    }
}
