import Foundation
import MeritCore
import MeritYAML

/// What `merit check` prints: the library (when it has no errors), every finding, and what was read.
public struct LibraryLoadResult: Sendable {
    public var library: Library?
    public var findings: [Finding]
    public var summary: LibrarySummary
}

/// Counts of what was loaded, per kind.
public struct LibrarySummary: Sendable, Hashable, CustomStringConvertible {
    public var files = 0
    public var dictionaries = 0
    public var competencies = 0
    public var instruments = 0
    public var batteries = 0
    public var jobLevels = 0
    public var positions = 0
    public var scoring = 0
    public var activities = 0
    public var labelLanguages = 0
    public var norms = 0
    /// Documents that hold input records (ratings, profiles…), not library: left to `merit import`.
    public var recordDocuments = 0

    public var description: String {
        var parts = [
            "\(files) files", "\(dictionaries) dictionaries (\(competencies) competencies)",
            "\(instruments) instruments", "\(batteries) batteries", "\(jobLevels) job levels",
            "\(positions) positions", "\(scoring) scoring", "\(activities) development activities",
            "\(labelLanguages) report languages",
        ]
        if norms > 0 { parts.append("\(norms) test norm\(norms == 1 ? "" : "s")") }
        if recordDocuments > 0 { parts.append("\(recordDocuments) record documents skipped") }
        return parts.joined(separator: ", ")
    }
}

/// Loads the instrument library: every `*.yaml` under a folder (any depth), dispatched on `kind:`, decoded
/// strictly, cross-referenced and validated. Reports all findings, in file and line order.
public struct LibraryLoader: Sendable {
    /// Kinds that are input records, not library: recognised so they are never mis-read as library.
    public static let recordKinds: Set<String> = ["ratings", "profiles", "tests", "levels", "development-plan"]
    public static let libraryKinds = [
        "competency-dictionary", "instrument", "battery", "job-level", "position", "scoring", "development-catalog",
        "report-labels", "agency", "norm",
    ]

    public init() {}

    public func load(folder: String) -> LibraryLoadResult {
        load(folders: [folder])
    }

    /// One library from the files of several folders, as if they were one: an agency's own folder with
    /// the folder every agency shares (the national managerial dictionary, `--shared-instruments`). An id
    /// defined in two folders is a duplicate, as within one.
    public func load(folders: [String]) -> LibraryLoadResult {
        var sources: [(path: String, bytes: [UInt8])] = []
        var findings: [Finding] = []
        for folder in folders {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                findings.append(Finding(.error, at: .file(folder), "the instrument library folder does not exist"))
                continue
            }
            for path in Self.yamlFiles(in: folder) {
                do {
                    sources.append((path, try readBytes(path)))
                } catch {
                    findings.append(Finding(error))
                }
            }
        }
        guard !findings.contains(where: { $0.message == "the instrument library folder does not exist" }) else {
            return LibraryLoadResult(library: nil, findings: findings, summary: LibrarySummary())
        }
        var result = load(sources: sources, root: folders.joined(separator: " + "))
        result.findings = (findings + result.findings).sorted()
        return result
    }

    /// Loads library documents from file contents (the paths name them in findings).
    /// `root` names the library in findings that belong to no file (a missing scoring document).
    public func load(sources: [(path: String, bytes: [UInt8])], root: String = "library") -> LibraryLoadResult {
        build(read(sources), root: root)
    }

    /// Files read and decoded, not yet cross-checked: the fuzzing harness keeps the unchanged files of a
    /// library this way and reads only the mutated one per run (about 3× the runs a second).
    @_spi(Fuzzing) public struct ReadFiles {
        var documents = LibraryDocuments()
        var summary = LibrarySummary()

        public init() {}
    }

    /// Reads and decodes `sources`, after any files already read.
    @_spi(Fuzzing) public func read(_ sources: [(path: String, bytes: [UInt8])], after earlier: ReadFiles = ReadFiles()) -> ReadFiles {
        var read = earlier
        read.summary.files += sources.count
        for source in sources {
            do {
                let loaded = try YAMLLoader().load(source.bytes, file: source.path)
                // An empty file (or one of comments only) is a file that defines nothing: said at the file,
                // not later as a library-wide "no scoring document".
                if loaded.isEmpty || loaded.allSatisfy({ $0.root.isNull }) {
                    read.documents.findings.append(
                        Finding(.error, at: .file(source.path), "the file holds no document (it is empty, or comments only); give it a 'kind:' and its content, or delete it"))
                }
                for document in loaded where !document.root.isNull {
                    read.documents.add(document, summary: &read.summary)
                }
            } catch {
                read.documents.findings.append(Finding(error))
            }
        }
        return read
    }

    /// Cross-checks what was read into a library, with every finding.
    @_spi(Fuzzing) public func build(_ read: ReadFiles, root: String) -> LibraryLoadResult {
        let documents = read.documents
        var summary = read.summary
        var builder = LibraryBuilder(documents: documents, root: root)
        let library = builder.build()
        summary.dictionaries = documents.dictionaries.count
        summary.competencies = documents.dictionaries.reduce(0) { $0 + $1.competencies.count }
        summary.instruments = documents.instruments.count
        summary.batteries = documents.batteries.count
        summary.jobLevels = documents.jobLevels.count
        summary.positions = documents.positions.count
        summary.scoring = documents.scoring.count
        summary.activities = documents.catalogs.reduce(0) { $0 + $1.activities.count }
        summary.labelLanguages = documents.labels.count
        summary.norms = documents.norms.count
        var findings: [Finding] = []
        for finding in (documents.findings + builder.findings).sorted() where findings.last != finding {
            findings.append(finding)  // an inherited fault is found once per heir: report it once
        }
        return LibraryLoadResult(
            library: findings.errorCount == 0 ? library : nil, findings: findings, summary: summary)
    }

    /// Folders of documented alternatives (another agency's scoring, say): kept with the library and
    /// checked by the tests, but not loaded; to use one, put it in place of the file it replaces.
    public static let alternativesFolder = "alternatif"

    /// `*.yaml` and `*.yml` files under `folder`, sorted, skipping hidden entries and the alternatives.
    public static func yamlFiles(in folder: String) -> [String] {
        let base = URL(fileURLWithPath: folder)
        guard
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) {
            let relative = url.path.dropFirst(base.path.count).drop { $0 == "/" }
            if relative.split(separator: "/").first.map(String.init) == alternativesFolder { continue }
            files.append(folder.hasSuffix("/") ? folder + relative : folder + "/" + relative)
        }
        return files.sorted()
    }
}

/// The decoded documents of a library, by kind, before cross-checking.
struct LibraryDocuments {
    var dictionaries: [DictionaryFile] = []
    var instruments: [InstrumentFile] = []
    var batteries: [BatteryFile] = []
    var jobLevels: [JobLevelFile] = []
    var positions: [PositionFile] = []
    var scoring: [ScoringFile] = []
    var catalogs: [CatalogFile] = []
    var labels: [LabelsFile] = []
    var agencies: [AgencyFile] = []
    var norms: [NormFile] = []
    var findings: [Finding] = []
    /// Ids of documents that failed to decode, per kind: references to them are not reported again.
    var failed: [String: Set<String>] = [:]

    /// Whether a reference may be to a document that failed to decode (so its own error explains it).
    func mayHaveFailed(_ kind: String, _ id: String) -> Bool {
        failed[kind].map { $0.contains(id) || $0.contains("") } ?? false
    }

    mutating func add(_ document: YAMLDocument, summary: inout LibrarySummary) {
        let root = document.root
        guard root.mapping != nil else {
            if !root.isNull {
                findings.append(Finding(.error, at: root.mark, "expected a mapping with 'kind:' and 'id:', found \(root.kindDescription)"))
            }
            return
        }
        let head = try? YAMLDecoder(allowsUnknownKeys: true).decode(DocumentHead.self, from: root)
        guard let kind = head?.kind else {
            findings.append(Finding(.error, at: root.mark, "missing 'kind:' (one of \(LibraryLoader.libraryKinds.joined(separator: ", ")))"))
            return
        }
        if LibraryLoader.recordKinds.contains(kind.value) {
            summary.recordDocuments += 1
            return
        }
        switch kind.value {
        case "competency-dictionary":
            if let file = decode(DictionaryFile.self, root) { dictionaries.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "instrument":
            if let file = decode(InstrumentFile.self, root) { instruments.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "battery":
            if let file = decode(BatteryFile.self, root) { batteries.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "job-level":
            if let file = decode(JobLevelFile.self, root) { jobLevels.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "position":
            if let file = decode(PositionFile.self, root) { positions.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "scoring":
            if let file = decode(ScoringFile.self, root) { scoring.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "development-catalog":
            if let file = decode(CatalogFile.self, root) { catalogs.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "report-labels":
            if let file = decode(LabelsFile.self, root) { labels.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "agency":
            if let file = decode(AgencyFile.self, root) { agencies.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        case "norm":
            if let file = decode(NormFile.self, root) { norms.append(file) } else { failed[kind.value, default: []].insert(head?.id?.value ?? "") }
        default:
            findings.append(
                Finding(
                    .error, at: kind.mark,
                    "unknown kind '\(kind.value)'; expected one of \(LibraryLoader.libraryKinds.joined(separator: ", "))"))
        }
    }

    private mutating func decode<T: Decodable>(_ type: T.Type, _ root: Node) -> T? {
        let (value, errors) = YAMLDecoder().decodeReportingAll(type, from: root)
        findings += errors.map(Finding.init)
        return value
    }
}
