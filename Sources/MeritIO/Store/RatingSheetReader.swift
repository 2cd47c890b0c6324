/// Reads the JSON text of a rating sheet (`RatingSheet`) straight from SQLite's bytes: exactly the
/// shape the store writes (and SQLite's own `json_array` produces), nothing more general.
struct RatingSheetReader {
    struct Damaged: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "at byte \(offset) of its JSON" }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Every entry, with dates and notes.
    static func entries(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [RatingSheet.Entry] {
        var reader = RatingSheetReader(bytes)
        var entries: [RatingSheet.Entry] = []
        try reader.forEach(texts: true) { entries.append($0) }
        return entries
    }

    /// Calls `body` with each entry; dates and notes are read only when `texts` is set (scoring needs neither).
    mutating func forEach(texts: Bool, _ body: (RatingSheet.Entry) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            return
        }
        while true {
            try expect(UInt8(ascii: "["))
            let competency = try integer()
            try expect(UInt8(ascii: ","))
            let instrument = try integer()
            try expect(UInt8(ascii: ","))
            let assessor = try integer()
            try expect(UInt8(ascii: ","))
            let num = try optionalInteger()
            try expect(UInt8(ascii: ","))
            let den = try optionalInteger()
            try expect(UInt8(ascii: ","))
            let date = try string(keep: texts)
            try expect(UInt8(ascii: ","))
            let note = try string(keep: texts)
            try expect(UInt8(ascii: ","))
            let importID = try integer()
            try expect(UInt8(ascii: ","))
            let line = try integer()
            try expect(UInt8(ascii: "]"))
            var value: (num: Int64, den: Int64)?
            if let num, let den {
                guard den > 0 else { throw Damaged(offset: position) }
                value = (num, den)
            }
            try body(
                RatingSheet.Entry(
                    competency: competency, instrument: instrument, assessor: assessor, value: value, date: date, note: note,
                    importID: importID, line: line))
            skipSpace()
            guard position < bytes.count else { throw Damaged(offset: position) }
            let next = bytes[position]
            position += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw Damaged(offset: position - 1) }
        }
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipSpace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x09 || bytes[position] == 0x0D {
            position += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipSpace()
        guard position < bytes.count, bytes[position] == byte else { throw Damaged(offset: position) }
        position += 1
    }

    private mutating func integer() throws -> Int64 {
        guard let value = try optionalInteger() else { throw Damaged(offset: position) }
        return value
    }

    private mutating func optionalInteger() throws -> Int64? {
        skipSpace()
        if isNull() { return nil }
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        let start = position
        var value: Int64 = 0
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[position] &- UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw Damaged(offset: position) }
            value = sum
            position += 1
        }
        guard position > start else { throw Damaged(offset: start) }
        return negative ? -value : value
    }

    private mutating func isNull() -> Bool {
        guard position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }

    /// A JSON string or null; with `keep` false the string is skipped and nil returned.
    private mutating func string(keep: Bool) throws -> String? {
        skipSpace()
        if isNull() { return nil }
        try expect(UInt8(ascii: "\""))
        if !keep {
            // Skipped: only the closing quote matters (an escaped character is stepped over whole).
            while position < bytes.count {
                let byte = bytes[position]
                position += byte == UInt8(ascii: "\\") ? 2 : 1
                if byte == UInt8(ascii: "\"") { return nil }
            }
            throw Damaged(offset: position)
        }
        var text: [UInt8] = []
        while true {
            guard position < bytes.count else { throw Damaged(offset: position) }
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\"") { break }
            guard byte == UInt8(ascii: "\\") else {
                if keep { text.append(byte) }
                continue
            }
            guard position < bytes.count else { throw Damaged(offset: position) }
            let escaped = bytes[position]
            position += 1
            let simple: UInt8?
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = escaped
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "u"): simple = nil
            default: throw Damaged(offset: position - 1)
            }
            if let simple {
                if keep { text.append(simple) }
                continue
            }
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                // A surrogate pair: \uD8xx\uDCxx.
                guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                else { throw Damaged(offset: position) }
                position += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Damaged(offset: position) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Damaged(offset: position) }
            if keep { text += Array(String(Character(unicode)).utf8) }
        }
        return keep ? String(decoding: text, as: UTF8.self) : nil
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw Damaged(offset: position) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Damaged(offset: position)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
