import Foundation
import Testing

/// `--format xlsx` writes real workbooks: read back by openpyxl, they hold exactly the CSV's values, the
/// numbers as numbers, no formula, a frozen bold header.
@Suite struct XLSXOutputTests {
    /// openpyxl, from PyPI (`python3 -m pip install openpyxl`; .ci/run installs it).
    static var openpyxlPresent: Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openpyxl"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let reader = MeritProcess.projectRoot.appendingPathComponent("Tests/MeritEndToEndTests/Fixtures/xlsx/read-workbook.py").path

    struct Sheet {
        var names: [String]
        var frozen: String?
        var rows: [[(value: Any, type: String)]]
        var boldHeader: Bool
    }

    static func read(_ path: String) throws -> Sheet {
        let output = try MeritProcess.capture("/usr/bin/env", ["python3", reader, path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let rows = (object["rows"] as? [[[Any]]] ?? []).map { row in row.map { (value: $0[0], type: $0[1] as? String ?? "") } }
        return Sheet(names: object["sheets"] as? [String] ?? [], frozen: object["frozen"] as? String, rows: rows, boldHeader: object["bold_header"] as? Bool ?? false)
    }

    /// Each cell of `sheet` against the CSV's: empty is None, a number column's value is that number.
    static func expectSame(_ sheet: Sheet, asCSV csv: String, numeric: Set<String>, _ what: String) {
        let lines = csv.split(separator: "\r\n").map(CSVLine.fields)
        #expect(sheet.frozen == "A2", "\(what)")
        #expect(sheet.boldHeader, "\(what)")
        #expect(sheet.rows.count == lines.count, "\(what)")
        let header = lines.first ?? []
        for (row, line) in zip(sheet.rows, lines) {
            for (index, field) in line.enumerated() {
                let cell = index < row.count ? row[index] : (value: NSNull() as Any, type: "n")
                #expect(cell.type != "f", "\(what): a formula")
                if field.isEmpty {
                    #expect(cell.value is NSNull, "\(what): \(header[index]) should be empty, is \(cell.value)")
                } else if numeric.contains(header[index]), line != header, let number = Double(field) {
                    #expect(cell.type == "n" && (cell.value as? NSNumber)?.doubleValue == number, "\(what): \(header[index]) \(field) → \(cell.value)")
                } else {
                    #expect(cell.type == "s" && cell.value as? String == field, "\(what): \(header[index]) \(field) → \(cell.value)")
                }
            }
        }
    }

    @Test(.enabled(if: openpyxlPresent, "needs openpyxl (python3 -m pip install openpyxl); .ci/run installs it"))
    func summariesAndScoresAsWorkbooks() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        #expect(try MeritProcess.run(["import"] + ImportScoreTests.examples + ["--store", store]).status == 0)
        let date = ["--reference-date", "2026-11-22"]
        for by in ["unit", "competency"] {
            let gaps = try MeritProcess.run(["gaps", "--by", by, "--format", "csv", "xlsx", "--store", store, "--out", out] + date)
            #expect(gaps.status == 0, "\(gaps.stderr)")
            let csv = try String(contentsOfFile: out + "/gaps/gaps-\(by).csv", encoding: .utf8)
            let sheet = try Self.read(out + "/gaps/gaps-\(by).xlsx")
            #expect(sheet.names == ["Ringkasan Kebutuhan Pengembanga"])
            let numeric: Set<String> = ["people_assessed", "people_below_standard", "mean_gap", "mean_shortfall", "level_1", "level_2", "level_3", "level_4", "level_5", "participants", "total_jp"]
            Self.expectSame(sheet, asCSV: csv, numeric: numeric, "gaps by \(by)")
        }
        for names in [false, true] {
            let talent = try MeritProcess.run(["talent", "--format", "csv", "xlsx", "--store", store, "--out", out] + (names ? ["--names"] : []) + date)
            #expect(talent.status == 0, "\(talent.stderr)")
            let base = out + "/talent/talent-\(names ? "names" : "counts")"
            Self.expectSame(try Self.read(base + ".xlsx"), asCSV: try String(contentsOfFile: base + ".csv", encoding: .utf8), numeric: ["box", "count"], "talent")
        }
        // score to a file (a workbook is bytes on standard output), beside its CSV.
        let workbook = folder.path("hasil.xlsx")
        let merit = MeritProcess.executable.path
        _ = try MeritProcess.capture("/bin/sh", ["-c", "cd '\(MeritProcess.projectRoot.path)' && '\(merit)' score --format xlsx --store '\(store)' --reference-date 2026-11-22 > '\(workbook)'"])
        let csv = try MeritProcess.run(["score", "--format", "csv", "--store", store] + date).stdout
        Self.expectSame(try Self.read(workbook), asCSV: csv, numeric: ["jpm", "box"], "score")
    }

    /// A workbook is bytes: asked for on a terminal, it is refused before anything is scored.
    @Test func aWorkbookToATerminalIsRefused() throws {
        let folder = try TemporaryFolder()
        let command = "'\(MeritProcess.executable.path)' score --format xlsx --store '\(folder.path("merit.sqlite"))'; echo \"exit $?\""
        let shown = try MeritProcess.capture("/usr/bin/script", ["-qec", "cd '\(MeritProcess.projectRoot.path)' && \(command)", "/dev/null"])
        #expect(shown.contains("Error: --format xlsx writes a workbook: send it to a file, e.g. merit score --format xlsx > hasil.xlsx"))
        #expect(shown.contains("exit 64"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("merit.sqlite")))
    }

    /// A formula-looking text stays text in a workbook (no CSV quoting needed: there are no formulas).
    @Test(.enabled(if: openpyxlPresent, "needs openpyxl (python3 -m pip install openpyxl); .ci/run installs it"))
    func aFormulaLookingUnitStaysText() throws {
        let folder = try TemporaryFolder()
        let store = folder.path("merit.sqlite")
        let out = folder.path("out")
        let profiles = try String(contentsOfFile: "Instruments/examples/profiles.csv", encoding: .utf8)
            .replacingOccurrences(of: ";Bidang Mutasi dan Promosi;", with: ";\"=HYPERLINK(\"\"x\"\")\";")
        try profiles.write(toFile: folder.path("profiles.csv"), atomically: true, encoding: .utf8)
        let files = [folder.path("profiles.csv")] + ImportScoreTests.examples.dropFirst()
        #expect(try MeritProcess.run(["import"] + files + ["--store", store]).status == 0)
        #expect(try MeritProcess.run(["gaps", "--by", "unit", "--min-group", "3", "--format", "xlsx", "--store", store, "--out", out]).status == 0)
        let sheet = try Self.read(out + "/gaps/gaps-unit.xlsx")
        let cells = sheet.rows.flatMap { $0 }
        #expect(cells.contains { $0.value as? String == "=HYPERLINK(\"x\")" && $0.type == "s" })
        #expect(!cells.contains { $0.type == "f" })
    }
}

/// RFC 4180 fields of one CSV line (quoted fields with doubled quotes).
enum CSVLine {
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if quoted {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" {
                        field.append("\"")
                        index = next
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            index = line.index(after: index)
        }
        fields.append(field)
        return fields
    }
}
