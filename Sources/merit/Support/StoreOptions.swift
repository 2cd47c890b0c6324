import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritPostgres

/// `--store FILE|URL` and `--agency CODE`, shared by the commands that read or write the store: a SQLite
/// file (one agency), or a PostgreSQL store (`postgres://…`, many agencies), whose records the commands
/// work on through a working copy of the agency's rows (PostgresStore+Records).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a SQLite file, or postgres://USER@HOST:PORT/DATABASE (password in PGPASSWORD or ~/.pgpass).", valueName: "store"))
    var store = "./merit.sqlite"

    @Option(name: .long, help: ArgumentHelp("How long to wait for another process writing to the store.", valueName: "seconds"))
    var storeWait: Double = 30

    @Option(help: ArgumentHelp("PostgreSQL: the agency's code (not needed when the store has only one).", valueName: "code"))
    var agency: String?

    init() {}

    func validate() throws {
        guard (0...3600).contains(storeWait) else { throw ValidationError("--store-wait must be 0 to 3600 seconds") }
        if agency != nil, !isPostgres {
            throw ValidationError("--agency: a SQLite store holds one agency; leave --agency out, or name a postgres:// store")
        }
    }

    var isPostgres: Bool { PostgresLocation.isPostgres(store) }

    /// For the commands that work on a SQLite file itself (serving it, say): a PostgreSQL store is
    /// refused rather than made into a file named like the URL.
    func refusePostgres() throws {
        guard isPostgres else { return }
        Terminal.error("merit: error: --store \(store): this command works on a SQLite store only; name a SQLite file, or copy the agency's store into one")
        throw ExitStatus.usage
    }

    init(store: String, wait: Double = 30, agency: String? = nil) {
        self.store = store
        storeWait = wait
        self.agency = agency
    }

    /// The PostgreSQL store named, opened for its agency; the server's refusals printed, exit 64 or 74.
    func openPostgres() async throws -> PostgresStore {
        let location = try StoreCommand.location(store)
        return try await StoreCommand.reporting { try await PostgresStore.open(location, agency: agency) }
    }

    /// Runs `body` on the store's records: a SQLite store itself, or a working copy of a PostgreSQL
    /// store's agency, whose changes are stored (when `writing`) as `body` returns, in one transaction.
    /// With `assessments`, a store that holds no one yet is refused first (see `openWithAssessments`).
    func withRecords<T: Sendable>(writing: Bool, assessments: Bool = false, _ body: (MeritStore) throws -> T) async throws -> T {
        guard isPostgres else { return try body(assessments ? try openFileWithAssessments() : try open()) }
        return try await withPostgres { postgres in
            try await postgres.withRecords(writing: writing) { copy in
                if assessments { try refuseEmpty(copy) }
                return try body(copy)
            }
        }
    }

    /// Runs `body` on the PostgreSQL store named, closed when it returns or throws; the store's refusals
    /// printed (exit 74).
    func withPostgres<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        let postgres = try await openPostgres()
        do {
            let value = try await StoreCommand.reporting { try await body(postgres) }
            await postgres.close()
            return value
        } catch {
            await postgres.close()
            throw error
        }
    }

    /// The store for a command that only reads assessments: a SQLite store, or a snapshot of a PostgreSQL
    /// store's agency (see `withRecords`).
    /// Says the store has no batch of that name, and which it has; the exit status to throw (64).
    func noSuchBatch(_ batch: String, command: String, in records: MeritStore) throws -> ExitCode {
        Terminal.error("merit \(command): error: \(store) has no batch '\(batch)'; its batches: \(try records.batchNames().joined(separator: ", "))")
        return ExitStatus.usage
    }

    func openWithAssessments() async throws -> MeritStore {
        guard isPostgres else { return try openFileWithAssessments() }
        return try await withRecords(writing: false, assessments: true) { $0 }
    }

    /// The SQLite store for a command that reads assessments: when there is no store yet, or it holds no
    /// one, says so and how to import (rather than writing empty results), and exits 66.
    private func openFileWithAssessments() throws -> MeritStore {
        try refusePostgres()
        guard FileManager.default.fileExists(atPath: store) else {
            Terminal.error("\(store): error: there is no store here yet; import record files first (merit import FILE…, or merit run DIR), or name the store with --store FILE")
            throw ExitStatus.noInput
        }
        let opened = try open()
        try refuseEmpty(opened)
        return opened
    }

    private func refuseEmpty(_ opened: MeritStore) throws {
        if try opened.isEmpty() {
            Terminal.error("\(opened.path): error: the store holds no assessments yet; import record files first (merit import FILE…, or merit run DIR)")
            throw ExitStatus.noInput
        }
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
