import MeritCore
import Testing

@testable import MeritReports

/// The byte-level escapers of Markdown and HTML (issue 15 made them work on UTF-8 bytes).
@Suite struct EscapingTests {
    @Test(arguments: [
        ("Integritas", "Integritas"),
        ("Kepala Bidang — Mutasi & Promosi", "Kepala Bidang — Mutasi &amp; Promosi"),
        ("a|b*c_d`e[f]g#h\\i", "a\\|b\\*c\\_d\\`e\\[f\\]g\\#h\\\\i"),
        ("<script>", "&lt;script&gt;"),
        ("one\ntwo\rthree\r\nfour", "one two three four"),
        ("vt\u{0B}ff\u{0C}nel\u{85}ls\u{2028}ps\u{2029}end", "vt ff nel ls ps end"),
        // A combining mark after a marker is one Character to Swift, but a Markdown parser reads the marker.
        ("*\u{301}bold*", "\\*\u{301}bold\\*"),
        // Other code points with the same lead bytes as NEL, LS and PS stay as they are.
        ("¼ … – ≥ é", "¼ … – ≥ é"),
        ("", ""),
    ])
    func markdown(text: String, escaped: String) {
        #expect(TemplateContentType.markdown(text) == escaped)
    }

    @Test func markdownLeavesEveryLineBreakACharacterOnce() {
        // Exactly what Character.isNewline calls a line break becomes one space: CR LF is one.
        for text in ["a\r\nb", "a\nb", "a\u{2028}b"] {
            let spaces = text.filter(\.isNewline).count
            #expect(TemplateContentType.markdown(text).filter { $0 == " " }.count == spaces)
        }
    }

    @Test(arguments: [
        ("Andi & Budi", "Andi &amp; Budi"),
        ("<b title='x'>\"", "&lt;b title=&#39;x&#39;&gt;&quot;"),
        // A quote followed by a combining mark still ends an HTML attribute: it is escaped.
        ("\"\u{301} onmouseover=alert(1)", "&quot;\u{301} onmouseover=alert(1)"),
        ("Rp 1.000 — é", "Rp 1.000 — é"),
    ])
    func html(text: String, escaped: String) {
        #expect(MarkupEscaping.escape(text) == escaped)
        #expect(HTML.escape(text) == escaped)
    }
}
