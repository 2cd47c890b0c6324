/// A template compiled once: text to copy and the tags in between, sections holding their content.
enum TemplateNode: Sendable {
    /// Text copied as written.
    case text(String)
    /// `{{name}}` (escaped for the template's content type) or `{{{name}}}` / `{{&name}}` (as is).
    case value(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`, each of its lines indented by the whitespace before a standalone tag; `at` is the
    /// tag's line and column, for the message when no template has that name.
    case partial(String, indentation: String, at: TemplateLocation)
    /// `{{% CONTENT_TYPE: HTML}}`: how the rest of the template escapes `{{name}}`.
    case contentType(TemplateContentType)
}

/// A 1-based line and column in a template.
struct TemplateLocation: Sendable, Equatable {
    var line: Int
    var column: Int
}

/// A name as a template writes it: `.` (the current value) or parts joined by dots (`person.name`).
struct TemplateName: Sendable, Equatable {
    /// Empty for `.`.
    let parts: [String]
    let written: String
}

/// How `{{name}}` is escaped: HTML (the default), Markdown, or plain text (no escaping).
public enum TemplateContentType: String, Sendable, CaseIterable {
    case html = "HTML"
    case markdown = "MARKDOWN"
    case text = "TEXT"

    func escape(_ text: String) -> String {
        switch self {
        case .html: HTML.escape(text)
        case .markdown: Self.markdown(text)
        case .text: text
        }
    }

    /// Characters that would start Markdown markup or break a table are escaped, and HTML is neutralised
    /// (Markdown viewers render raw HTML); a line break (LF, CR, CR LF, VT, FF, NEL, LS, PS: what
    /// `Character.isNewline` calls one) becomes a space. Works on UTF-8 bytes, as a Markdown parser reads
    /// code points: `*` followed by a combining mark still starts emphasis, so it is escaped too.
    static func markdown(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.contains(where: { markdownSpecial($0) }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            func next(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "\\"), UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
                    UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"):
                    out.append(UInt8(ascii: "\\"))
                    out.append(byte)
                case 0x0D:
                    out.append(UInt8(ascii: " "))
                    if next(1) == 0x0A { index += 1 }
                case 0x0A, 0x0B, 0x0C: out.append(UInt8(ascii: " "))
                case 0xC2 where next(1) == 0x85:
                    out.append(UInt8(ascii: " "))
                    index += 1
                case 0xE2 where next(1) == 0x80 && (next(2) == 0xA8 || next(2) == 0xA9):
                    out.append(UInt8(ascii: " "))
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }

    /// A byte that may need escaping: the ASCII specials, line breaks, and the lead bytes of NEL, LS and PS.
    private static func markdownSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x0A...0x0D, 0xC2, 0xE2, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\\"),
            UInt8(ascii: "|"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "#"):
            true
        default: false
        }
    }
}
