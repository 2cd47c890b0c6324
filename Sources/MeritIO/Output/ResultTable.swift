import Foundation
import MeritCore

/// Rows of labelled cells, printed as an aligned text table, CSV (formula-safe) or JSON.
public struct ResultTable: Sendable {
    public var columns: [String]
    /// Numeric columns are right-aligned in text and written as numbers in CSV.
    public var numeric: Set<String>
    public var rows: [[String]]

    public init(columns: [String], numeric: Set<String> = [], rows: [[String]] = []) {
        self.columns = columns
        self.numeric = numeric
        self.rows = rows
    }

    public func text() -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return numeric.contains(columns[index]) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces + "\n"
        }
        return line(columns) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }

    public func csv(_ writer: CSVWriter = CSVWriter()) -> String {
        writer.document(
            header: columns,
            rows: rows.map { row in
                row.enumerated().map { index, cell in
                    numeric.contains(columns[index]) && !cell.isEmpty ? .number(cell) : .text(cell)
                }
            })
    }

    public func json() -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(columns, row).map { column, cell -> (String, Any) in
                if numeric.contains(column), let number = Double(cell) { return (column, number) }
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
        var table = ResultTable(
            columns: ["nip", "name", "position", "jpm", "selection", "mapping", "box", "qualified", "result", "flags", "valid_until"],
            numeric: ["jpm", "box"])
        for result in results {
            let match = result.match
            // Flags of the competencies the standard asks for (all of them without a position).
            let standard = Set(match?.gaps.map(\.competency) ?? result.levels.competencies.map(\.competency))
            let relevant = result.levels.competencies.filter { standard.contains($0.competency) }
            let flagged = relevant.filter { !$0.flags.subtracting(.agreed).isEmpty }.count
            let agreed = relevant.filter { $0.flags.contains(.agreed) }.count
            var flags: [String] = []
            if flagged > 0 { flags.append("\(flagged) flagged") }
            if agreed > 0 { flags.append("\(agreed) agreed") }
            if match?.validity.isExpired == true { flags.append("expired") }
            if match?.validity.isUndated == true { flags.append("undated") }
            if let match, match.jpm.isPartial { flags.append("partial JPM (\(match.jpm.covered) of \(match.jpm.of))") }
            table.rows.append([
                result.evidence.nip, result.profile?.name ?? "", match?.position ?? "",
                match?.jpm.formatted() ?? "", match?.category("selection")?.band.id ?? "",
                match?.category("mapping")?.band.id ?? "", match?.talent.box.map { String($0.number) } ?? "",
                match.map { $0.qualification.isQualified ? "yes" : "no" } ?? "", match.map { completeness($0, library: library) } ?? "",
                flags.joined(separator: "; "), match?.validity.validUntil?.description ?? "",
            ])
        }
        return table
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
            columns: ["rank", byPosition ? "nip" : "position", byPosition ? "name" : "title", "qualified", "selection", "jpm", "critical_gaps", "gap_points", "tie"],
            numeric: ["rank", "jpm", "critical_gaps", "gap_points"])
        for entry in entries {
            let match = entry.match
            table.rows.append([
                String(entry.rank), byPosition ? match.nip : match.position,
                byPosition ? profiles[match.nip]?.name ?? "" : "", match.qualification.isQualified ? "yes" : "no",
                match.category("selection")?.band.id ?? "", match.jpm.formatted(), String(match.criticalGapCount),
                match.gapPoints.formatted(places: 1), entry.tied ? "tied" : "",
            ])
        }
        return table
    }
}
