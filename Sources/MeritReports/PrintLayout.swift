import MeritCore

/// The agency's letterhead (kop) at the top of a printed report.
struct Letterhead {
    var parent: String?
    var name: String
    var address: String?
    var logo: String?

    init?(_ agency: Agency?) {
        guard let agency else { return nil }
        parent = agency.parent
        name = agency.name
        address = agency.address
        logo = agency.logo
    }
}

/// What every printed page carries (CSS paged media, `@page` margin boxes: Chromium prints them): a
/// running header naming the document (and, for a plan, the person), and "Halaman 2 dari 5".
enum PrintLayout {
    /// The `@page` rules of one document, for a `<style>` element (already CSS-escaped: insert raw).
    static func pageCSS(header: String, labels: ReportLabels) -> String {
        // "Halaman {page} dari {pages}" → "Halaman " counter(page) " dari " counter(pages).
        var parts: [String] = []
        var rest = Substring(labels.text("page_number"))
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(cssString(String(rest[..<open]))) }
            let key = rest[rest.index(after: open)..<close]
            parts.append(key == "pages" ? "counter(pages)" : "counter(page)")
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(cssString(String(rest))) }
        return """
            @page { @top-left { content: \(cssString(header)); font-size: 8pt; color: #667085; }
              @bottom-right { content: \(parts.joined(separator: " ")); font-size: 8pt; color: #667085; } }
            """
    }

    /// `text` as a CSS string: quotes and backslashes escaped, and `<` too, so no `</style>` can appear.
    static func cssString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\3C "
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
