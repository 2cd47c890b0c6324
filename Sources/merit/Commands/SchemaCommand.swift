import ArgumentParser
import Foundation
import MeritIO

/// `merit schema`: the JSON Schemas of the library's kinds, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a library kind, or write all of them to a folder.")

    @Argument(help: ArgumentHelp("The kind (\(LibrarySchema.kinds.joined(separator: ", "))).", valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("Write every kind's schema into this folder.", valueName: "dir"))
    var out: String?

    func validate() throws {
        if let kind, !LibrarySchema.kinds.contains(kind) {
            throw ValidationError("unknown kind '\(kind)'; expected one of \(LibrarySchema.kinds.joined(separator: ", "))")
        }
        if kind == nil && out == nil { throw ValidationError("name a kind, or give --out DIR to write them all") }
    }

    func run() throws {
        if let out {
            let kinds = kind.map { [$0] } ?? LibrarySchema.kinds
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                for kind in kinds {
                    let path = (out as NSString).appendingPathComponent(LibrarySchema.fileName(for: kind))
                    try AtomicFile.write(Data(LibrarySchema.json(for: kind)!.utf8), to: path)
                    print(path)
                }
            } catch {
                Terminal.error("\(out): error: \(error.localizedDescription)")
                throw ExitStatus.ioError
            }
        } else if let kind {
            print(LibrarySchema.json(for: kind)!, terminator: "")
        }
    }
}
