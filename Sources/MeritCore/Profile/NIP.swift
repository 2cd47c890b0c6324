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
            return .failure(.notEighteenDigits(text.count <= 80 ? text : String(text.prefix(79)) + "…"))
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
