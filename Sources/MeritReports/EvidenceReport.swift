import MeritCore
import MeritRecords

/// The merit-system evidence (`merit evidence`): figures with their definitions, key positions' talent
/// pools and successors, gaps by competency with planned activities. Counts only, unless `withNames`
/// (HR's variant) lists each pool.
extension Reports {
    /// One wide table for CSV and xlsx: figure rows fill share/count/of, key positions holders to
    /// successors, gap rows count (below) and of (assessed).
    public func evidenceTable(_ evidence: MeritEvidence, withNames: Bool) -> ReportTable {
        var rows: [[CSVWriter.Cell]] = []
        for (id, share) in evidenceFigures(evidence) {
            rows.append([
                .text("figure"), .text(id), .text(labels.text("evidence_\(id)")), Self.cell(share.value?.formatted(places: 4)),
                .number(String(share.count)), .number(String(share.of)), .text(""), .text(""), .text(""), .text(""),
                .text(labels.text("evidence_\(id)_def", ["minimum": String(library.scoring.minimumJPPerYear), "years": String(library.scoring.validityYears)])),
            ])
        }
        for position in evidence.keyPositions {
            var note = position.needsSuccessors ? labels.text("evidence_few_successors") : ""
            if withNames { note = ([note] + position.pool.map { "\($0.nip) \($0.name) (\(readiness($0)))" }).filter { !$0.isEmpty }.joined(separator: "; ") }
            rows.append([
                .text("key-position"), .text(position.position), .text(position.title), .text(""), .text(""), .text(""),
                .number(String(position.holders)), .text(poolSize(position)), .number(String(position.readyNow)), .number(String(position.successors)),
                .text(note),
            ])
        }
        for group in evidence.gaps.groups {
            let planned = group.activities.map { "\($0.title) (\($0.participants))" }.joined(separator: "; ")
            rows.append([
                .text("gap"), .text(group.key), .text(group.label), .text(""), .number(String(group.peopleBelowStandard)), .number(String(group.peopleAssessed)),
                .text(""), .text(""), .text(""), .text(""), .text(planned),
            ])
        }
        return ReportTable(header: ["section", "id", "name", "share", "count", "of", "holders", "pool", "ready_now", "successors", "note"], rows: rows)
    }

    /// The evidence as a page (HTML) or Markdown, in the agency's letterhead.
    public func render(evidence: MeritEvidence, as format: ReportFormatKind, withNames: Bool, generatedOn: CalendarDate) throws -> String {
        let fmt = ReportFormat(labels: labels)
        let figures = evidenceFigures(evidence).map { id, share -> TemplateValue in
            .object(
                [
                    "name": .text(labels.text("evidence_\(id)")),
                    "share": .text(share.value.map { fmt.decimal($0 * 100, places: 1) + " %" } ?? labels.text("undecided")),
                    "count": .text("\(share.count) / \(share.of)"),
                    "definition": .text(labels.text("evidence_\(id)_def", ["minimum": String(library.scoring.minimumJPPerYear), "years": String(library.scoring.validityYears)])),
                ] as TemplateFields)
        }
        let positions = evidence.keyPositions.map { position -> TemplateValue in
            .object(
                [
                    "title": .text(position.title), "holders": .number(position.holders), "pool": .text(poolSize(position)),
                    "readyNow": .number(position.readyNow), "successors": .number(position.successors),
                    "flag": .text(position.needsSuccessors ? labels.text("evidence_few_successors") : ""),
                    "people": .texts(withNames ? position.pool.map { "\($0.nip) \($0.name) — \(readiness($0))" } : []),
                    "hasPeople": .flag(withNames && !position.pool.isEmpty),
                ] as TemplateFields)
        }
        let gaps = evidence.gaps.groups.map { group -> TemplateValue in
            .object(
                [
                    "label": .text(group.label), "assessed": .number(group.peopleAssessed), "below": .number(group.peopleBelowStandard),
                    "activities": .text(group.activities.map { "\($0.title) (\($0.participants))" }.joined(separator: "; ")),
                ] as TemplateFields)
        }
        var view: TemplateFields = [
            "l": .object(LabelFields(texts: labels.texts)), "language": .text(labels.language),
            "generatedOn": .text(labels.text("generated_on", ["date": generatedOn.description])),
            "variant": .text(labels.text(withNames ? "evidence_variant_names" : "evidence_variant_counts")),
            "pageCSS": .text(PrintLayout.pageCSS(header: labels.text("title_evidence"), labels: labels)),
            "figures": .list(figures), "positions": .list(positions), "hasPositions": .flag(!positions.isEmpty), "gaps": .list(gaps),
            "withheld": .text(evidence.gaps.suppressedGroups == 0 ? "" : labels.text("suppressed_line", ["groups": String(evidence.gaps.suppressedGroups), "people": String(evidence.gaps.suppressedPeople), "minimum": String(evidence.gaps.minimumGroupSize)])),
        ]
        view["letterhead"] = .maybe(Letterhead(library.agency))
        switch format {
        case .html: return templates.render(view, template: "evidence.html")
        case .markdown: return templates.render(view, template: "evidence.md")
        case .csv:
            let table = evidenceTable(evidence, withNames: withNames)
            return csvWriter.document(header: table.header, rows: table.rows)
        default: throw ReportTable.NotText()
        }
    }

    private func evidenceFigures(_ evidence: MeritEvidence) -> [(String, MeritEvidence.Share)] {
        [("standards", evidence.standards), ("valid_profiles", evidence.validProfiles), ("plans", evidence.plans)]
    }

    private func poolSize(_ position: MeritEvidence.KeyPosition) -> String {
        position.isTruncated ? "\(position.pool.count)+" : String(position.pool.count)
    }

    private func readiness(_ candidate: MeritEvidence.Candidate) -> String {
        labels.text(candidate.readyNow ? "evidence_ready_now" : "evidence_ready_later") + (candidate.isHolder ? ", " + labels.text("evidence_holder") : "")
    }

    private static func cell(_ number: String?) -> CSVWriter.Cell { number.map(CSVWriter.Cell.number) ?? .text("") }
}
