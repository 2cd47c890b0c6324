/// Reads Mustache (https://mustache.github.io/mustache.5.html): `{{name}}`, `{{{name}}}`, `{{&name}}`,
/// sections `{{#name}}`, inverted sections `{{^name}}`, comments `{{! … }}`, partials `{{> name}}`, new
/// delimiters `{{=<% %>=}}`, and the content-type pragma `{{% CONTENT_TYPE: HTML}}`. A tag alone on its line
/// (a section, a comment, a partial, a pragma) takes its line with it, as the Mustache specification says.
///
/// What it cannot use exactly it refuses with the line and column: an unclosed tag or section, a section
/// closed by another name, a name with spaces or empty parts, template inheritance (`{{$…}}`, `{{<…}}`)
/// and lambdas, which Merit's templates do not have.
struct TemplateParser {
    private let bytes: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// A tag as read, before sections are nested.
    private enum Token {
        case text(String)
        case value(TemplateName, escaped: Bool)
        case open(TemplateName, inverted: Bool, at: Int)
        case close(TemplateName, at: Int)
        case partial(String, indentation: String, at: Int)
        case contentType(TemplateContentType)
    }

    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        try nest(tokens())
    }

    // MARK: Tags

    private mutating func tokens() throws(TemplateSyntaxError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var textStart = 0
        while let tagStart = find(open, from: index) {
            var cursor = tagStart + open.count
            let triple = open == Array("{{".utf8) && cursor < bytes.count && bytes[cursor] == UInt8(ascii: "{")
            var sigil: UInt8 = 0
            if triple {
                sigil = UInt8(ascii: "{")
                cursor += 1
            } else if cursor < bytes.count, Self.sigils.contains(bytes[cursor]) {
                sigil = bytes[cursor]
                cursor += 1
            }
            let closing = triple ? Array("}".utf8) + close : sigil == UInt8(ascii: "=") ? Array("=".utf8) + close : close
            guard let tagEnd = find(closing, from: cursor) else {
                throw error("this tag is not closed: \(String(decoding: open, as: UTF8.self)) needs \(String(decoding: closing, as: UTF8.self))", at: tagStart)
            }
            let content = String(decoding: bytes[cursor..<tagEnd], as: UTF8.self).trimmingSpaces
            let end = tagEnd + closing.count
            index = end

            let standalone = Self.standaloneSigils.contains(sigil) ? standaloneLine(tag: tagStart..<end, textStart: textStart) : nil
            let before = standalone?.lineStart ?? tagStart
            if before > textStart { tokens.append(.text(String(decoding: bytes[textStart..<before], as: UTF8.self))) }
            textStart = standalone?.next ?? end

            switch sigil {
            case UInt8(ascii: "!"):
                continue
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                tokens.append(.open(try name(content, at: tagStart), inverted: sigil == UInt8(ascii: "^"), at: tagStart))
            case UInt8(ascii: "/"):
                tokens.append(.close(try name(content, at: tagStart), at: tagStart))
            case UInt8(ascii: ">"):
                guard !content.isEmpty, !content.contains(where: \.isWhitespace) else {
                    throw error("a partial needs a template name without spaces: {{> name}}", at: tagStart)
                }
                let indentation = standalone.map { String(decoding: bytes[$0.lineStart..<tagStart], as: UTF8.self) } ?? ""
                tokens.append(.partial(content, indentation: indentation, at: tagStart))
            case UInt8(ascii: "="):
                try setDelimiters(content, at: tagStart)
            case UInt8(ascii: "%"):
                tokens.append(.contentType(try pragma(content, at: tagStart)))
            case UInt8(ascii: "$"), UInt8(ascii: "<"):
                throw error("template inheritance ({{$block}}, {{<parent}}) is not supported: use sections and partials", at: tagStart)
            default:
                let escaped = sigil != UInt8(ascii: "{") && sigil != UInt8(ascii: "&")
                tokens.append(.value(try name(content, at: tagStart), escaped: escaped))
            }
        }
        if textStart < bytes.count { tokens.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return tokens
    }

    private static let sigils: Set<UInt8> = Set("#^/!>=&%$<".utf8)
    /// Tags that take their line with them when alone on it.
    private static let standaloneSigils: Set<UInt8> = Set("#^/!>=%".utf8)

    /// Where the line of a standalone tag starts and where the text after it resumes (past its line
    /// break), when only spaces and tabs share the line with the tag; nil otherwise.
    private func standaloneLine(tag: Range<Int>, textStart: Int) -> (lineStart: Int, next: Int)? {
        var lineStart = tag.lowerBound
        while lineStart > textStart, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        // Another tag earlier on the same line: not alone.
        if lineStart == textStart, lineStart > 0, bytes[lineStart - 1] != UInt8(ascii: "\n") { return nil }
        guard bytes[lineStart..<tag.lowerBound].allSatisfy(Self.isBlank) else { return nil }
        var after = tag.upperBound
        while after < bytes.count, Self.isBlank(bytes[after]) { after += 1 }
        if after == bytes.count { return (lineStart, after) }
        if bytes[after] == UInt8(ascii: "\n") { return (lineStart, after + 1) }
        if bytes[after] == UInt8(ascii: "\r"), after + 1 < bytes.count, bytes[after + 1] == UInt8(ascii: "\n") { return (lineStart, after + 2) }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private func name(_ content: String, at offset: Int) throws(TemplateSyntaxError) -> TemplateName {
        if content == "." { return TemplateName(parts: [], written: content) }
        let parts = content.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !content.isEmpty, parts.allSatisfy({ !$0.isEmpty && !$0.contains(where: { $0.isWhitespace || "(){}".contains($0) }) }) else {
            throw error("'\(content)' is not a name: write a field, a dotted path (person.name) or '.'", at: offset)
        }
        return TemplateName(parts: parts, written: content)
    }

    private mutating func setDelimiters(_ content: String, at offset: Int) throws(TemplateSyntaxError) {
        let parts = content.split(whereSeparator: \.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
            throw error("new delimiters are written {{=<% %>=}}: two markers without '=', separated by a space", at: offset)
        }
        open = Array(parts[0].utf8)
        close = Array(parts[1].utf8)
    }

    private func pragma(_ content: String, at offset: Int) throws(TemplateSyntaxError) -> TemplateContentType {
        let known = TemplateContentType.allCases.map(\.rawValue).joined(separator: ", ")
        let parts = content.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces }
        guard parts.count == 2, parts[0] == "CONTENT_TYPE" else {
            throw error("the only pragma is {{% CONTENT_TYPE: TYPE}} (TYPE one of \(known))", at: offset)
        }
        guard let type = TemplateContentType(rawValue: parts[1]) else {
            throw error("unknown content type '\(parts[1])': use one of \(known)", at: offset)
        }
        return type
    }

    // MARK: Sections

    private func nest(_ tokens: [Token]) throws(TemplateSyntaxError) -> [TemplateNode] {
        var stack: [(name: TemplateName, inverted: Bool, at: Int, nodes: [TemplateNode])] = [(TemplateName(parts: [], written: ""), false, 0, [])]
        for token in tokens {
            switch token {
            case .text(let text): stack[stack.count - 1].nodes.append(.text(text))
            case .value(let name, let escaped): stack[stack.count - 1].nodes.append(.value(name, escaped: escaped))
            case .partial(let name, let indentation, let at):
                let (line, column) = location(at)
                stack[stack.count - 1].nodes.append(.partial(name, indentation: indentation, at: TemplateLocation(line: line, column: column)))
            case .contentType(let type): stack[stack.count - 1].nodes.append(.contentType(type))
            case .open(let name, let inverted, let at): stack.append((name, inverted, at, []))
            case .close(let name, let at):
                guard stack.count > 1 else { throw error("{{/\(name.written)}} closes a section that was never opened", at: at) }
                let section = stack.removeLast()
                guard section.name == name else {
                    let (line, column) = location(section.at)
                    throw error("{{/\(name.written)}} closes {{#\(section.name.written)}} (opened at line \(line), column \(column)): close it with {{/\(section.name.written)}} first", at: at)
                }
                stack[stack.count - 1].nodes.append(.section(name, section.nodes, inverted: section.inverted))
            }
        }
        if stack.count > 1, let unclosed = stack.last {
            throw error("{{\(unclosed.inverted ? "^" : "#")\(unclosed.name.written)}} is never closed: add {{/\(unclosed.name.written)}}", at: unclosed.at)
        }
        return stack[0].nodes
    }

    // MARK: Locations

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// 1-based line and column (in characters) of a byte offset.
    private func location(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1)
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = location(offset)
        return TemplateSyntaxError(line: line, column: column, message: message)
    }
}

/// Where a template cannot be read, 1-based.
struct TemplateSyntaxError: Error {
    var line: Int
    var column: Int
    var message: String
}

extension String {
    fileprivate var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice.removeFirst() }
        while slice.last?.isWhitespace == true { slice.removeLast() }
        return String(slice)
    }
}
