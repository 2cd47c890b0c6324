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
    /// (Markdown viewers render raw HTML); a line break becomes a space.
    static func markdown(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || "<>&\\|*_`[]#".contains($0) }) else { return text }
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "|", "*", "_", "`", "[", "]", "#": out += "\\" + String(character)
            case let newline where newline.isNewline: out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
