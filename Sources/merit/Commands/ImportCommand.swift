import ArgumentParser
import Foundation
import MeritIO

/// `merit import FILE…`: validate record files against the library and store them, all or nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import profiles, ratings, test scores or agreed levels (CSV, YAML or JSON) into the store.",
        discussion: """
            Files are CSV (',' ';' or tab; UTF-8 or UTF-16), Excel or LibreOffice workbooks (.xlsx, .ods: every
            sheet holding records, or those --sheet names), YAML or JSON. The kind of each comes from its header
            (or its 'kind:'), or from --kind. Wide sheets are read as they are: ratings with nip, instrument,
            assessor and a column per competency; levels with nip and a column per competency (headed by id,
            code or name: M.03, Komunikasi, Komunikasi (M.03)). A levels file's jpm and category columns are the
            provider's results: check them with 'merit verify'.
            Every row is checked against the library; any error anywhere means nothing is imported. A column
            Merit does not use is an error unless --ignore-column names it. Importing a file already imported is
            a no-op; a row that conflicts with a stored one is an error unless --replace is given (each
            replacement is recorded); a batch covering fewer competencies or instruments than the assessment it
            would replace is an error unless --replace or --partial-batch is given.
            """)

    @Argument(help: ArgumentHelp("Files to import.", valueName: "file"))
    var files: [String]

    @Option(help: "The kind of every file (profiles, ratings, tests, levels).")
    var kind: RecordKind?

    @Option(help: ArgumentHelp("The battery the batch followed (default: each person's position decides).", valueName: "id"))
    var battery: String?

    @OptionGroup var flags: ImportFlags
    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let library = try library.load()
        let progress = Progress(label: "import")
        let options = flags.options(kind: kind, battery: battery)
        let result: ImportResult
        do {
            result = try await storeOptions.withRecords(writing: true) { store in
                try Importer(library: library, store: store).run(files, options: options) { bytes in
                    progress.update("\(bytes / 1_048_576) MB read")
                }
            }
        } catch let error as StoreError {
            progress.finish()
            Terminal.error("\(error.path): error: the import was rolled back: \(error.message)")
            throw ExitStatus.ioError
        } catch let status as ExitCode {
            progress.finish()
            throw status
        } catch {
            progress.finish()
            Terminal.error("\(storeOptions.store): error: the import failed and was rolled back: \(error)")
            throw ExitStatus.ioError
        }
        progress.finish()
        for file in result.files {
            Diagnostics.print(file.findings)
        }
        for file in result.files {
            print(Self.line(file, committed: result.committed))
        }
        if !result.committed {
            let errors = result.files.reduce(0) { $0 + $1.errors }
            print("Nothing imported: \(errors) error\(errors == 1 ? "" : "s"); the store is unchanged.")
            let unreadable = result.files.contains { $0.kind == nil && $0.findings.contains { $0.message.hasPrefix("cannot read") } }
            throw unreadable ? ExitStatus.ioError : ExitStatus.dataError
        }
    }

    static func line(_ file: ImportedFile, committed: Bool) -> String {
        guard let kind = file.kind?.rawValue else {
            return "\(file.path): not read (\(file.errors) error\(file.errors == 1 ? "" : "s"))"
        }
        if let earlier = file.alreadyImported {
            return "\(file.path): \(kind) already imported (\(earlier)); nothing to do"
        }
        if file.isEmpty {
            return "\(file.path): \(kind) header and no rows; nothing to import"
        }
        var parts = ["\(file.rows) \(kind) row\(file.rows == 1 ? "" : "s")"]
        if committed {
            parts.append("\(file.inserted) stored")
            if file.unchanged > 0 { parts.append("\(file.unchanged) already stored") }
            if file.replaced > 0 { parts.append("\(file.replaced) replaced") }
        } else {
            parts.append("\(file.errors) error\(file.errors == 1 ? "" : "s")")
        }
        if !file.ignoredColumns.isEmpty { parts.append("left out as asked: \(file.ignoredColumns.joined(separator: ", "))") }
        return "\(file.path): " + parts.joined(separator: ", ")
    }
}

extension RecordKind: ExpressibleByArgument {}
