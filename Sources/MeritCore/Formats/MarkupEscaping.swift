/// Text made safe inside HTML and XML, in content and in quoted attributes: `&`, `<`, `>`, `"` and `'` as
/// entities. Shared by the HTML reports and the workbooks Merit writes.
public enum MarkupEscaping {
    public static func escape(_ text: String) -> String {
        // Most values need nothing: return them untouched without building a new string.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
