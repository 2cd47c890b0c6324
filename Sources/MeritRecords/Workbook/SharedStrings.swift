/// An .xlsx workbook's shared strings (`xl/sharedStrings.xml`): every text a cell holds by index, kept
/// as one byte buffer with offsets (a million-row sheet has ~20,000 distinct texts, mostly NIPs).
struct SharedStrings {
    private(set) var bytes: [UInt8] = []
    /// Where string `i` starts; string `i` ends where `i + 1` starts.
    private(set) var starts: [Int] = [0]
    /// Why a string may not be read (a hidden character), by index; nil when every string is fine.
    private(set) var problems: [Int: String] = [:]

    var count: Int { starts.count - 1 }

    func range(_ index: Int) -> Range<Int>? {
        guard index >= 0, index < count else { return nil }
        return starts[index]..<starts[index + 1]
    }

    mutating func startString() -> Int { bytes.count }

    mutating func append(_ decoded: [UInt8]) {
        bytes.append(contentsOf: decoded)
    }

    /// Ends the string begun at `start`; a hidden character in it is remembered, to be reported at the
    /// cells that use it.
    mutating func endString(from start: Int) {
        let index = count
        starts.append(bytes.count)
        let problem = bytes.withUnsafeBufferPointer { XMLText.hiddenProblem(UnsafeBufferPointer(rebasing: $0[start...])) }
        if let problem { problems[index] = problem }
    }

    /// The total size of the strings, bounded so that a damaged or hostile workbook cannot take the memory.
    static let limit = 512 << 20
}

/// Reads `sharedStrings.xml` as it streams: each `<si>` is one string, the concatenation of its `<t>`
/// texts (plain, or runs of rich text), without the phonetic guides (`<rPh>`) some writers add.
struct SharedStringsParser {
    private(set) var strings = SharedStrings()
    private var inString = false
    private var inText = false
    private var inPhonetic = false
    private var start = 0
    private var decoded: [UInt8] = []

    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) throws -> Int {
        try XMLCursor.events(in: bytes, final: final, damaged: { XMLProblem($0).inPart("sharedStrings.xml") }) { cursor, event in
            try handle(event, cursor)
        }
    }

    private mutating func handle(_ event: XMLCursor.Event, _ cursor: XMLCursor) throws {
        switch event {
        case .start(let tag):
            if cursor.equal(tag.name, Self.si) {
                inString = true
                start = strings.startString()
                if tag.isSelfClosing {
                    inString = false
                    strings.endString(from: start)
                }
            } else if cursor.equal(tag.name, Self.t) {
                inText = !tag.isSelfClosing
            } else if cursor.equal(tag.name, Self.rPh) {
                inPhonetic = !tag.isSelfClosing
            }
        case .end(let name):
            if cursor.equal(name, Self.si) {
                inString = false
                strings.endString(from: start)
            } else if cursor.equal(name, Self.t) {
                inText = false
            } else if cursor.equal(name, Self.rPh) {
                inPhonetic = false
            }
        case .text(let range), .cdata(let range):
            guard inString && inText && !inPhonetic else { return }
            decoded.removeAll(keepingCapacity: true)
            if case .cdata = event {
                decoded.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[range]))
            } else {
                do {
                    try XMLText.decode(range, in: cursor.bytes, ooxmlEscapes: true, into: &decoded)
                } catch {
                    throw error.inPart("sharedStrings.xml")
                }
            }
            strings.append(decoded)
            if strings.bytes.count > SharedStrings.limit {
                throw WorkbookError("the shared strings are larger than \(SharedStrings.limit >> 20) MB")
            }
        case .incomplete, .endOfInput:
            return
        }
    }

    private static let si = Array("si".utf8)
    private static let t = Array("t".utf8)
    private static let rPh = Array("rPh".utf8)
}
