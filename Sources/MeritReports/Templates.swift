import Foundation
import Mustache

/// Markdown escaping for `{{value}}` in Markdown templates: characters that would start markup or break a
/// table are escaped, and HTML is neutralised (Markdown viewers render raw HTML).
struct MarkdownContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
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

/// `{{value}}` in HTML templates that start with `{{% CONTENT_TYPE: HTML}}`: the same escaping as Mustache's
/// default, without its per-character dictionary lookup (a sixth of the time of rendering a plan).
struct HTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}

/// The report templates: from a folder HR can edit (`Reports/templates`, or `--templates DIR`), each
/// template falling back to the built-in copy when the folder lacks it.
public struct ReportTemplates: Sendable {
    public static let names = ["style.css", "letterhead.html", "plan.html", "plan.md", "explain.txt", "gaps.html", "gaps.md", "talent.html", "talent.md"]

    let library: MustacheLibrary
    /// Where each template came from (a file path, or "built-in").
    public let sources: [String: String]

    public init(folder: String?) throws {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
        MustacheContentTypes.register(HTMLContentType(), named: "HTML")
        var library = MustacheLibrary()
        var sources: [String: String] = [:]
        for name in Self.names {
            var text = BuiltInTemplates.all[name]!
            var source = "built-in"
            if let folder {
                let path = (folder as NSString).appendingPathComponent(name + ".mustache")
                if let custom = try? String(contentsOfFile: path, encoding: .utf8) {
                    text = custom
                    source = path
                }
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw TemplateError(template: source == "built-in" ? name : source, message: "\(error)")
            }
            sources[name] = source
        }
        self.library = library
        self.sources = sources
    }

    public func render(_ view: Any, template name: String) -> String {
        library.render(view, withTemplate: name) ?? ""
    }
}

public struct TemplateError: Error, CustomStringConvertible {
    public var template: String
    public var message: String

    public var description: String { "\(template): error: the template cannot be read: \(message)" }
}
