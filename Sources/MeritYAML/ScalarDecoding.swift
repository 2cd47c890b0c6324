/// Reading Swift primitives from scalar nodes, with the messages users see.
enum ScalarDecoding {
    static func mismatch(_ expected: String, _ node: Node, _ path: [any CodingKey]) -> YAMLError {
        YAMLError(
            .typeMismatch, at: node.mark, path: DecodingContext.pathString(path),
            "expected \(expected), found \(node.kindDescription)")
    }

    private static func value(_ node: Node) -> CoreSchema.Value? {
        node.resolved
    }

    static func bool(_ node: Node, _ path: @autoclosure () -> [any CodingKey]) throws(YAMLError) -> Bool {
        guard case .bool(let flag)? = value(node) else {
            var error = mismatch("a boolean (true or false)", node, path())
            if case .string(let text)? = value(node),
                ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
            {
                error.message += "; YAML 1.2 reads '\(text)' as text: write true or false"
            }
            throw error
        }
        return flag
    }

    /// Any scalar but null reads as text, as written (`code: 1.10` is the text "1.10").
    static func string(_ node: Node, _ path: @autoclosure () -> [any CodingKey]) throws(YAMLError) -> String {
        guard let text = node.text, !node.isNull else {
            throw mismatch("a string", node, path())
        }
        return text
    }

    static func integer<T: FixedWidthInteger>(_ type: T.Type, _ node: Node, _ path: @autoclosure () -> [any CodingKey]) throws(YAMLError) -> T {
        switch value(node) {
        case .int(let number)?:
            if let exact = T(exactly: number) { return exact }
        case .float?:
            if let text = node.text, CoreSchema.isIntegerText(text) { break }
            throw mismatch("an integer", node, path())
        default:
            throw mismatch("an integer", node, path())
        }
        var error = mismatch("an integer", node, path())
        error.message += " (out of range \(T.min)...\(T.max))"
        throw error
    }

    static func float<T: BinaryFloatingPoint>(_ type: T.Type, _ node: Node, _ path: @autoclosure () -> [any CodingKey]) throws(YAMLError) -> T {
        switch value(node) {
        case .int(let number)?: return T(number)
        case .float(let number)?: return T(number)
        default: throw mismatch("a number", node, path())
        }
    }
}
