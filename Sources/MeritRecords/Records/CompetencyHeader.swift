import MeritCore
import MeritLibrary

/// Reads a wide sheet's column header as the competency it names, in the forms assessors write: the id
/// (`komunikasi`), the name (`Komunikasi`), the code in any usual spelling (`M.03`, `M03`, `M.3`, `M 03`),
/// or code and name together (`Komunikasi (M.03)`, `M.03 - Komunikasi`, `M.03 Komunikasi`,
/// `M.03: Komunikasi`), case and spacing free. A header whose parts name two different competencies is
/// a conflict, never a guess.
struct CompetencyHeader {
    enum Match: Equatable {
        case competency(Int)
        /// The header's parts name different competencies: why.
        case conflict(String)
        case none
    }

    private let library: Library
    /// Competency refs by normalised id, name and code key.
    private var byText: [String: Set<Int>] = [:]
    private var byCode: [String: Set<Int>] = [:]

    init(library: Library) {
        self.library = library
        for (ref, id) in library.competencyOrder.enumerated() {
            guard let competency = library.competency(named: id) else { continue }
            byText[Self.normalized(id), default: []].insert(ref)
            byText[Self.normalized(competency.name), default: []].insert(ref)
            if let key = Self.codeKey(competency.code) { byCode[key, default: []].insert(ref) }
        }
    }

    func match(_ header: String) -> Match {
        let text = Self.normalized(header)
        guard !text.isEmpty else { return .none }
        if let whole = whole(text) { return whole }
        // Code and name together: `name (code)`, `code - name`, `code: name`, `code name`, `name code`.
        for (first, second) in Self.splits(text) {
            let left = whole(first)
            let right = whole(second)
            switch (left, right) {
            case (.competency(let a)?, .competency(let b)?):
                if a == b { return .competency(a) }
                return .conflict("'\(first)' names \(describe(a)) but '\(second)' names \(describe(b))")
            case (.conflict(let why)?, _), (_, .conflict(let why)?):
                return .conflict(why)
            default:
                continue
            }
        }
        return .none
    }

    /// The header as one id, name or code.
    private func whole(_ text: String) -> Match? {
        var refs = byText[text] ?? []
        if let key = Self.codeKey(text) { refs.formUnion(byCode[key] ?? []) }
        switch refs.count {
        case 0: return nil
        case 1: return .competency(refs.first!)
        default:
            return .conflict("'\(text)' names \(refs.sorted().map(describe).joined(separator: " and "))")
        }
    }

    private func describe(_ ref: Int) -> String {
        let id = library.competencyOrder[ref]
        guard let competency = library.competency(named: id) else { return id }
        return "\(competency.name) (\(competency.code))"
    }

    /// Lower case, spaces collapsed, trimmed.
    static func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    /// A code's key: letters and the number without leading zeros (`M.03`, `m03`, `M 3` → `m3`); nil when
    /// the text is not a code (1–4 letters, then at most a dot, dash, underscore or space, then 1–3 digits).
    static func codeKey(_ text: String) -> String? {
        let characters = Array(text.lowercased())
        var index = 0
        var letters = ""
        while index < characters.count, characters[index].isASCII, characters[index].isLetter {
            letters.append(characters[index])
            index += 1
        }
        guard (1...4).contains(letters.count) else { return nil }
        var separators = 0
        while index < characters.count, [".", "-", "_", " "].contains(characters[index]) {
            separators += 1
            index += 1
        }
        guard separators <= 2 else { return nil }
        let digits = String(characters[index...])
        guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
        return letters + String(number)
    }

    /// Ways to cut a header into two parts, separators dropped.
    static func splits(_ text: String) -> [(String, String)] {
        var cuts: [(String, String)] = []
        func add(_ first: Substring, _ second: Substring) {
            let strip: (Substring) -> String = { part in
                normalized(String(part.trimming(" -–—:.()[]")))
            }
            let a = strip(first)
            let b = strip(second)
            if !a.isEmpty && !b.isEmpty { cuts.append((a, b)) }
        }
        if let open = text.lastIndex(where: { $0 == "(" || $0 == "[" }), text.hasSuffix(")") || text.hasSuffix("]") {
            add(text[..<open], text[text.index(after: open)...])
        }
        for separator in [" - ", " – ", " — ", ": ", ". ", " / "] {
            if let range = text.firstRange(of: separator) { add(text[..<range.lowerBound], text[range.upperBound...]) }
        }
        // `m.03 komunikasi`, `m 03 komunikasi`, `komunikasi m.03`: at each space.
        for index in text.indices where text[index] == " " {
            add(text[..<index], text[text.index(after: index)...])
        }
        return cuts
    }
}

extension Substring {
    /// The text without the given characters at either end.
    func trimming(_ set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}
