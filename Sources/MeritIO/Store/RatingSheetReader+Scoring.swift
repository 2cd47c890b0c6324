extension RatingSheetReader {
    /// What scoring reads of one entry: ids and value (nil for NE, as `RatingSheet.Entry.value`).
    struct ScoringEntry {
        var competency: Int64
        var instrument: Int64
        var assessor: Int64
        var value: (num: Int64, den: Int64)?
    }

    /// The scoring fields of every entry of a sheet in the exact compact form the store and SQLite's
    /// `json_array` write (no white space, integers of at most 18 digits), in one pass over a pointer;
    /// dates, notes, imports and lines are stepped over. False as soon as anything differs from that
    /// form, having called `body` for some entries or none: the caller drops those and reads the sheet
    /// with `forEach`, which accepts the rest of JSON's spelling or says where the sheet is damaged.
    /// The general reader's calls per field were a sixth of a history's time (perf, 100,000 people over
    /// three years: 215 ns per rating).
    static func forEachScoring(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (ScoringEntry) -> Void) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var scan = Scan(base: base, end: bytes.count)
        guard scan.take(UInt8(ascii: "[")) else { return false }
        if scan.take(UInt8(ascii: "]")) { return true }
        while true {
            guard scan.take(UInt8(ascii: "[")), let competency = scan.integer(), scan.take(UInt8(ascii: ",")),
                let instrument = scan.integer(), scan.take(UInt8(ascii: ",")), let assessor = scan.integer(),
                scan.take(UInt8(ascii: ",")), let num = scan.optionalInteger(), scan.take(UInt8(ascii: ",")),
                let den = scan.optionalInteger(), scan.take(UInt8(ascii: ",")), scan.skipString(), scan.take(UInt8(ascii: ",")),
                scan.skipString(), scan.take(UInt8(ascii: ",")), scan.integer() != nil, scan.take(UInt8(ascii: ",")),
                scan.integer() != nil, scan.take(UInt8(ascii: "]"))
            else { return false }
            var value: (num: Int64, den: Int64)?
            if let num, let den {
                guard den > 0 else { return false }
                value = (num, den)
            }
            body(ScoringEntry(competency: competency, instrument: instrument, assessor: assessor, value: value))
            if scan.take(UInt8(ascii: "]")) { return true }
            guard scan.take(UInt8(ascii: ",")) else { return false }
        }
    }
}

/// A position in a sheet's bytes; each step answers whether the bytes had the expected form.
private struct Scan {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
        guard position < end, base[position] == byte else { return false }
        position += 1
        return true
    }

    /// An integer: an optional minus and 1–18 digits (more could overflow: the general reader decides).
    @inline(__always) mutating func integer() -> Int64? {
        let negative = take(UInt8(ascii: "-"))
        let start = position
        var value: Int64 = 0
        while position < end, position - start < 18 {
            let digit = base[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            position += 1
        }
        guard position > start, position == end || base[position] &- UInt8(ascii: "0") >= 10 else { return nil }
        return negative ? -value : value
    }

    /// `null` (.some(nil)) or an integer; nil when neither.
    @inline(__always) mutating func optionalInteger() -> Int64?? {
        if takeNull() { return .some(nil) }
        return integer().map { .some($0) }
    }

    /// `null` or a string, stepped over (an escaped character whole). Eight bytes at a time while they
    /// hold no quote and no backslash: byte by byte, stepping over each rating's date was a third of this
    /// reader's time (perf annotate, merit movement).
    @inline(__always) mutating func skipString() -> Bool {
        if takeNull() { return true }
        guard take(UInt8(ascii: "\"")) else { return false }
        while position &+ 8 <= end {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            guard !Self.holds(0x22, in: word), !Self.holds(0x5C, in: word) else { break }
            position &+= 8
        }
        while position < end {
            let byte = base[position]
            position += byte == UInt8(ascii: "\\") ? 2 : 1
            if byte == UInt8(ascii: "\"") { return position <= end }
        }
        return false
    }

    /// Whether any of the eight bytes of `word` is `byte` (the has-zero-byte test on `word` XOR `byte` in
    /// every byte).
    @inline(__always) static func holds(_ byte: UInt8, in word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & (ones &* 0x80) != 0
    }

    @inline(__always) mutating func takeNull() -> Bool {
        guard position + 4 <= end, base[position] == UInt8(ascii: "n"), base[position + 1] == UInt8(ascii: "u"),
            base[position + 2] == UInt8(ascii: "l"), base[position + 3] == UInt8(ascii: "l")
        else { return false }
        position += 4
        return true
    }
}
