import MeritCore
import MeritLibrary

/// Nomor Induk Pegawai: 18 digits = birth date `yyyymmdd` + appointment (TMT CPNS) `yyyymm` + sex digit
/// (1 male, 2 female) + 3-digit serial (BKN).
public struct NIP: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let birthDate: CalendarDate
    public let appointmentYear: Int
    public let appointmentMonth: Int
    public let sex: Int

    public var description: String { text }

    /// The NIP as a number (18 digits fit in 64 bits), for fast keys.
    public var number: Int64 { Int64(text)! }

    /// Why a text is not a possible NIP, or the NIP.
    public static func parse(_ text: String) -> Result<NIP, NIPProblem> {
        let digits = Array(text.utf8)
        guard digits.count == 18, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .failure(.notEighteenDigits(text.excerpt))
        }
        func number(_ range: Range<Int>) -> Int {
            digits[range].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        let year = number(0..<4)
        let month = number(4..<6)
        let day = number(6..<8)
        guard (1900...2099).contains(year), let birth = CalendarDate(year: year, month: month, day: day) else {
            return .failure(.impossibleBirthDate(text, digits: String(text.prefix(8))))
        }
        let appointmentYear = number(8..<12)
        let appointmentMonth = number(12..<14)
        guard (1...12).contains(appointmentMonth), appointmentYear >= year + 14, appointmentYear <= 2099 else {
            return .failure(.impossibleAppointment(text, digits: String(Array(text)[8..<14])))
        }
        let sex = number(14..<15)
        guard sex == 1 || sex == 2 else { return .failure(.impossibleSex(text, digit: sex)) }
        // The serial number counts from 001; 000 is what a spreadsheet leaves of the last digits it rounded.
        guard number(15..<18) > 0 else { return .failure(.impossibleSerial(text)) }
        return .success(
            NIP(text: text, birthDate: birth, appointmentYear: appointmentYear, appointmentMonth: appointmentMonth, sex: sex))
    }
}

public enum NIPProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case notEighteenDigits(String)
    case impossibleBirthDate(String, digits: String)
    case impossibleAppointment(String, digits: String)
    case impossibleSex(String, digit: Int)
    case impossibleSerial(String)

    public var description: String {
        switch self {
        case .notEighteenDigits(let text):
            "NIP '\(text)' is not 18 digits (\(text.count) characters)"
        case .impossibleBirthDate(let text, let digits):
            "NIP '\(text)' starts with an impossible birth date \(digits) (yyyymmdd)"
        case .impossibleAppointment(let text, let digits):
            "NIP '\(text)' has an impossible appointment month \(digits) (yyyymm, at least 14 years after birth)"
        case .impossibleSex(let text, let digit):
            "NIP '\(text)' has sex digit \(digit) (15th digit); expected 1 (male) or 2 (female)"
        case .impossibleSerial(let text):
            "NIP '\(text)' has serial number 000 (the last 3 digits); serial numbers start at 001"
        }
    }
}

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
