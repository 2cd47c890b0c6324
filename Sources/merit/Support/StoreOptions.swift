import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritPostgres

/// `--store FILE`, shared by the commands that read or write the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store.", valueName: "file"))
    var store = "./merit.sqlite"

    @Option(name: .long, help: ArgumentHelp("How long to wait for another process writing to the store.", valueName: "seconds"))
    var storeWait: Double = 30

    init() {}

    func validate() throws {
        guard (0...3600).contains(storeWait) else { throw ValidationError("--store-wait must be 0 to 3600 seconds") }
    }

    /// Not yet: a PostgreSQL store holds accounts, audit log and plans only (issue 14), so a command that
    /// needs records says so rather than making a file named like the URL.
    func refusePostgres() throws {
        guard PostgresLocation.isPostgres(store) else { return }
        Terminal.error("merit: error: --store \(store): this command works on a SQLite store only, so far; a PostgreSQL store holds accounts, the audit log and plan versions, and is migrated with merit store migrate")
        throw ExitStatus.usage
    }

    init(store: String, wait: Double = 30) {
        self.store = store
        storeWait = wait
    }

    /// The store for a command that reads assessments: when there is no store yet, or it holds no one,
    /// says so and how to import (rather than writing empty results), and exits 66.
    func openWithAssessments() throws -> MeritStore {
        try refusePostgres()
        guard FileManager.default.fileExists(atPath: store) else {
            Terminal.error("\(store): error: there is no store here yet; import record files first (merit import FILE…, or merit run DIR), or name the store with --store FILE")
            throw ExitStatus.noInput
        }
        let opened = try open()
        if try opened.isEmpty() {
            Terminal.error("\(store): error: the store holds no assessments yet; import record files first (merit import FILE…, or merit run DIR)")
            throw ExitStatus.noInput
        }
        return opened
    }

    func open() throws -> MeritStore {
        try refusePostgres()
        do {
            let folder = (store as NSString).deletingLastPathComponent
            if !folder.isEmpty { try AtomicFile.createFolder(folder) }
            return try MeritStore(path: store, busyWait: storeWait)
        } catch let error as StoreError {
            Terminal.error(error.description)
            throw ExitStatus.ioError
        } catch {
            Terminal.error("\(store): error: cannot open the store: \(error)")
            throw ExitStatus.ioError
        }
    }
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, xlsx

    /// A workbook is bytes: refused when standard output is a terminal, where it would print as noise.
    static func check(_ format: OutputFormat?) throws {
        if format == .xlsx && Terminal.stdoutIsTerminal {
            throw ValidationError("--format xlsx writes a workbook: send it to a file, e.g. merit score --format xlsx > hasil.xlsx")
        }
    }

    /// The format asked for, else a table on a terminal and CSV otherwise.
    static func resolved(_ format: OutputFormat?) -> OutputFormat {
        format ?? (Terminal.stdoutIsTerminal ? .table : .csv)
    }
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(iso: argument)
    }
}

/// Progress on a terminal (stderr), overwritten in place; nothing when stderr is not a terminal.
struct Progress {
    let label: String
    let enabled = Terminal.stderrIsTerminal

    func update(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(label): \(text)\u{1B}[K".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
