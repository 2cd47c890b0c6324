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
    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    func run() async throws {
        let library = try library.load()
        let store = try storeOptions.open()
        let site = MeritSite(library: library, store: store, reports: try output.reports(library: library), accounts: AccountService(store: store))
        if try store.accounts().isEmpty {
            Terminal.error("merit serve: note: no account yet; create one with: merit user add NAME --role admin --store \(storeOptions.store)")
        }
        let app = Application(router: Routes.router(site), configuration: .init(address: .hostname(host, port: port), serverName: "merit"))
        // Written at once (not through print's buffer), so a script waiting for it sees it.
        FileHandle.standardOutput.write(Data("merit serve: http://\(host):\(port)/\n".utf8))
        try await app.runService()
    }
}
