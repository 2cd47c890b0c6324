import ArgumentParser
import Foundation
import MeritIO

/// `merit import FILE…`: validate record files against the library and store them, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import profiles, ratings, test scores or agreed levels (CSV, YAML or JSON) into the store.",
        discussion: """
            The kind of each file comes from its header (CSV) or its 'kind:' (YAML/JSON), or from --kind.
            Wide sheets are read as they are: ratings with nip, instrument, assessor and a column per
            competency; levels with nip and a column per competency (id, code or name in the header).
            A levels file's jpm and category columns are the provider's results: check them with 'merit verify'.
            Every row is checked against the library; any error anywhere means nothing is imported.
            Importing a file already imported is a no-op; a row that conflicts with a stored one is an error
            unless --replace is given (each replacement is recorded).
            """)

    @Argument(help: ArgumentHelp("Files to import.", valueName: "file"))
    var files: [String]

    @Option(help: "The kind of every file (profiles, ratings, tests, levels).")
    var kind: RecordKind?

    @Option(help: "The batch of rows without a 'batch' column.")
    var batch = "default"

    @Option(help: ArgumentHelp("The battery the batch followed (default: each person's position decides).", valueName: "id"))
    var battery: String?

    @Flag(help: "Replace stored rows that conflict, and record each replacement.")
    var replace = false

    @Option(help: ArgumentHelp("CSV delimiter: ',', ';' or 'tab' (default: sniffed from the header).", valueName: "delimiter"))
    var delimiter: String?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let delimiter, CSVOptions.delimiter(named: delimiter) == nil {
            throw ValidationError("unknown delimiter '\(delimiter)'; use ',', ';' or 'tab'")
        }
    }

    func run() throws {
        let library = try library.load()
        let store = try storeOptions.open()
        let progress = Progress(label: "import")
        let options = ImportOptions(
            kind: kind, batch: batch, battery: battery, replace: replace,
            csv: CSVOptions(delimiter: delimiter.flatMap(CSVOptions.delimiter(named:))))
        let result: ImportResult
        do {
            result = try Importer(library: library, store: store).run(files, options: options) { bytes in
                progress.update("\(bytes / 1_048_576) MB read")
            }
        } catch let error as StoreError {
            progress.finish()
            Terminal.error("\(error.path): error: the import was rolled back: \(error.message)")
            throw ExitStatus.ioError
        } catch {
            progress.finish()
            Terminal.error("\(storeOptions.store): error: the import failed and was rolled back: \(error)")
            throw ExitStatus.ioError
        }
        progress.finish()
        for file in result.files {
            Diagnostics.print(file.findings)
            if file.moreFindings > 0 {
                Terminal.error("\(file.path): note: \(file.moreFindings) more problems not shown")
            }
        }
        for file in result.files {
            print(Self.line(file, committed: result.committed))
        }
        if !result.committed {
            let errors = result.findings.errorCount + result.files.reduce(0) { $0 + $1.moreFindings }
            print("Nothing imported: \(errors) error\(errors == 1 ? "" : "s"); the store is unchanged.")
            let unreadable = result.files.contains { $0.kind == nil && $0.findings.contains { $0.message.hasPrefix("cannot read") } }
            throw unreadable ? ExitStatus.ioError : ExitStatus.dataError
        }
    }

    static func line(_ file: ImportedFile, committed: Bool) -> String {
        let kind = file.kind?.rawValue ?? "?"
        if let earlier = file.alreadyImported {
            return "\(file.path): \(kind) already imported (\(earlier)); nothing to do"
        }
        var parts = ["\(file.rows) \(kind) row\(file.rows == 1 ? "" : "s")"]
        if committed {
            parts.append("\(file.inserted) stored")
            if file.unchanged > 0 { parts.append("\(file.unchanged) already stored") }
            if file.replaced > 0 { parts.append("\(file.replaced) replaced") }
        } else {
            parts.append("\(file.findings.errorCount + file.moreFindings) with errors")
        }
        if !file.ignoredColumns.isEmpty { parts.append("ignored columns: \(file.ignoredColumns.joined(separator: ", "))") }
        return "\(file.path): " + parts.joined(separator: ", ")
    }
}

extension RecordKind: ExpressibleByArgument {}
