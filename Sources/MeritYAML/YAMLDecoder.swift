/// Decodes `Decodable` values from YAML, strictly: unknown keys, wrong types and missing keys are errors
/// located at the offending node, with the decoding path (`file:line:col: at 'a.b[2]': message`).
public struct YAMLDecoder: Sendable {
    public var loader: YAMLLoader
    /// When false (the default), a mapping key that the decoded type never asked for is an error.
    public var allowsUnknownKeys: Bool

    public init(loader: YAMLLoader = YAMLLoader(), allowsUnknownKeys: Bool = false) {
        self.loader = loader
        self.allowsUnknownKeys = allowsUnknownKeys
    }

    /// Decodes a node; throws the first problem found.
    public func decode<T: Decodable>(_ type: T.Type, from node: Node) throws(YAMLError) -> T {
        let (value, errors) = decodeReportingAll(type, from: node)
        if let first = errors.first { throw first }
        return value!
    }

    /// Decodes the single document of `bytes`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String) throws(YAMLError) -> T {
        try decode(type, from: loader.loadSingle(bytes, file: file).root)
    }

    /// Decodes a node and reports every unknown key, not only the first, together with the problem that
    /// stopped decoding (if any). The value is nil when any problem was found.
    public func decodeReportingAll<T: Decodable>(_ type: T.Type, from node: Node) -> (T?, [YAMLError]) {
        let context = DecodingContext(allowsUnknownKeys: allowsUnknownKeys)
        do {
            let value = try context.unbox(type, from: node, parent: nil, step: nil)
            let errors = context.deferred.sorted(by: Self.reportOrder)
            return (errors.isEmpty ? value : nil, errors)
        } catch {
            var errors = context.deferred
            errors.append(context.located(error, node: node, path: []))
            return (nil, errors.sorted(by: Self.reportOrder))
        }
    }
}

extension YAMLDecoder {
    /// In document order; at one place the problem that stopped decoding comes before the unknown key
    /// that explains it.
    static func reportOrder(_ a: YAMLError, _ b: YAMLError) -> Bool {
        if a.mark != b.mark { return a.mark < b.mark }
        return a.kind != .unknownKey && b.kind == .unknownKey
    }
}

/// Gives `Decodable` types access to the YAML node they are decoded from (its mark, its keys' marks).
public protocol YAMLNodeDecoder: Decoder {
    var node: Node { get }
}

/// State shared by all decoders of one `decode` call.
final class DecodingContext {
    let allowsUnknownKeys: Bool
    /// Problems that do not stop decoding (unknown keys), reported together at the end.
    var deferred: [YAMLError] = []
    /// Keys asked for but absent, for "did you mean" hints: each decoder's own start at its `missesStart`
    /// (a decoder's children finish, and drop theirs, before it reports).
    var misses: [String] = []

    init(allowsUnknownKeys: Bool) {
        self.allowsUnknownKeys = allowsUnknownKeys
    }

    func unbox<T: Decodable>(
        _ type: T.Type, from node: Node, parent: NodeDecoderImpl?, step: NodeDecoderImpl.PathStep?
    ) throws -> T {
        let decoder = NodeDecoderImpl(node: node, parent: parent, step: step, context: self)
        var failed = true
        defer {
            if decoder.isMapping && !allowsUnknownKeys { reportUnknownKeys(decoder, afterFailure: failed) }
            misses.removeSubrange(decoder.missesStart...)
        }
        do {
            let value = try T(from: decoder)
            failed = false
            return value
        } catch let error as DecodingError {
            throw located(error, node: node, path: decoder.codingPath)
        }
    }

    /// Every key the type never asked for. When decoding stopped early, keys after the stop were never
    /// asked for either, so only the misspellings of a missing key are reported: they explain the failure.
    private func reportUnknownKeys(_ decoder: NodeDecoderImpl, afterFailure: Bool) {
        let missing = Set(misses[decoder.missesStart...])
        for key in decoder.unusedKeys {
            let name = key.text ?? key.kindDescription
            let suggestion = decoder.suggestion(for: name)
            if afterFailure && !(suggestion.map(missing.contains) ?? false) { continue }
            var message = "unknown key '\(name.escapedForMessage)'"
            if let suggestion { message += "; did you mean '\(suggestion)'?" }
            let path = Self.pathString(decoder.codingPath + [AnyKey(name)])
            deferred.append(YAMLError(.unknownKey, at: key.mark, path: path, message))
        }
    }

    /// A `DecodingError` thrown by a type's own `init(from:)`, turned into a located error.
    func located(_ error: any Error, node: Node, path: [any CodingKey]) -> YAMLError {
        if let error = error as? YAMLError { return error }
        if let error = error as? DecodingError {
            switch error {
            case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
                .keyNotFound(_, let context):
                return YAMLError(
                    .typeMismatch, at: node.mark, path: Self.pathString(context.codingPath), context.debugDescription)
            @unknown default:
                break
            }
        }
        return YAMLError(.typeMismatch, at: node.mark, path: Self.pathString(path), "\(error)")
    }

    /// `competencies[3].levels[2]`: keys joined by dots, sequence indexes (0-based) in brackets.
    static func pathString(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out
    }
}

/// A coding key for sequence positions and for keys found in the document.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) { self.init(index: intValue) }
}
