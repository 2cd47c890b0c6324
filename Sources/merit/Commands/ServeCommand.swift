import ArgumentParser
import Foundation
import Hummingbird
import MeritAccounts
import MeritCore
import MeritIO
import MeritServer

/// `merit serve`: the web application on one store (a SQLite file, or one agency of a PostgreSQL store),
/// for the agency's assessors, HR and training unit.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve Merit in the browser (sign in with an account made by merit user add).")

    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "The address to listen on (127.0.0.1: this machine only).") var host = "127.0.0.1"
    @Option(help: "The largest upload taken, in MB (all files of one upload together).") var uploadLimit = 64
    @Option(help: ArgumentHelp(
        "The folder uploaded files are kept in (0700): beside a SQLite store by default (STORE.uploads); needed with a postgres:// store.",
        valueName: "folder"))
    var uploads: String?
    @Flag(help: "Mark the session cookie Secure: serving behind a TLS proxy (https), as any server beyond this machine must.")
    var secureCookies = false
    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        guard (1...4096).contains(uploadLimit) else { throw ValidationError("--upload-limit must be 1 to 4096 (MB)") }
        if storeOptions.isPostgres, uploads == nil {
            throw ValidationError("--store \(storeOptions.store): a PostgreSQL store has no folder of its own for uploaded files; name one with --uploads FOLDER")
        }
    }

    func run() async throws {
        let loaded = try library.load()
        guard storeOptions.isPostgres else {
            try await serve(loaded, store: try storeOptions.open())
            return
        }
        // The agency's records are read and written through PostgresStore.withRecords, one transaction each.
        try await storeOptions.withPostgres { postgres in try await serve(loaded, store: postgres) }
    }

    private func serve(_ loaded: Library, store: any RecordStore) async throws {
        var site = MeritSite(
            library: loaded, store: store, reports: try output.reports(library: loaded), accounts: AccountService(store: store),
            uploadLimit: uploadLimit << 20, uploadFolder: uploads, secureCookies: secureCookies)
        site.libraryFolder = library.instruments
        site.sharedLibraryFolder = library.sharedInstruments
        if PDFPrinter.browser != nil { site.printPDF = { html in try PDFPrinter.print(text: html) } }
        if try await store.accounts().isEmpty {
            let agency = storeOptions.agency.map { " --agency \($0)" } ?? ""
            Terminal.error("merit serve: note: no account yet; create one with: merit user add NAME --role admin --store \(storeOptions.store)\(agency)")
        }
        let app = Application(router: Routes.router(site), configuration: .init(address: .hostname(host, port: port), serverName: "merit"))
        // Written at once (not through print's buffer), so a script waiting for it sees it.
        FileHandle.standardOutput.write(Data("merit serve: http://\(host):\(port)/\n".utf8))
        try await app.runService()
    }
}
