/// Scalar resolution by the YAML 1.2 core schema (YAML 1.2.2 §10.3).
///
/// Only `true`/`false` (and their `True`/`TRUE` spellings) are booleans: `yes`, `no`, `on`, `off`, `y`, `n`
/// stay strings, unlike YAML 1.1. `null`, `~` and the empty plain scalar are null. Quoted and block scalars
/// are always strings. An explicit `!!str`, `!!int`, `!!float`, `!!bool` or `!!null` tag picks the type.
public enum CoreSchema {
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
    }

    public static let strTag = "tag:yaml.org,2002:str"
    public static let intTag = "tag:yaml.org,2002:int"
    public static let floatTag = "tag:yaml.org,2002:float"
    public static let boolTag = "tag:yaml.org,2002:bool"
    public static let nullTag = "tag:yaml.org,2002:null"

    public static func resolve(_ scalar: Scalar, tag: String?) -> Value {
        switch tag {
        case nil:
            return scalar.style == .plain ? resolvePlain(scalar.text) : .string(scalar.text)
        case strTag?, "!"?:
            return .string(scalar.text)
        case nullTag?:
            return .null
        case boolTag?:
            return bool(scalar.text).map(Value.bool) ?? .string(scalar.text)
        case intTag?:
            return int(scalar.text).map(Value.int) ?? .string(scalar.text)
        case floatTag?:
            if let value = int(scalar.text) { return .float(Double(value)) }
            return float(scalar.text).map(Value.float) ?? .string(scalar.text)
        default:
            return .string(scalar.text)
        }
    }

    /// Resolution of an untagged plain scalar.
    public static func resolvePlain(_ text: String) -> Value {
        switch kindOfPlain(text) {
        case .null: return .null
        case .string: return .string(text)
        case .bool: return .bool(text.utf8.first == UInt8(ascii: "t") || text.utf8.first == UInt8(ascii: "T"))
        case .int:
            if let value = int(text) { return .int(value) }
            // Matches the int rule but does not fit in Int: keep the number's value as a float.
            return .float(Double(text) ?? .nan)
        case .float: return .float(float(text) ?? .nan)
        }
    }

    enum PlainKind { case null, bool, int, float, string }

    /// What an untagged plain scalar resolves to, read from its bytes without building anything.
    static func kindOfPlain(_ text: String) -> PlainKind {
        var text = text
        return text.withUTF8 { kindOfPlain($0) }
    }

    static func kindOfPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> PlainKind {
        guard let first = bytes.first else { return .null }
        switch first {
        case UInt8(ascii: "~"):
            return bytes.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return bytes.count == 4 && isNull(String(decoding: bytes, as: UTF8.self)) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return (bytes.count == 4 || bytes.count == 5) && bool(String(decoding: bytes, as: UTF8.self)) != nil
                ? .bool : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if isDecimalInteger(bytes) { return .int }
            let string = String(decoding: bytes, as: UTF8.self)
            if int(string) != nil { return .int }
            return float(string) != nil ? .float : .string
        default:
            return .string
        }
    }

    public static func isNull(_ text: String) -> Bool {
        text == "null" || text == "Null" || text == "NULL" || text == "~" || text.isEmpty
    }

    public static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`, when it fits in `Int`.
    public static func int(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8).flatMap { onlyDigits(text.dropFirst(2), radix: 8) ? $0 : nil } }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16).flatMap { onlyDigits(text.dropFirst(2), radix: 16) ? $0 : nil } }
        guard isIntegerText(text) else { return nil }
        return Int(text)
    }

    /// True when the text matches the core schema's integer rule, whatever its size.
    public static func isIntegerText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isDecimalInteger)
    }

    /// `[-+]?[0-9]+`
    static func isDecimalInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = bytes[...]
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and `.nan` in their three spellings.
    public static func float(_ text: String) -> Double? {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == ".inf" || rest == ".Inf" || rest == ".INF" { return negative ? -.infinity : .infinity }
        if text == ".nan" || text == ".NaN" || text == ".NAN" { return .nan }
        guard matchesFloatRule(rest) else { return nil }
        return Double(text.first == "+" ? String(text.dropFirst()) : text)
    }

    private static func matchesFloatRule(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            return index - start
        }
        let whole = digits()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = digits()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if digits() == 0 { return false }
        }
        return index == bytes.count
    }

    private static func onlyDigits(_ text: Substring, radix: Int) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }
    }
}
