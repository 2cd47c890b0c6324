import ArgumentParser
import Foundation
import MeritCore
import MeritIO

/// `--store FILE`, shared by the commands that read or write the store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite store.", valueName: "file"))
    var store = "./merit.sqlite"

    func open() throws -> MeritStore {
        do {
            let folder = (store as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            return try MeritStore(path: store)
        } catch {
            Terminal.error("\(store): error: cannot open the store: \(error)")
            throw ExitStatus.ioError
        }
    }
}

/// How results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json

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

extension CalendarDate {
    /// Today, by the machine's calendar.
    static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
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
