/// Characters refused in any field of a record file: they can hide text, or reorder what a terminal or a
/// report shows (the "Trojan Source" bidirectional overrides), and no assessor types them on purpose.
/// Tabs and line breaks are text; everything else below U+0020, DEL, the C1 controls and the
/// bidirectional embeddings, overrides and isolates is refused at its place.
public enum HiddenText {
    /// Why the character is refused, or nil when it is ordinary text.
    public static func describe(_ scalar: UInt32) -> String? {
        switch scalar {
        case 0x09, 0x0A, 0x0D: nil
        case 0x00: "a NUL character (U+0000) in the text; the file may be damaged or in another encoding: save it again as CSV UTF-8"
        case 0x01..<0x20, 0x7F, 0x80...0x9F:
            "a control character (\(code(scalar))) in the text; delete it (it cannot be seen, and Merit does not read text that can hide what it shows)"
        case 0x202A...0x202E, 0x2066...0x2069:
            "a bidirectional override (\(code(scalar))) in the text; delete it (it can reorder what a terminal or a report shows)"
        default: nil
        }
    }

    /// `U+202E`.
    public static func code(_ scalar: UInt32) -> String {
        let hex = String(scalar, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The first refused character of a text, with its offset in characters.
    public static func firstProblem(in text: String) -> (offset: Int, message: String)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if let message = describe(scalar.value) { return (offset, message) }
        }
        return nil
    }
}
