import ArgumentParser
import MeritIO

/// How record files are read and batched, shared by `merit import` and `merit run`.
struct ImportFlags: ParsableArguments {
    @Option(help: "The batch of rows without a 'batch' column.")
    var batch = "default"

    @Flag(help: "Replace stored rows that conflict, and record each replacement.")
    var replace = false

    @Flag(help: "Let a batch replace a person's assessment though it covers fewer competencies or instruments.")
    var partialBatch = false

    @Option(
        name: .customLong("ignore-column"),
        help: ArgumentHelp("A column to leave out (repeat for several); any other column Merit does not use is an error.", valueName: "name"))
    var ignoredColumns: [String] = []

    @Option(
        name: .customLong("sheet"),
        help: ArgumentHelp("The workbook sheet to import (repeat for several; default: every sheet holding records).", valueName: "name"))
    var sheets: [String] = []

    @Option(help: ArgumentHelp("CSV delimiter: ',', ';' or 'tab' (default: sniffed from the header).", valueName: "delimiter"))
    var delimiter: String?

    func validate() throws {
        if let delimiter, CSVOptions.delimiter(named: delimiter) == nil {
            throw ValidationError("unknown delimiter '\(delimiter)'; use ',', ';' or 'tab'")
        }
    }

    func options(kind: RecordKind? = nil, battery: String? = nil) -> ImportOptions {
        ImportOptions(
            kind: kind, batch: batch, battery: battery, replace: replace, partialBatch: partialBatch,
            csv: CSVOptions(delimiter: delimiter.flatMap(CSVOptions.delimiter(named:))), ignoredColumns: ignoredColumns, sheets: sheets)
    }
}
