import MeritCore
import MeritLibrary

/// What a spreadsheet does to a NIP kept as a number: a NIP is 18 digits and a spreadsheet number keeps
/// 15, so the NIP is shown in scientific notation (`1,98503302010011E+017`), given a decimal part
/// (`199505162017022001.0`), or rounded to end in `000` (a serial number no NIP has). Each is refused
/// once per file, with how to fix it, rather than once per row.
public enum NIPDamage: String, Sendable, Hashable, CaseIterable {
    case numberCell, scientific, decimalPart, rounded

    /// The damage a NIP's text shows, if any (`kind` is what the spreadsheet cell held).
    public static func of(_ text: String, kind: CellKind) -> NIPDamage? {
        if kind == .number { return .numberCell }
        let characters = Array(text.uppercased())
        if let e = characters.firstIndex(of: "E"), e >= 3, e + 1 < characters.count,
            characters[0].isNumber, characters[1] == "." || characters[1] == ",",
            characters[2..<e].allSatisfy(\.isNumber),
            characters[(e + 1)...].drop(while: { $0 == "+" || $0 == "-" }).allSatisfy(\.isNumber)
        {
            return .scientific
        }
        if let point = characters.firstIndex(where: { $0 == "." || $0 == "," }), point >= 15,
            characters[..<point].allSatisfy(\.isNumber), characters[(point + 1)...].allSatisfy({ $0 == "0" }), point + 1 < characters.count
        {
            return .decimalPart
        }
        if characters.count == 18, characters.allSatisfy(\.isNumber), text.hasSuffix("000") { return .rounded }
        return nil
    }

    var what: String {
        switch self {
        case .numberCell: "are numbers in the spreadsheet, not text"
        case .scientific: "are in scientific notation"
        case .decimalPart: "have a decimal part"
        case .rounded: "end in 000, a serial number no NIP has (the spreadsheet rounded their last digits)"
        }
    }

    /// The one message for a file: how many, the first, and what to do.
    func message(count: Int, example: String) -> String {
        let those = count == 1 ? "1 NIP" : "\(count) NIPs"
        return "\(those) in this file \(what) (the first: '\(example.excerpt)'): a NIP has 18 digits, more than a spreadsheet "
            + "number keeps (15), so its last digits are lost. Format the NIP column as Text before typing or pasting the NIPs "
            + "(or copy them from the source as text), then save the file again"
    }
}
