#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MeritCore

/// How a worksheet's typed cells become the text a record is read from: the text the sheet shows.
enum CellValue {
    /// A number as a spreadsheet shows it: at most 15 significant digits (what Excel and Calc keep of a
    /// number), no exponent for integers below 10^21, trailing zeros dropped. So `4.0999999999999996`
    /// (how a writer may store 4.1) reads `4.1`, and an 18-digit NIP typed as a number reads with the
    /// zeros its lost digits became (`199505162017022000`), which the NIP check then refuses.
    ///
    /// Plain decimals of 15 significant digits or fewer (`3.5`, `46097`) are already that text: they are
    /// copied without going through a `Double`.
    static func appendNumber(_ text: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) -> Bool {
        if let plain = plainDecimal(text) {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[plain]))
            return true
        }
        guard let value = double(text), value.isFinite else { return false }
        output.append(contentsOf: Array(format(value).utf8))
        return true
    }

    /// The part of a plain decimal (`-12.50`) worth keeping (`-12.5`), or nil when it needs formatting.
    private static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard !text.isEmpty, text.count <= 17 else { return nil }
        var digits = 0
        var point: Int?
        var leadingZeros = true
        for (offset, byte) in text.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: "."):
                guard point == nil else { return nil }
                point = offset
            case 48...57:
                if byte != 48 || !leadingZeros || point != nil { leadingZeros = false }
                if !leadingZeros { digits += 1 }
            default: return nil
            }
        }
        guard digits <= 15, text.last != UInt8(ascii: "."), text.first != UInt8(ascii: ".") else { return nil }
        var end = text.count
        if point != nil {
            while end > 0, text[end - 1] == UInt8(ascii: "0") { end -= 1 }
            if text[end - 1] == UInt8(ascii: ".") { end -= 1 }
        }
        let start = 0
        // `-0` is `0`.
        if end - start == 2, text[0] == UInt8(ascii: "-"), text[1] == UInt8(ascii: "0") { return 1..<2 }
        return start..<end
    }

    static func double(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !text.isEmpty, text.count < 64 else { return nil }
        var buffer = [CChar](repeating: 0, count: text.count + 1)
        for (offset, byte) in text.enumerated() {
            guard (48...57).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            else { return nil }
            buffer[offset] = CChar(bitPattern: byte)
        }
        return buffer.withUnsafeBufferPointer { pointer -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(pointer.baseAddress!, &end)
            guard let end, end - UnsafeMutablePointer(mutating: pointer.baseAddress!) == text.count else { return nil }
            return value
        }
    }

    /// `%.15g`, with the exponent written out as digits when the value is below 10^21 (or above 10^-7).
    static func format(_ value: Double) -> String {
        if value == 0 { return "0" }
        var buffer = [CChar](repeating: 0, count: 40)
        _ = withVaList([value]) { vsnprintf(&buffer, 40, "%.15g", $0) }
        let printed = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let e = printed.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(printed[printed.index(after: e)...])
        else { return printed }
        let negative = printed.hasPrefix("-")
        let mantissa = printed[..<e].drop { $0 == "-" }
        var digits = mantissa.filter { $0 != "." }
        let pointAt = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        guard exponent < 21, exponent > -7 else { return printed }
        var text: String
        if pointAt >= digits.count {
            text = digits + String(repeating: "0", count: pointAt - digits.count)
        } else if pointAt <= 0 {
            text = "0." + String(repeating: "0", count: -pointAt) + digits
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointAt)
            while digits.last == "0", digits.count > pointAt { digits.removeLast() }
            text = index < digits.endIndex ? String(digits[..<index]) + "." + String(digits[index...]) : String(digits)
        }
        return (negative ? "-" : "") + text
    }

    /// A spreadsheet date serial as `yyyy-mm-dd` (`yyyy-mm-dd hh:mm` when it has a time of day, which a
    /// record's date then refuses rather than dropping). Serial 1 is 1900-01-01 in the 1900 system (whose
    /// day 60 is the 1900-02-29 that never was), 1904-01-02 in the 1904 system.
    static func date(serial: Double, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        let fraction = serial - Double(days)
        let base: CalendarDate
        if date1904 {
            base = CalendarDate(year: 1904, month: 1, day: 1)!
        } else {
            if days == 60 { return "1900-02-29" }
            if days < 60 { days += 1 }
            base = CalendarDate(year: 1899, month: 12, day: 30)!
        }
        let date = base.adding(days: days)
        var text = date.description
        let minutes = Int((fraction * 1440).rounded())
        if minutes > 0 && minutes < 1440 {
            text += " " + two(minutes / 60) + ":" + two(minutes % 60)
        }
        return text
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
