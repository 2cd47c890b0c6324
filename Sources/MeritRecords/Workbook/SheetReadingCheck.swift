/// For the fuzz targets: reads every .xlsx sheet of a workbook both ways the reader can (plain cells in
/// one step, and element by element) and stops the process if they differ, so that fuzzing checks the
/// fast path against the general one on every input it makes.
@_spi(Fuzzing)
public enum SheetReadingCheck {
    public static func check(named name: String, bytes: [UInt8]) {
        guard let workbook = try? Workbook(path: name, bytes: bytes), workbook.format == .xlsx else { return }
        for sheet in workbook.sheets {
            let fast = rows(of: sheet, in: workbook, fast: true)
            let general = rows(of: sheet, in: workbook, fast: false)
            precondition(fast == general, "the xlsx reader's two ways differ on sheet \(sheet.name):\n\(fast.suffix(400))\n---\n\(general.suffix(400))")
        }
    }

    static func rows(of sheet: Workbook.Sheet, in workbook: Workbook, fast: Bool) -> String {
        let parser = workbook.parser(for: sheet, label: "s", maxFieldBytes: 4096)
        (parser as? XLSXSheetParser)?.fastCells = fast
        var out = ""
        do {
            try workbook.stream(sheet.part) { bytes, final in
                try parser.parse(bytes, final: final) { cells in
                    out += "\(cells.row):\(cells.columns) \(cells.kinds) \(cells.text)\n"
                }
            }
        } catch {
            out += "refused: \(error)"
        }
        return out
    }
}
