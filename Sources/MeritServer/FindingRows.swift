import MeritCore
import MeritLibrary
import MeritYAML
import MeritReports

/// Findings as the pages list them (`site-findings.html`): the file, the place as a spreadsheet user or
/// an editor reads it (cell `E12`, or line and column), the severity and the message.
enum FindingRows {
    static func rows(_ findings: [Finding], _ text: SiteText) -> [TemplateValue] {
        findings.map { finding in
            .object(
                [
                    "file": .text(finding.location.file), "place": .text(place(finding.location, text)),
                    "severity": .text(finding.severity.rawValue), "message": .text(finding.message),
                ] as TemplateFields)
        }
    }

    static func place(_ mark: SourceMark, _ text: SiteText) -> String {
        guard mark.line > 0 else { return "—" }
        if mark.isCell, mark.column > 0 { return text("place_cell", ["cell": "\(SourceMark.columnLetters(mark.column))\(mark.line)"]) }
        if !mark.isCell, mark.column > 0 { return text("place_line_column", ["line": String(mark.line), "column": String(mark.column)]) }
        return text("place_line", ["line": String(mark.line)])
    }
}
