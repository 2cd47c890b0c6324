/// For the fuzz targets: reads every .xlsx sheet of a workbook both ways the reader can (plain cells in
/// one step, and element by element) and stops the process if they differ, so that fuzzing checks the
/// fast path against the general one on every input it makes.
@_spi(Fuzzing)
public enum SheetReadingCheck {
    public static func check(named name: String, bytes: [UInt8]) {
        guard let workbook = try? Workbook(path: name, bytes: bytes), workbook.format == .xlsx else { return }
        for sheet in workbook.sheets {
            let fast = read(sheet, in: workbook, fast: true)
            let general = read(sheet, in: workbook, fast: false)
            precondition(fast == general, "the xlsx reader's two ways differ on sheet \(sheet.name):\n\(fast.text.suffix(400))\n---\n\(general.text.suffix(400))")
        }
    }

    /// What one way read: every row's cells and how it ended. Compared as values (a fuzzing run makes
    /// thousands a second); printed only when the two ways differ.
    struct Reading: Equatable {
        struct Row: Equatable {
            var row: Int
            var columns: [Int]
            var kinds: [CellKind]
            var text: [UInt8]
        }

        var rows: [Row] = []
        var refusal: String?

        var text: String {
            rows.map { "\($0.row):\($0.columns) \($0.kinds) \($0.text)\n" }.joined() + (refusal.map { "refused: \($0)" } ?? "")
        }
    }

    static func read(_ sheet: Workbook.Sheet, in workbook: Workbook, fast: Bool) -> Reading {
        let parser = workbook.parser(for: sheet, label: "s", maxFieldBytes: 4096)
        (parser as? XLSXSheetParser)?.fastCells = fast
        var reading = Reading()
        do {
            try workbook.stream(sheet.part) { bytes, final in
                try parser.parse(bytes, final: final) { cells in
                    reading.rows.append(.init(row: cells.row, columns: cells.columns, kinds: cells.kinds, text: cells.text))
                }
            }
        } catch {
            switch error {
            case let error as WorkbookError: reading.refusal = error.message
            case let error as CSVError: reading.refusal = error.description
            case let error as XMLProblem: reading.refusal = error.message
            default: reading.refusal = String(describing: error)
            }
        }
        return reading
    }
}
