import ArgumentParser
import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// `merit integration --batch B`: the integration meeting pack of one batch (see `IntegrationMeeting`):
/// a page for the meeting room and a CSV/xlsx whose `level` and `note` the meeting fills in and which
/// `merit import` reads back as the batch's agreed levels.
struct IntegrationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integration",
        abstract: "Write the integration meeting pack of a batch: ratings side by side, what to discuss first, columns for the agreed levels.")

    @Option(help: ArgumentHelp("The batch the meeting integrates.", valueName: "name"))
    var batch: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Formats: html, csv, xlsx (default: html and csv).", valueName: "format"))
    var format: [String] = ["html", "csv"]

    @Option(help: ArgumentHelp("The day validity is judged at (default: today).", valueName: "yyyy-mm-dd"))
    var referenceDate: CalendarDate?

    @OptionGroup var library: LibraryOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var output: ReportOptions

    static let formats: [ReportFormatKind] = [.html, .csv, .xlsx]

    func validate() throws {
        _ = try ReportOptions.kinds(format, allowed: Self.formats)
    }

    func run() async throws {
        let library = try library.load()
        let reports = try output.reports(library: library)
        let store = try await storeOptions.openWithAssessments()
        let date = referenceDate ?? .today
        guard let found = try BatchMeeting(library: library, store: store, batch: batch, referenceDate: date) else {
            throw try storeOptions.noSuchBatch(batch, command: "integration", in: store)
        }
        for note in found.cohort.notes { Terminal.error("\(store.path): note: \(note)") }
        let profiles = found.cohort.profiles
        for kind in try ReportOptions.kinds(format, allowed: Self.formats) {
            let name = "\(found.fileStem).\(kind.fileExtension)"
            switch kind {
            case .html:
                print(try output.write(reports.integrationPage(found.meeting, profiles: profiles, batch: batch, generatedOn: date), to: name, in: "integration"))
            case .xlsx:
                let table = reports.integrationTable(found.meeting, profiles: profiles, batch: batch)
                print(try output.write(Data(try reports.workbook(table, sheetNamed: batch)), to: name, in: "integration"))
            default:
                let table = reports.integrationTable(found.meeting, profiles: profiles, batch: batch)
                print(try output.write(reports.csvWriter.document(header: table.header, rows: table.rows), to: name, in: "integration"))
            }
        }
    }
}
