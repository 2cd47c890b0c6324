import MeritYAML
import Testing

/// Loads YAML text from a test, with `test.yaml` as its file name.
func load(_ text: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLDocument] {
    try YAMLLoader(limits: limits).load(Array(text.utf8), file: "test.yaml")
}

/// Decodes YAML text from a test.
func decode<T: Decodable>(_ type: T.Type, _ text: String) throws(YAMLError) -> T {
    try YAMLDecoder().decode(type, from: Array(text.utf8), file: "test.yaml")
}

/// The error thrown by `body`, or a test failure.
func yamlError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        _ = try body()
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return nil
    } catch let error as YAMLError {
        return error
    } catch {
        Issue.record("expected a YAMLError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The folder of this file's fixtures.
let fixtures = String(#filePath.dropLast("Support.swift".count)) + "Fixtures/"
