import Foundation
import MeritYAML
import Testing

/// Runs every case of the YAML test suite (`../shared/conformance/yaml-test-suite`, or the folder named by
/// `MERIT_YAML_TEST_SUITE`): invalid cases must be rejected; valid ones must load and, where `in.json`
/// exists, equal it. `Conformance/known-failures.txt` lists the cases we knowingly fail, with the reason;
/// an unlisted failure fails the test, and so does a listed case that starts passing.
@Suite struct ConformanceTests {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var suiteFolder: URL? {
        let candidates = [
            ProcessInfo.processInfo.environment["MERIT_YAML_TEST_SUITE"].map { URL(fileURLWithPath: $0) },
            projectRoot.appendingPathComponent("../shared/conformance/yaml-test-suite"),
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    @Test(
        .enabled(
            if: suiteFolder != nil,
            "the YAML test suite is not here: set MERIT_YAML_TEST_SUITE or put it at ../shared/conformance/yaml-test-suite"
        ))
    func yamlTestSuite() throws {
        let folder = try #require(Self.suiteFolder)
        let known = try Self.knownFailures()
        let cases = try Self.cases(in: folder)
        #expect(cases.count > 300, "found only \(cases.count) cases in \(folder.path)")

        var counts = (validLoaded: 0, invalidRejected: 0, knownFailures: 0)
        var unexpected: [String] = []
        for testCase in cases {
            let failure = Self.run(testCase)
            switch (failure, known[testCase.id]) {
            case (nil, nil):
                if testCase.isInvalid { counts.invalidRejected += 1 } else { counts.validLoaded += 1 }
            case (let failure?, nil):
                unexpected.append("\(testCase.id): \(failure)")
            case (nil, _?):
                unexpected.append("\(testCase.id): listed in known-failures.txt but now passes: remove it from the list")
            case (_?, _?):
                counts.knownFailures += 1
            }
        }
        let stale = Set(known.keys).subtracting(cases.map(\.id))
        for id in stale.sorted() { unexpected.append("\(id): listed in known-failures.txt but no such case") }
        for line in unexpected { Issue.record(Comment(rawValue: line)) }
        print(
            "yaml-test-suite: \(cases.count) cases; \(counts.validLoaded) valid loaded, "
                + "\(counts.invalidRejected) invalid rejected, \(counts.knownFailures) known failures")
    }

    struct Case {
        var id: String
        var folder: URL
        var isInvalid: Bool
    }

    /// `ID/` folders with an `in.yaml`, and `ID/NN/` folders for cases with several variants.
    static func cases(in folder: URL) throws -> [Case] {
        let manager = FileManager.default
        var cases: [Case] = []
        for id in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
            let caseFolder = folder.appendingPathComponent(id)
            if manager.fileExists(atPath: caseFolder.appendingPathComponent("in.yaml").path) {
                cases.append(Case(id: id, folder: caseFolder, isInvalid: isInvalid(caseFolder)))
                continue
            }
            guard let subfolders = try? manager.contentsOfDirectory(atPath: caseFolder.path) else { continue }
            for sub in subfolders.sorted() {
                let subFolder = caseFolder.appendingPathComponent(sub)
                if manager.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                    cases.append(Case(id: "\(id)/\(sub)", folder: subFolder, isInvalid: isInvalid(subFolder)))
                }
            }
        }
        return cases
    }

    private static func isInvalid(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
    }

    /// Why the case fails, or nil when it passes.
    static func run(_ testCase: Case) -> String? {
        let input = testCase.folder.appendingPathComponent("in.yaml").path
        let documents: [YAMLDocument]
        do {
            documents = try YAMLLoader().load(contentsOf: input)
        } catch {
            return testCase.isInvalid ? nil : "valid input rejected: \(error)"
        }
        if testCase.isInvalid { return "invalid input accepted" }
        let jsonFile = testCase.folder.appendingPathComponent("in.json")
        guard let json = try? String(contentsOf: jsonFile, encoding: .utf8) else { return nil }
        guard let expected = try? JSONValue.parseStream(json) else { return "in.json could not be read" }
        let loaded = documents.map { JSONValue($0.root) }
        guard loaded.count == expected.count else {
            return "loaded \(loaded.count) documents, in.json has \(expected.count)"
        }
        for (index, (value, want)) in zip(loaded, expected).enumerated() where value != want {
            return "document \(index + 1) loads as \(value.map(\.description) ?? "non-JSON data"), in.json says \(want)"
        }
        return nil
    }

    /// `ID  reason` lines; `#` starts a comment.
    static func knownFailures() throws -> [String: String] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Conformance/known-failures.txt")
        var known: [String: String] = [:]
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { continue }
            let parts = text.split(separator: " ", maxSplits: 1)
            known[String(parts[0])] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return known
    }
}
