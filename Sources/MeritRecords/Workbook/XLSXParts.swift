/// The small parts of an Office Open XML workbook (ECMA-376 Part 1, §18): the sheet list and date system
/// (`workbook.xml`), where each sheet's part is (`_rels/workbook.xml.rels`), and which cell styles show
/// numbers as dates or percentages (`styles.xml`).
enum XLSXParts {
    struct Relationship {
        var type: String
        /// The target as an archive path (`xl/worksheets/sheet1.xml`).
        var path: String
    }

    /// Relationships by id; targets resolved against the folder of the part that owns them.
    static func relationships(_ xml: [UInt8], folder: String) throws -> [String: Relationship] {
        var found: [String: Relationship] = [:]
        try forEachStartTag(xml, part: "relationships") { cursor, tag in
            guard cursor.equal(tag.name, Array("Relationship".utf8)), let id = cursor.attribute(Array("Id".utf8), of: tag),
                let target = cursor.attribute(Array("Target".utf8), of: tag)
            else { return }
            let type = cursor.attribute(Array("Type".utf8), of: tag).map(cursor.string) ?? ""
            found[cursor.string(id)] = Relationship(type: type, path: resolve(cursor.string(target), in: folder))
        }
        return found
    }

    /// `worksheets/sheet1.xml` in `xl` → `xl/worksheets/sheet1.xml`; `/xl/…` is already from the root.
    static func resolve(_ target: String, in folder: String) -> String {
        var pieces = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." {
                if !pieces.isEmpty { pieces.removeLast() }
            } else if piece != "." {
                pieces.append(String(piece))
            }
        }
        return pieces.joined(separator: "/")
    }

    struct ListedSheet {
        var name: String
        var relationship: String
    }

    static func workbook(_ xml: [UInt8]) throws -> (sheets: [ListedSheet], date1904: Bool) {
        var sheets: [ListedSheet] = []
        var date1904 = false
        try forEachStartTag(xml, part: "workbook") { cursor, tag in
            if cursor.equal(tag.name, Array("workbookPr".utf8)), let value = cursor.attribute(Array("date1904".utf8), of: tag) {
                date1904 = ["1", "true"].contains(cursor.string(value))
            } else if cursor.equal(tag.name, Array("sheet".utf8)), let name = cursor.attribute(Array("name".utf8), of: tag),
                let id = cursor.attribute(Array("id".utf8), of: tag)
            {
                sheets.append(ListedSheet(name: try decoded(cursor, name), relationship: cursor.string(id)))
            }
        }
        return (sheets, date1904)
    }

    /// Built-in number formats that show a date or time (ECMA-376 §18.8.30, and the East Asian ones).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)
    static let builtInPercentFormats: Set<Int> = [9, 10]

    /// For each cell format (`cellXfs`, which a cell's `s` indexes): whether it shows a date, a percentage.
    static func styles(_ xml: [UInt8]) throws -> (dates: [Bool], percents: [Bool]) {
        var customDate: Set<Int> = []
        var customPercent: Set<Int> = []
        var dates: [Bool] = []
        var percents: [Bool] = []
        var inCellXfs = false
        try forEachTag(xml, part: "styles") { cursor, event in
            switch event {
            case .end(let name):
                if cursor.equal(name, Array("cellXfs".utf8)) { inCellXfs = false }
            case .start(let tag):
                if cursor.equal(tag.name, Array("cellXfs".utf8)) {
                    inCellXfs = !tag.isSelfClosing
                } else if cursor.equal(tag.name, Array("numFmt".utf8)),
                    let id = cursor.attribute(Array("numFmtId".utf8), of: tag).flatMap(cursor.integer),
                    let code = cursor.attribute(Array("formatCode".utf8), of: tag)
                {
                    let format = try decoded(cursor, code)
                    if showsDate(format) { customDate.insert(id) }
                    if format.contains("%") { customPercent.insert(id) }
                } else if inCellXfs, cursor.equal(tag.name, Array("xf".utf8)) {
                    let id = cursor.attribute(Array("numFmtId".utf8), of: tag).flatMap(cursor.integer) ?? 0
                    dates.append(builtInDateFormats.contains(id) || customDate.contains(id))
                    percents.append(builtInPercentFormats.contains(id) || customPercent.contains(id))
                }
            }
        }
        return (dates, percents)
    }

    /// Whether a number format code shows a date or time: a `d`, `m`, `y`, `h` or `s` outside quoted text,
    /// escapes and `[…]` (colours, conditions, locales).
    static func showsDate(_ code: String) -> Bool {
        var inQuote = false
        var inBracket = false
        var escaped = false
        for character in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": inQuote.toggle()
            case "[" where !inQuote: inBracket = true
            case "]" where !inQuote: inBracket = false
            case "d", "m", "y", "h", "s":
                if !inQuote && !inBracket { return code.lowercased() != "general" }
            default: break
            }
        }
        return false
    }

    private static func decoded(_ cursor: XMLCursor, _ range: Range<Int>) throws -> String {
        var output: [UInt8] = []
        do {
            try XMLText.decode(range, in: cursor.bytes, ooxmlEscapes: false, into: &output)
        } catch {
            throw error.inPart("workbook")
        }
        return String(decoding: output, as: UTF8.self)
    }

    enum PartEvent {
        case start(XMLCursor.Tag)
        case end(Range<Int>)
    }

    /// Calls `body` for each start tag of a small part held in memory.
    private static func forEachStartTag(
        _ xml: [UInt8], part: String, _ body: (XMLCursor, XMLCursor.Tag) throws -> Void
    ) throws {
        try forEachTag(xml, part: part) { (cursor, event) throws in
            if case .start(let tag) = event { try body(cursor, tag) }
        }
    }

    /// Calls `body` for each start and end tag (a self-closing tag is both) of a small part in memory.
    private static func forEachTag(
        _ xml: [UInt8], part: String, _ body: (XMLCursor, PartEvent) throws -> Void
    ) throws {
        try xml.withUnsafeBufferPointer { (bytes) throws in
            var cursor = XMLCursor(bytes)
            while true {
                let event: XMLCursor.Event
                do {
                    event = try cursor.next()
                } catch {
                    throw (error as? XMLProblem)?.inPart(part) ?? error
                }
                switch event {
                case .start(let tag):
                    try body(cursor, .start(tag))
                    if tag.isSelfClosing { try body(cursor, .end(tag.name)) }
                case .end(let name):
                    try body(cursor, .end(name))
                case .text, .cdata:
                    continue
                case .incomplete:
                    throw XMLProblem("it ends inside a tag").inPart(part)
                case .endOfInput:
                    return
                }
            }
        }
    }
}
