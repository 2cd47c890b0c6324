/// Text made safe inside HTML and XML, in content and in quoted attributes: `&`, `<`, `>`, `"` and `'` as
/// entities. Shared by the HTML reports and the workbooks Merit writes.
///
/// Escaping works on the UTF-8 bytes, as an HTML or XML parser reads code points: a quote followed by a
/// combining mark is one `Character` to Swift but still ends an attribute, so it is escaped too. Bytes are
/// also what made `merit run` fast enough (issue 15: Character-by-Character escaping was a fifth of it).
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
        ByteEscaping.replacing(text) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&#39;"
            default: nil
            }
        }
    }
}

/// Replaces single ASCII bytes of a string's UTF-8 (the bytes of other code points never match one).
public enum ByteEscaping {
    /// Returns `text` itself (no copy) when no byte has a replacement.
    @inlinable
    public static func replacing(_ text: String, _ replacement: (UInt8) -> StaticString?) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard let first = bytes.firstIndex(where: { replacement($0) != nil }) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<first]))
            for byte in UnsafeBufferPointer(rebasing: bytes[first...]) {
                if let replaced = replacement(byte) {
                    out.append(contentsOf: UnsafeBufferPointer(start: replaced.utf8Start, count: replaced.utf8CodeUnitCount))
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        } ?? text
    }
}
