import Foundation
import MeritCore
import MeritRecords

/// Rows of labelled cells, printed as an aligned text table, CSV (formula-safe) or JSON.
public struct ResultTable: Sendable {
    public var columns: [String]
    /// Numeric columns are right-aligned in text and written as numbers in CSV.
    public var numeric: Set<String>
    /// Numbers whose written decimals are the result (a JPM of `80.00` decides a category): strings in
    /// JSON, where a number would lose them (`80`) or gain float noise.
    public var decimal: Set<String>
    /// Columns for machines and spreadsheets (an exact fraction, a category's label) that the table on a
    /// terminal leaves out to stay readable.
    public var detail: Set<String>
    public var rows: [[String]]

    public init(columns: [String], numeric: Set<String> = [], decimal: Set<String> = [], detail: Set<String> = [], rows: [[String]] = []) {
        self.columns = columns
        self.numeric = numeric
        self.decimal = decimal
        self.detail = detail
        self.rows = rows
    }

    public func text() -> String {
        let shown = columns.indices.filter { !detail.contains(columns[$0]) }
        var widths = shown.map { columns[$0].count }
        for row in rows {
            for (position, index) in shown.enumerated() { widths[position] = max(widths[position], row[index].count) }
        }
        func line(_ cells: [String], right: (Int) -> Bool) -> String {
            cells.enumerated().map { position, cell in
                let pad = String(repeating: " ", count: widths[position] - cell.count)
                return right(position) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        let right = { (position: Int) in self.numeric.contains(self.columns[shown[position]]) }
        return line(shown.map { columns[$0] }, right: right) + line(widths.map { String(repeating: "-", count: $0) }, right: right)
            + rows.map { row in line(shown.map { row[$0] }, right: right) }.joined()
    }

    public func csv(_ writer: CSVWriter = CSVWriter()) -> String {
        writer.document(header: columns, rows: rows, numeric: columns.map(numeric.contains))
    }

    /// The table as an Excel workbook of one sheet: numbers as numbers, everything else as text.
    public func workbook(sheet: String) throws -> [UInt8] {
        try XLSXWriter.workbook(sheet: sheet, header: columns, rows: cells())
    }

    /// The rows as cells: a numeric column's non-empty cells are numbers.
    func cells() -> [[CSVWriter.Cell]] {
        // Looked up once per column, not hashed once per cell.
        let isNumeric = columns.map(numeric.contains)
        return rows.map { row in
            row.enumerated().map { index, cell in
                isNumeric[index] && !cell.isEmpty ? .number(cell) : .text(cell)
            }
        }
    }

    public func json() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row).map { column, cell -> (String, Any) in
                // An empty number is unknown, not zero and not text.
                if numeric.contains(column) && cell.isEmpty { return (column, NSNull()) }
                if numeric.contains(column) && !decimal.contains(column), let number = Int(cell) ?? Double(cell).map({ $0 as Any }) {
                    return (column, number)
                }
                return (column, cell)
            })
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}

/// The tables `merit score`, `merit shortlist` and `merit fit` print.
public enum ResultTables {
    /// Disagreements with a provider's results, one row each.
    public static func providerCheck(_ disagreements: [ProviderCheck.Disagreement]) -> ResultTable {
        ResultTable(
            columns: ["nip", "batch", "what", "provider", "merit", "why"],
            rows: disagreements.map { [$0.nip, $0.batch, $0.what, $0.provider, $0.merit, $0.why] })
    }

    public static func scores(_ results: [PersonResult], library: Library) -> ResultTable {
        scores(rows: results.map { scoreRow($0, library: library) })
    }

    /// The table of `merit score` from rows made by `scoreRow`: a streamed score keeps only these rows.
    public static func scores(rows: [[String]]) -> ResultTable {
        ResultTable(
            columns: [
                "nip", "name", "position", "jpm", "jpm_exact", "selection", "selection_label", "mapping", "mapping_label", "box",
                "qualified", "result", "flags", "valid_until",
            ],
            numeric: ["jpm", "box"], decimal: ["jpm"], detail: ["jpm_exact", "selection_label", "mapping_label"], rows: rows)
    }

    /// One person's row of the scores table.
    public static func scoreRow(_ result: PersonResult, library: Library) -> [String] {
        let match = result.match
        // Flags of the competencies the standard asks for (all of them without a position).
        // A standard asks for a dozen or so: looked for in its gaps, not hashed into a set per person.
        let gaps = match?.gaps
        var flagged = 0
        var agreed = 0
        for competency in result.levels.competencies {
            if let gaps, !gaps.contains(where: { $0.competency == competency.competency }) { continue }
            if !competency.flags.subtracting(.agreed).isEmpty { flagged += 1 }
            if competency.flags.contains(.agreed) { agreed += 1 }
        }
        let selection = match?.category("selection")?.band
        let mapping = match?.category("mapping")?.band
        var flags: [String] = []
        if flagged > 0 { flags.append("\(flagged) flagged") }
        if agreed > 0 { flags.append("\(agreed) agreed") }
        if match?.validity.isExpired == true { flags.append("expired") }
        if match?.validity.isUndated == true { flags.append("undated") }
        if let match, match.jpm.isPartial { flags.append("partial JPM (\(match.jpm.covered) of \(match.jpm.of))") }
        return [
            result.evidence.nip, result.profile?.name ?? "", match?.position ?? "",
            match?.jpm.formatted() ?? "", match?.jpm.value.description ?? "",
            selection?.id ?? "", selection?.label ?? "", mapping?.id ?? "", mapping?.label ?? "",
            match?.talent.box.map { String($0.number) } ?? "",
            match.map { $0.qualification.isQualified ? "yes" : "no" } ?? "", match.map { completeness($0, library: library) } ?? "",
            flags.joined(separator: "; "), match?.validity.validUntil?.description ?? "",
        ]
    }

    /// `complete`, `incomplete: M.01 T.01` (the codes without a level), or `not assessable`.
    static func completeness(_ match: PositionMatch, library: Library) -> String {
        switch match.completeness {
        case .complete: return "complete"
        case .notAssessable: return "not assessable"
        case .incomplete(let missing):
            let codes = missing.map { ref in library.competency(library.competencyOrder[ref])?.code ?? library.competencyOrder[ref] }
            return "incomplete: " + codes.joined(separator: " ")
        }
    }

    public static func shortlist(_ entries: [Shortlist.Entry], profiles: [String: PersonProfile], byPosition: Bool) -> ResultTable {
        var table = ResultTable(
            columns: [
                "rank", byPosition ? "nip" : "position", byPosition ? "name" : "title", "qualified", "selection", "selection_label", "jpm",
                "jpm_exact", "critical_gaps", "gap_points", "tie",
            ],
            numeric: ["rank", "jpm", "critical_gaps", "gap_points"], decimal: ["jpm", "gap_points"], detail: ["selection_label", "jpm_exact"])
        for entry in entries {
            let match = entry.match
            table.rows.append([
                String(entry.rank), byPosition ? match.nip : match.position,
                byPosition ? profiles[match.nip]?.name ?? "" : "", match.qualification.isQualified ? "yes" : "no",
                match.category("selection")?.band.id ?? "", match.category("selection")?.band.label ?? "", match.jpm.formatted(),
                match.jpm.value.description, String(match.criticalGapCount),
                match.gapPoints.formatted(places: 1), entry.tied ? "tied" : "",
            ])
        }
        return table
    }
}
