import ArgumentParser
import Foundation
import Synchronization
import MeritCore
import MeritIO
import MeritJob
import MeritReports

/// `--out`, `--language`, `--templates`, `--pdf`: shared by the commands that write reports.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder reports are written to.", valueName: "dir"))
    var out = "./Reports/out"

    @Option(help: ArgumentHelp("Report language: id (Indonesian) or en (English).", valueName: "language"))
    var language = "id"

    @Option(help: ArgumentHelp("Templates folder (default: ./Reports/templates, else the built-in ones).", valueName: "dir"))
    var templates: String?

    @Flag(help: "Also print each HTML report to PDF with a headless Chromium.")
    var pdf = false

    @Flag(help: "Write CSV reports as Excel expects in the Indonesian locale: BOM, ';', decimal comma.")
    var excel = false

    static let planFormats: [ReportFormatKind] = [.html, .markdown, .yaml, .json]
    static let summaryFormats: [ReportFormatKind] = [.html, .markdown, .csv, .json, .xlsx]

    /// The formats named on the command line, each one of `allowed` (else a usage error naming them).
    static func kinds(_ names: [String], allowed: [ReportFormatKind], what: String = "format") throws -> [ReportFormatKind] {
        let choices = allowed.map(\.rawValue)
        let listed = choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
        return try names.map { name in
            guard let kind = ReportFormatKind(rawValue: name), allowed.contains(kind) else {
                throw ValidationError("unknown \(what) '\(name)'; use \(listed)")
            }
            return kind
        }
    }

    func reports(library: Library) throws -> Reports {
        if pdf && PDFPrinter.browser == nil {
            // Said once, before anything is written.
            Terminal.error(PDFPrinter.missing)
            throw ExitStatus.ioError
        }
        let folder = templates ?? (FileManager.default.fileExists(atPath: "./Reports/templates") ? "./Reports/templates" : nil)
        do {
            var reports = try Reports(library: library, language: language, templates: ReportTemplates(folder: folder))
            if excel { reports.csvWriter = .excelIndonesia }
            return reports
        } catch {
            Terminal.error("merit: error: \(error)")
            throw ExitStatus.dataError
        }
    }

    /// Writes a report atomically into `out/sub`, and its PDF when asked; returns the path.
    @discardableResult
    func write(_ text: String, to name: String, in sub: String = "") throws -> String {
        try write(Data(text.utf8), to: name, in: sub)
    }

    func write(_ data: Data, to name: String, in sub: String = "") throws -> String {
        // Names are made from stored NIPs and fixed words; one that could leave the folder is a bug.
        precondition(!name.isEmpty && !name.contains("/") && !name.hasPrefix("."), "report name '\(name)' is not a plain file name")
        let folder = sub.isEmpty ? out : (out as NSString).appendingPathComponent(sub)
        let path = (folder as NSString).appendingPathComponent(name)
        do {
            try AtomicFile.createFolder(folder)
            try AtomicFile.write(data, to: path)
        } catch {
            Terminal.error("\(path): error: cannot write the report: \(error.localizedDescription)")
            throw ExitStatus.ioError
        }
        // With --pdf, the PDF printed from an HTML report is listed under it.
        if pdf && name.hasSuffix(".html") {
            try PDFPrinter.print(path)
            return path + "\n" + String(path.dropLast(5)) + ".pdf"
        }
        return path
    }

    /// Writes every plan in each format under `out/plans`, rendering two at a time; returns the paths in order.
    func writePlans(
        _ documents: [PlanDocument], as kinds: [ReportFormatKind], with reports: Reports, suffix: String = "", progress: PhaseProgress? = nil
    ) throws -> [String] {
        let options = self
        progress?.start("plans", total: documents.count * kinds.count)
        try reports.render(plans: documents, as: kinds, threads: 2) { document, kind, text in
            _ = try options.write(text, to: "\(document.person.nip)\(suffix).\(kind.fileExtension)", in: "plans")
            progress?.advance()
        }
        let folder = (out as NSString).appendingPathComponent("plans")
        return documents.flatMap { document in
            kinds.flatMap { kind in
                let path = (folder as NSString).appendingPathComponent("\(document.person.nip)\(suffix).\(kind.fileExtension)")
                return pdf && kind == .html ? [path, String(path.dropLast(5)) + ".pdf"] : [path]
            }
        }
    }
}

/// Prints HTML to PDF through a headless Chromium, when one is installed.
enum PDFPrinter {
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let missing = "merit: error: --pdf needs a headless Chromium; install it with: sudo apt-get install -y chromium"

    static var browser: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in candidates {
            for directory in paths {
                let path = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// chromedriver (Debian: chromium-driver), when installed: then one browser serves every PDF of a run.
    static var driver: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/chromedriver" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The run's browser, started at the first PDF and closed when the process exits.
    private static let session = Mutex<BrowserSession?>(nil)

    static func print(_ html: String) throws {
        guard let browser else {
            Terminal.error(missing)
            throw ExitStatus.ioError
        }
        let pdf = String(html.dropLast(5)) + ".pdf"
        // Printed beside it, then given the report's mode (0600, or the one the old PDF had) and renamed
        // over it: Chromium itself would create it readable by all.
        let url = URL(fileURLWithPath: pdf)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp.pdf").path
        do {
            if let shared = try sharedSession(browser: browser) {
                try AtomicFile.write(try shared.printPDF(html: html), to: temporary)
            } else {
                try printAlone(html, browser: browser, to: temporary)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            Terminal.error("\(html): error: Chromium could not print the report to PDF (\(error))")
            throw ExitStatus.ioError
        }
        do {
            try AtomicFile.replace(pdf, with: temporary)
        } catch {
            Terminal.error("\(pdf): error: \(error.localizedDescription)")
            throw ExitStatus.ioError
        }
    }

    /// One report's HTML printed to PDF, for `merit serve`: through a private temporary file, one at a time
    /// (the shared browser prints one page at once).
    static func print(text html: String) throws -> Data {
        try printing.withLock { _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-print-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("report.html").path
            try AtomicFile.write(Data(html.utf8), to: path)
            try print(path)
            return try Data(contentsOf: folder.appendingPathComponent("report.pdf"))
        }
    }

    private static let printing = Mutex<Void>(())

    /// The browser shared by this run's PDFs, started on first use; nil without chromedriver.
    private static func sharedSession(browser: String) throws -> BrowserSession? {
        guard let driver else { return nil }
        return try session.withLock { current in
            if let current { return current }
            let started = try BrowserSession(driverPath: driver, browser: browser)
            current = started
            atexit { PDFPrinter.closeSession() }
            return started
        }
    }

    static func closeSession() {
        session.withLock { current in
            current?.close()
            current = nil
        }
    }

    /// Without chromedriver: a Chromium started for this one report.
    private static func printAlone(_ html: String, browser: String, to temporary: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(temporary)",
            URL(fileURLWithPath: html).absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temporary) else {
            throw BrowserSession.Failure(description: "chromium exited with status \(process.terminationStatus)")
        }
    }
}

extension ScoredCohort {
    /// The stored cohort scored, with the store's notes printed to standard error.
    static func open(
        library: Library, store: MeritStore, referenceDate: CalendarDate, target: PositionStandard? = nil, withHistory: Bool = false
    ) throws -> ScoredCohort {
        let scored = try ScoredCohort(library: library, store: store, referenceDate: referenceDate, target: target, withHistory: withHistory)
        for note in scored.cohort.notes { Terminal.error("\(store.path): note: \(note)") }
        return scored
    }
}
