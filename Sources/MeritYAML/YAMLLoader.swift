import CYAML

/// Loads YAML text into `Node` trees through libyaml's event API.
///
/// Every node keeps its 1-based line and column; aliases are resolved; duplicate keys are errors unless
/// allowed; depth, alias expansion and size are bounded by `limits`.
public struct YAMLLoader: Sendable {
    public var limits: YAMLLimits
    public var allowsDuplicateKeys: Bool

    public init(limits: YAMLLimits = .default, allowsDuplicateKeys: Bool = false) {
        self.limits = limits
        self.allowsDuplicateKeys = allowsDuplicateKeys
    }

    /// Every document of the stream in `bytes` (UTF-8, UTF-16 with a BOM; a UTF-8 BOM is skipped).
    public func load(_ bytes: [UInt8], file: String) throws(YAMLError) -> [YAMLDocument] {
        guard bytes.count <= limits.maxBytes else {
            throw YAMLError(
                .limitExceeded, at: .file(file),
                "the file is \(bytes.count) bytes, over the limit of \(limits.maxBytes) bytes")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(.io, at: .file(file), "libyaml could not allocate a parser")
        }
        defer { yaml_parser_delete(&parser) }
        var builder = TreeBuilder(
            file: file, limits: limits, allowsDuplicateKeys: allowsDuplicateKeys, sizeHint: bytes.count)
        let result: Result<Void, YAMLError> = bytes.withUnsafeBufferPointer { buffer in
            let empty: [UInt8] = [0]
            return empty.withUnsafeBufferPointer { fallback in
                yaml_parser_set_input_string(&parser, buffer.baseAddress ?? fallback.baseAddress!, buffer.count)
                var event = yaml_event_t()
                while true {
                    guard yaml_parser_parse(&parser, &event) == 1 else {
                        return .failure(Self.parserError(parser, file: file, bytes: buffer))
                    }
                    defer { yaml_event_delete(&event) }
                    do throws(YAMLError) {
                        if try builder.handle(&event) { return .success(()) }
                    } catch {
                        return .failure(error)
                    }
                }
            }
        }
        try result.get()
        return builder.documents()
    }

    /// Exactly one document: an empty stream is a null document, more than one is an error.
    public func loadSingle(_ bytes: [UInt8], file: String) throws(YAMLError) -> YAMLDocument {
        let documents = try load(bytes, file: file)
        if documents.count > 1 {
            throw YAMLError(.syntax, at: documents[1].root.mark, "expected one document, found \(documents.count)")
        }
        return documents.first
            ?? YAMLDocument(root: Node.empty(file: file, line: 1, column: 1), file: file)
    }

    /// libyaml's own message, with its context: `did not find expected ',' or ']' (while parsing a flow sequence at 2:4)`.
    private static func parserError(_ parser: yaml_parser_t, file: String, bytes: UnsafeBufferPointer<UInt8>) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLError(.io, at: .file(file), "libyaml ran out of memory")
        case YAML_READER_ERROR:
            let mark = markOfOffset(Int(parser.problem_offset), in: bytes, file: file)
            var message = problem
            if parser.problem_value != -1 { message += " (byte 0x\(String(parser.problem_value, radix: 16)))" }
            return YAMLError(.syntax, at: mark, message)
        default:
            let mark = SourceMark(
                file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            var message = problem
            if let context = parser.context {
                let line = Int(parser.context_mark.line) + 1
                let column = Int(parser.context_mark.column) + 1
                message += " (\(String(cString: context)) at \(line):\(column))"
            }
            return YAMLError(.syntax, at: mark, message)
        }
    }

    /// Line and column (in characters) of a byte offset; a leading BOM does not count.
    static func markOfOffset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceMark {
        var line = 1
        var column = 1
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < min(offset, bytes.count) {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceMark(file: file, line: line, column: column)
    }
}
