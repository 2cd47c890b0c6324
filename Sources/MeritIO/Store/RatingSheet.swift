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

    /// The JSON text of entries (in the order given).
    static func encode(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 44 + 2)
        out.append(UInt8(ascii: "["))
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendInteger(entry.competency, to: &out)
            out.append(UInt8(ascii: ","))
            appendInteger(entry.instrument, to: &out)
            out.append(UInt8(ascii: ","))
            appendInteger(entry.assessor, to: &out)
            out.append(UInt8(ascii: ","))
            if let value = entry.value {
                appendInteger(value.num, to: &out)
                out.append(UInt8(ascii: ","))
                appendInteger(value.den, to: &out)
            } else {
                out += Array("null,null".utf8)
            }
            out.append(UInt8(ascii: ","))
            appendString(entry.date, to: &out)
            out.append(UInt8(ascii: ","))
            appendString(entry.note, to: &out)
            out.append(UInt8(ascii: ","))
            appendInteger(entry.importID, to: &out)
            out.append(UInt8(ascii: ","))
            appendInteger(entry.line, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    private static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 {
            out.append(UInt8(ascii: "-"))
            appendMagnitude(value.magnitude, to: &out)
        } else {
            appendMagnitude(UInt64(value), to: &out)
        }
    }

    private static func appendMagnitude(_ value: UInt64, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        out += digits.reversed()
    }

    private static func appendString(_ text: String?, to out: inout [UInt8]) {
        guard let text else {
            out += Array("null".utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
