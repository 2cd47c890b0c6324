/// Writes `Encodable` values as block-style YAML, keys in the order the type encodes them, strings quoted
/// only when YAML 1.2 would read them as something else. For documents people edit (development plans).
public struct YAMLEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> String {
        var out = ""
        YAMLEncoder.emit(try encodedNode(value), indent: 0, into: &out, inSequence: false)
        return out
    }

    static func emit(_ node: EncodedNode, indent: Int, into out: inout String, inSequence: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch node {
        case .scalar(let text):
            out += text + "\n"
        case .sequence(let items):
            if items.isEmpty {
                out += "[]\n"
                return
            }
            if inSequence { out += "\n" }
            for item in items {
                out += pad + "- "
                emitInline(item, indent: indent + 2, into: &out)
            }
        case .mapping(let pairs):
            if pairs.isEmpty {
                out += "{}\n"
                return
            }
            for (index, pair) in pairs.enumerated() {
                if !(inSequence && index == 0) { out += pad }
                out += quote(pair.0) + ":"
                switch pair.1 {
                case .scalar(let text): out += " " + text + "\n"
                case .sequence(let items) where items.isEmpty: out += " []\n"
                case .mapping(let inner) where inner.isEmpty: out += " {}\n"
                case .sequence:
                    out += "\n"
                    emit(pair.1, indent: indent, into: &out, inSequence: false)
                case .mapping:
                    out += "\n"
                    emit(pair.1, indent: indent + 2, into: &out, inSequence: false)
                }
            }
        }
    }

    /// A sequence item: scalars on the dash's line, mappings starting there.
    private static func emitInline(_ node: EncodedNode, indent: Int, into out: inout String) {
        switch node {
        case .scalar(let text): out += text + "\n"
        case .mapping(let pairs) where !pairs.isEmpty: emit(node, indent: indent, into: &out, inSequence: true)
        case .sequence(let items) where !items.isEmpty:
            out += "\n"
            emit(node, indent: indent, into: &out, inSequence: false)
        default: emit(node, indent: indent, into: &out, inSequence: false)
        }
    }

    /// A string as a YAML scalar that reads back as the same string.
    static func quote(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{FEFF}": out += "\\uFEFF"
            default:
                // C0 and C1 controls and DEL: a reader folds NEL (U+0085) as a line break, even quoted.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether `text` reads back as itself written plain, in one pass over its UTF-8 bytes (issue 15: the
    /// Character-level checks this replaced were a quarter of `merit run`). Byte checks only ever quote more
    /// than Character ones would (an indicator followed by a combining mark is quoted), never less.
    static func isPlainSafe(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, last != UInt8(ascii: " ") else { return false }
            // YAML 1.1 booleans too: other tools that open the file (editors, PyYAML) still read them so.
            if bytes.count <= 3, isYAML11Boolean(bytes) { return false }
            switch first {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
                UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
                UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "):
                return false
            default: break
            }
            // A colon at the end would start a mapping value, as ": " does.
            guard last != UInt8(ascii: ":") else { return false }
            var previous: UInt8 = 0
            var beforePrevious: UInt8 = 0
            for byte in bytes {
                if byte < 0x20 || byte == 0x7F { return false }
                if previous == UInt8(ascii: ":"), byte == UInt8(ascii: " ") { return false }
                if previous == UInt8(ascii: " "), byte == UInt8(ascii: "#") { return false }
                // C1 controls (NEL among them: a line break to YAML), LS, PS and a byte order mark.
                if previous == 0xC2, byte < 0xA0 { return false }
                if beforePrevious == 0xE2, previous == 0x80, byte == 0xA8 || byte == 0xA9 { return false }
                if beforePrevious == 0xEF, previous == 0xBB, byte == 0xBF { return false }
                beforePrevious = previous
                previous = byte
            }
            return CoreSchema.kindOfPlain(bytes) == .string
        }
    }

    /// y, yes, n, no, on, off in any case.
    private static func isYAML11Boolean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var lowered = 0
        for byte in bytes {
            let lower = byte | 0x20
            guard lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z"), byte & 0x80 == 0 else { return false }
            lowered = lowered << 8 | Int(lower)
        }
        return yaml11Booleans.contains(lowered)
    }

    private static let yaml11Booleans = ["y", "yes", "n", "no", "on", "off"].map { $0.utf8.reduce(0) { $0 << 8 | Int($1) } }
}

/// What the tree encoder builds.
indirect enum EncodedNode {
    case scalar(String)
    case sequence([EncodedNode])
    case mapping([(String, EncodedNode)])
}

/// A child of a container: a finished node, or a nested encoder still being filled.
enum Slot {
    case node(EncodedNode)
    case nested(TreeEncoder)

    var resolved: EncodedNode {
        switch self {
        case .node(let node): node
        case .nested(let encoder): encoder.node
        }
    }
}

final class TreeEncoder: Encoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private var children: [(String, Slot)] = []
    private var items: [Slot] = []
    private var single: EncodedNode?
    private var isSequence = false

    /// What was encoded, nested encoders resolved.
    var node: EncodedNode {
        if let single { return single }
        if isSequence { return .sequence(items.map(\.resolved)) }
        return .mapping(children.map { ($0.0, $0.1.resolved) })
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(TreeKeyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        isSequence = true
        return TreeUnkeyed(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        TreeSingle(encoder: self)
    }

    func add(key: String, _ slot: Slot) { children.append((key, slot)) }

    func append(_ slot: Slot) { items.append(slot) }

    func set(_ node: EncodedNode) { single = node }

    static func node<T: Encodable>(for value: T) throws -> EncodedNode {
        let encoder = TreeEncoder()
        try value.encode(to: encoder)
        return encoder.node
    }
}

private func scalarText<T: Encodable>(_ value: T) throws -> String? {
    switch value {
    case let text as String: return YAMLEncoder.quote(text)
    case let flag as Bool: return flag ? "true" : "false"
    case let number as Int: return String(number)
    case let number as Double: return number.isFinite ? String(number) : (number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf"))
    default: return nil
    }
}

private func encodedNode<T: Encodable>(_ value: T) throws -> EncodedNode {
    if let text = try scalarText(value) { return .scalar(text) }
    return try TreeEncoder.node(for: value)
}

struct TreeKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.add(key: key.stringValue, .node(.scalar("null")))
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        encoder.add(key: key.stringValue, .node(try encodedNode(value)))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        // Absent optionals are left out: an edited file need not mention them.
        if let value { try encode(value, forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = TreeEncoder()
        encoder.add(key: key.stringValue, .nested(nested))
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = TreeEncoder()
        encoder.add(key: key.stringValue, .nested(nested))
        return nested.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }

    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

struct TreeUnkeyed: UnkeyedEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }
    var count = 0

    mutating func encodeNil() throws {
        encoder.append(.node(.scalar("null")))
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.append(.node(try encodedNode(value)))
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = TreeEncoder()
        encoder.append(.nested(nested))
        count += 1
        return nested.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = TreeEncoder()
        encoder.append(.nested(nested))
        count += 1
        return nested.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
}

struct TreeSingle: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.set(.scalar("null")) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.set(try encodedNode(value))
    }
}
