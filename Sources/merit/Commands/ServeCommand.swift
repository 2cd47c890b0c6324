import ArgumentParser
import Foundation
import Hummingbird
import MeritAccounts
import MeritIO
import MeritServer

/// `merit serve`: the web application on one store, for the agency's assessors, HR and training unit.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve Merit in the browser (sign in with an account made by merit user add).")

    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "The address to listen on (127.0.0.1: this machine only).") var host = "127.0.0.1"
    @Option(help: "The largest upload taken, in MB (all files of one upload together).") var uploadLimit = 64
    @Flag(help: "Mark the session cookie Secure: serving behind a TLS proxy (https), as any server beyond this machine must.")
    var secureCookies = false
    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func validate() throws {
        guard (1...4096).contains(uploadLimit) else { throw ValidationError("--upload-limit must be 1 to 4096 (MB)") }
    }

    func run() async throws {
        let loaded = try library.load()
        let store = try storeOptions.open()
        var site = MeritSite(
            library: loaded, store: store, reports: try output.reports(library: loaded), accounts: AccountService(store: store),
            uploadLimit: uploadLimit << 20, secureCookies: secureCookies)
        site.libraryFolder = library.instruments
        if PDFPrinter.browser != nil { site.printPDF = { html in try PDFPrinter.print(text: html) } }
        if try store.accounts().isEmpty {
            Terminal.error("merit serve: note: no account yet; create one with: merit user add NAME --role admin --store \(storeOptions.store)")
        }
        let app = Application(router: Routes.router(site), configuration: .init(address: .hostname(host, port: port), serverName: "merit"))
        // Written at once (not through print's buffer), so a script waiting for it sees it.
        FileHandle.standardOutput.write(Data("merit serve: http://\(host):\(port)/\n".utf8))
        try await app.runService()
    }
}
