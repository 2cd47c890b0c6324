/// The two shapes that make up almost all of a worksheet, read without the general XML events: a row's
/// start tag (`<row r="2" spans="1:7" ht="12.8" …>`) and a plain cell (`<c r="B2" s="1" t="s"><v>17</v></c>`).
///
/// Measured with `merit bench xlsx` (a million rating rows saved by LibreOffice Calc, 409 MB of sheet XML):
/// the sheet reader's thread is the import's bottleneck, and before these paths most of its time went to
/// the five events of each cell and to scanning each row's seven attributes twice. Each path reads the one
/// form writers use and leaves anything else (another quoting, an entity, a formula, an inline string, a
/// construct the chunk cuts off) to the events, which read every form; `SheetReadingCheck`, run by the
/// `xlsx` and `sheet` fuzz targets and by `PlainCellTests`, requires both ways to give the same rows.
extension XLSXSheetParser {
    /// A cell that is `<c …><v>text</v></c>` with nothing to decode in the text, read at once: what the
    /// events `start c`, `start v`, `text`, `end v`, `end c` would do.
    func plainCell(_ cursor: inout XMLCursor, _ state: inout State) throws -> Bool {
        let bytes = cursor.bytes
        let count = bytes.count
        let begin = cursor.index
        guard begin + 3 < count, bytes[begin] == UInt8(ascii: "<"), bytes[begin + 1] == UInt8(ascii: "c"), bytes[begin + 2] == UInt8(ascii: " ")
        else { return false }
        var reference: Range<Int>?
        var type = CellType.number
        var style = 0
        // `r`, `t`, `s`, with or without a prefix; the last of each counts, as in `readCell`.
        guard
            let close = Self.plainAttributes(bytes, from: begin + 3, { name, value in
                switch bytes[name.upperBound - 1] {
                case UInt8(ascii: "r"): reference = value
                case UInt8(ascii: "t"): type = Self.cellType(value, bytes)
                case UInt8(ascii: "s"): style = cursor.integer(value) ?? 0
                default: break
                }
            })
        else { return false }
        // `>` then `<v>`.
        let valueStart = close + 4
        guard valueStart <= count, bytes[close + 1] == UInt8(ascii: "<"), bytes[close + 2] == UInt8(ascii: "v"),
            bytes[close + 3] == UInt8(ascii: ">")
        else { return false }
        var valueEnd = valueStart
        while valueEnd < count {
            let byte = bytes[valueEnd]
            if byte == UInt8(ascii: "<") { break }
            // Entities and `_xHHHH_` escapes are decoded by the events.
            if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "_") { return false }
            valueEnd += 1
        }
        guard valueEnd - valueStart <= maxFieldBytes + 64, valueEnd + 8 <= count else { return false }
        for (offset, byte) in Self.closeValueAndCell.enumerated() where bytes[valueEnd + offset] != byte { return false }
        state.type = type
        state.style = style
        state.column = try column(of: reference, cursor, &state)
        state.lastColumn = state.column
        state.inValue = false
        state.inCell = false
        if type == .shared && valueEnd > valueStart {
            // The index is read where it is, without a copy.
            try appendShared(bytes, valueStart..<valueEnd, &state)
        } else {
            state.raw.removeAll(keepingCapacity: true)
            state.raw.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]))
            try finishCell(&state)
        }
        cursor.index = valueEnd + 8
        return true
    }

    /// A row's start tag that is not self-closing: what the event `start row` does.
    func plainRow(_ cursor: inout XMLCursor, _ state: inout State) throws -> Bool {
        let bytes = cursor.bytes
        let begin = cursor.index
        guard begin + 5 < bytes.count, bytes[begin] == UInt8(ascii: "<"), bytes[begin + 1] == UInt8(ascii: "r"),
            bytes[begin + 2] == UInt8(ascii: "o"), bytes[begin + 3] == UInt8(ascii: "w"), bytes[begin + 4] == UInt8(ascii: " ")
        else { return false }
        // The first `r` counts, as in `XMLCursor.attribute`.
        var reference: Range<Int>?
        guard
            let close = Self.plainAttributes(bytes, from: begin + 5, { name, value in
                if reference == nil, bytes[name.upperBound - 1] == UInt8(ascii: "r") { reference = value }
            }), bytes[close - 1] != UInt8(ascii: "/")
        else { return false }
        try startRow(reference.flatMap(cursor.integer), &state)
        cursor.index = close + 1
        return true
    }

    /// Scans `name="value"` attributes from `position` to the tag's `>`, calling `body` with the name and
    /// value of each attribute whose local name is one letter; the index of `>`, or nil for any other form
    /// (or a tag the chunk cuts off), which the events must read.
    @inline(__always)
    private static func plainAttributes(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void
    ) -> Int? {
        let count = bytes.count
        var position = start
        while true {
            guard position < count else { return nil }
            let byte = bytes[position]
            if XMLCursor.isSpace(byte) {
                position += 1
                continue
            }
            if byte == UInt8(ascii: ">") { return position }
            let nameStart = position
            while position < count, bytes[position] != UInt8(ascii: "="), bytes[position] != UInt8(ascii: ">"),
                bytes[position] != UInt8(ascii: "/"), !XMLCursor.isSpace(bytes[position])
            {
                // A quote outside a value: the events pair quotes as the tag's end is found; so must we.
                if bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") { return nil }
                position += 1
            }
            let nameEnd = position
            guard position + 1 < count, bytes[position] == UInt8(ascii: "="), bytes[position + 1] == UInt8(ascii: "\"") else { return nil }
            let value = position + 2
            position = value
            while position < count, bytes[position] != UInt8(ascii: "\"") { position += 1 }
            guard position < count else { return nil }
            let length = nameEnd - nameStart
            // `:r`: the events' readers disagree on it (a cell's ignores it, a row's takes it); leave it to them.
            if length == 2 && bytes[nameStart] == UInt8(ascii: ":") { return nil }
            if length == 1 || (length > 2 && bytes[nameEnd - 2] == UInt8(ascii: ":")) { body(nameStart..<nameEnd, value..<position) }
            position += 1
        }
    }

    private static let closeValueAndCell = Array("</v></c>".utf8)
}
