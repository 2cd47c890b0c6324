import ArgumentParser
import MeritCore
import MeritIO

/// `--instruments DIR` (and `--shared-instruments DIR`), shared by every command that needs the library.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The instrument library folder.", valueName: "dir"))
    var instruments = Self.defaultFolder

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A library folder every agency shares (the national managerial dictionary), loaded with --instruments as one library.",
            valueName: "dir"))
    var sharedInstruments: String?

    static let defaultFolder = "./Instruments"

    /// The folders the library is loaded from: the shared one first.
    var folders: [String] { [sharedInstruments, instruments].compactMap { $0 } }

    /// What messages call the library: its folder, or its folders joined.
    var name: String { folders.joined(separator: " + ") }

    /// Loads the library from its folders, findings included.
    func result() -> LibraryLoadResult { LibraryLoader().load(folders: folders) }

    /// The loaded library; prints its findings and exits 65 (74 when the folder is missing) on errors.
    func load() throws -> Library {
        let result = result()
        Diagnostics.print(result.findings)
        guard let library = result.library else {
            if result.findings.contains(where: { $0.message.hasPrefix("the instrument library folder does not exist") }) {
                explainMissingFolder()
                throw ExitStatus.ioError
            }
            Terminal.error("merit: the instrument library in \(name) has errors; run merit check")
            throw ExitStatus.dataError
        }
        return library
    }

    /// Outside a project folder, the default library is missing: say how to name one.
    func explainMissingFolder() {
        if instruments == Self.defaultFolder {
            Terminal.error("merit: run merit in a project folder that has an Instruments/ library, or pass --instruments DIR")
        }
    }

    /// The position named by a `--position` option; an unknown id is printed and exits 65.
    static func position(_ id: String, in library: Library) throws -> PositionStandard {
        guard let found = library.positions[id] else {
            Terminal.error("merit: error: unknown position '\(id)'")
            throw ExitStatus.dataError
        }
        return found
    }
}
