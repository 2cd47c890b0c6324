import Foundation
import Testing

@testable import MeritReports

/// A test object: fields by name.
private struct Fields: TemplateObject {
    var fields: [String: TemplateValue]

    init(_ fields: [String: TemplateValue]) { self.fields = fields }

    func value(named name: String) -> TemplateValue? { fields[name] }
}

private func render(_ template: String, _ fields: [String: TemplateValue] = [:], partials: [String: String] = [:]) throws -> String {
    let set = try TemplateSet(partials.merging(["main": template]) { $1 })
    return set.render(Fields(fields), template: "main")
}

private func refusal(_ template: String, partials: [String: String] = [:]) -> TemplateError? {
    do {
        _ = try TemplateSet(partials.merging(["main": template]) { $1 })
        return nil
    } catch {
        return error
    }
}

/// The Mustache that HR may write in `Reports/templates`: what each tag does, and every template the
/// renderer refuses, with its line and column.
@Suite struct TemplateEngineTests {
    @Test func valuesAreEscapedForTheContentType() throws {
        let fields: [String: TemplateValue] = ["name": .text(#"<b>"O'Neil" & *co*</b>"#), "count": .number(12), "yes": .flag(true)]
        #expect(try render("{{name}}|{{{name}}}|{{& name }}|{{count}}|{{yes}}|{{missing}}.", fields)
            == #"&lt;b&gt;&quot;O&#39;Neil&quot; &amp; *co*&lt;/b&gt;|<b>"O'Neil" & *co*</b>|<b>"O'Neil" & *co*</b>|12|true|."#)
        #expect(try render("{{% CONTENT_TYPE: MARKDOWN}}\n{{name}}", fields) == #"&lt;b&gt;"O'Neil" &amp; \*co\*&lt;/b&gt;"#)
        #expect(try render("{{% CONTENT_TYPE: TEXT}}\n{{name}}", fields) == #"<b>"O'Neil" & *co*</b>"#)
    }

    @Test func sectionsFollowTheirValue() throws {
        let person = TemplateValue.object(Fields(["name": .text("Ani"), "unit": .object(Fields(["name": .text("BKPSDM")]))]))
        let fields: [String: TemplateValue] = [
            "person": person, "list": .list([.text("a"), .text("b")]), "empty": .list([]), "on": .flag(true), "off": .flag(false),
            "name": .text("outer"),
        ]
        #expect(try render("{{#person}}{{name}} di {{unit.name}}{{/person}}", fields) == "Ani di BKPSDM")
        #expect(try render("{{person.unit.name}}|{{person.nothing.name}}|{{#person}}{{#unit}}{{name}}{{/unit}}{{/person}}", fields) == "BKPSDM||BKPSDM")
        #expect(try render("{{#list}}[{{.}}]{{/list}}{{^list}}none{{/list}}", fields) == "[a][b]")
        #expect(try render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", fields) == "none")
        #expect(try render("{{#on}}{{name}}{{/on}}{{#off}}no{{/off}}{{^off}}off{{/off}}{{^missing}}missing{{/missing}}", fields) == "outeroffmissing")
        // A name not on the inner value is looked up outward; a dotted name only inside its first part.
        #expect(try render("{{#person}}{{name}}/{{on}}{{/person}}", fields) == "Ani/true")
        #expect(try render("{{#person}}{{unit.on}}{{/person}}", fields) == "")
    }

    @Test func standaloneTagsTakeTheirLine() throws {
        let fields: [String: TemplateValue] = ["list": .list([.text("a"), .text("b")])]
        #expect(try render("<ul>\n  {{#list}}\n  <li>{{.}}</li>\n  {{/list}}\n</ul>\n", fields) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("a\n  {{! a comment\n over lines }}  \r\nb {{! inline }}c\n", fields) == "a\nb c\n")
        #expect(try render("{{#list}}{{.}}{{/list}}\n", fields) == "ab\n")
        #expect(try render("x {{#list}}\n{{/list}}", fields) == "x \n\n")
    }

    @Test func partialsAreIndentedLineByLine() throws {
        let fields: [String: TemplateValue] = ["value": .text("1\n2")]
        let partials = ["item": "<i>\n{{{value}}}\n</i>\n"]
        #expect(try render("<div>\n  {{> item}}\n</div>\n", fields, partials: partials) == "<div>\n  <i>\n  1\n2\n  </i>\n</div>\n")
        #expect(try render("[{{> item}}]", fields, partials: partials) == "[<i>\n1\n2\n</i>\n]")
    }

    @Test func delimitersCanChange() throws {
        #expect(try render("{{=<% %>=}}\n<% name %> {{name}} <%={{ }}=%>{{name}}", ["name": .text("x")]) == "x {{name}} x")
    }

    @Test func badTemplatesAreRefusedWithTheirLocation() {
        let cases: [(String, [String: String], TemplateError)] = [
            ("a\nb {{name\n", [:], TemplateError(template: "main", line: 2, column: 3, message: "this tag is not closed: {{ needs }}")),
            ("{{#a}}\n  {{#b}}x{{/a}}", [:], TemplateError(
                template: "main", line: 2, column: 10, message: "{{/a}} closes {{#b}} (opened at line 2, column 3): close it with {{/b}} first")),
            ("x\n{{^list}}", [:], TemplateError(template: "main", line: 2, column: 1, message: "{{^list}} is never closed: add {{/list}}")),
            ("{{/list}}", [:], TemplateError(template: "main", line: 1, column: 1, message: "{{/list}} closes a section that was never opened")),
            ("é {{first name}}", [:], TemplateError(
                template: "main", line: 1, column: 3, message: "'first name' is not a name: write a field, a dotted path (person.name) or '.'")),
            ("{{person..name}}", [:], TemplateError(
                template: "main", line: 1, column: 1, message: "'person..name' is not a name: write a field, a dotted path (person.name) or '.'")),
            ("{{upper(name)}}", [:], TemplateError(
                template: "main", line: 1, column: 1, message: "'upper(name)' is not a name: write a field, a dotted path (person.name) or '.'")),
            ("{{% CONTENT_TYPE: PDF}}", [:], TemplateError(template: "main", line: 1, column: 1, message: "unknown content type 'PDF': use one of HTML, MARKDOWN, TEXT")),
            ("{{% ENCODING: UTF8}}", [:], TemplateError(
                template: "main", line: 1, column: 1, message: "the only pragma is {{% CONTENT_TYPE: TYPE}} (TYPE one of HTML, MARKDOWN, TEXT)")),
            ("{{<base}}{{/base}}", [:], TemplateError(
                template: "main", line: 1, column: 1, message: "template inheritance ({{$block}}, {{<parent}}) is not supported: use sections and partials")),
            ("{{=<% %>}}", [:], TemplateError(template: "main", line: 1, column: 1, message: "this tag is not closed: {{ needs =}}")),
            ("{{= <% =}}", [:], TemplateError(
                template: "main", line: 1, column: 1, message: "new delimiters are written {{=<% %>=}}: two markers without '=', separated by a space")),
            ("{{>}}", [:], TemplateError(template: "main", line: 1, column: 1, message: "a partial needs a template name without spaces: {{> name}}")),
            ("\n  {{> header.html}}", ["footer.html": ""], TemplateError(
                template: "main", line: 2, column: 3, message: "no template called 'header.html' for this partial (have: footer.html, main)")),
            ("{{> a}}", ["a": "x {{> b}}", "b": "{{> a}}"], TemplateError(
                template: "b", line: 1, column: 1, message: "partials include each other without end (a → b → a)")),
        ]
        for (template, partials, expected) in cases {
            #expect(refusal(template, partials: partials) == expected, "\(template)")
        }
    }

    @Test func aTemplatesFolderIsUsedExactlyOrRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func refused() -> String? {
            do {
                _ = try ReportTemplates(folder: folder.path)
                return nil
            } catch {
                return error.description
            }
        }
        let misspelt = folder.appendingPathComponent("plan.htm.mustache")
        try "x".write(to: misspelt, atomically: true, encoding: .utf8)
        #expect(refused()?.hasPrefix("\(misspelt.path): error: no report uses a template called 'plan.htm': rename it to one of evidence.html.mustache, evidence.md.mustache, explain.txt.mustache, ") == true)
        try FileManager.default.removeItem(at: misspelt)

        let latin1 = folder.appendingPathComponent("plan.md.mustache")
        try Data([0x52, 0x65, 0x6E, 0x63, 0x61, 0x6E, 0x61, 0xE9, 0x0A]).write(to: latin1)
        #expect(refused() == "\(latin1.path): error: the template cannot be read as UTF-8 text: save it as UTF-8, or remove it to use the built-in one")

        try "{{% CONTENT_TYPE: MARKDOWN}}\n# {{l.title_plan}\n".write(to: latin1, atomically: true, encoding: .utf8)
        #expect(refused() == "\(latin1.path):2:3: error: this tag is not closed: {{ needs }}")

        #expect(throws: TemplateError(template: folder.appendingPathComponent("none").path, message: "the templates folder cannot be read")) {
            try ReportTemplates(folder: folder.appendingPathComponent("none").path)
        }
    }
}
