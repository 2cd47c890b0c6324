import MeritCore
@testable import MeritRecords
import Testing

/// Numbers and dates of a worksheet as the sheet shows them.
@Suite struct CellValueTests {
    static func number(_ text: String) -> String? {
        var output: [UInt8] = []
        let ok = Array(text.utf8).withUnsafeBufferPointer { CellValue.appendNumber($0, to: &output) }
        return ok ? String(decoding: output, as: UTF8.self) : nil
    }

    @Test(arguments: [
        ("3.5", "3.5"), ("46097", "46097"), ("3.50", "3.5"), ("3.0", "3"), ("-0", "0"), ("0.25", "0.25"),
        ("4.0999999999999996", "4.1"), ("78.569999999999993", "78.57"), ("3.5000000000000004", "3.5"),
        ("1.98503122010011E+017", "198503122010011000"), ("1.99505162017022E+17", "199505162017022000"),
        ("199505162017022001", "199505162017022000"), ("1E-3", "0.001"), ("1.5E-10", "1.5e-10"), ("-12.5", "-12.5"),
    ])
    func numbers(text: String, shown: String) {
        #expect(Self.number(text) == shown)
    }

    @Test func notNumbers() {
        #expect(Self.number("tiga") == nil)
        #expect(Self.number("") == nil)
        #expect(Self.number("1e400") == nil)
    }

    @Test func dateSerials() {
        #expect(CellValue.date(serial: 46097, date1904: false) == "2026-03-16")
        #expect(CellValue.date(serial: 1, date1904: false) == "1900-01-01")
        #expect(CellValue.date(serial: 59, date1904: false) == "1900-02-28")
        #expect(CellValue.date(serial: 60, date1904: false) == "1900-02-29")
        #expect(CellValue.date(serial: 61, date1904: false) == "1900-03-01")
        #expect(CellValue.date(serial: 0, date1904: true) == "1904-01-01")
        #expect(CellValue.date(serial: 46097.5, date1904: false) == "2026-03-16 12:00")
        #expect(CellValue.date(serial: -1, date1904: false) == nil)
    }

    @Test func dayNumbersRoundTrip() {
        for day in [CalendarDate(year: 1900, month: 3, day: 1)!, CalendarDate(year: 2000, month: 2, day: 29)!, CalendarDate(year: 1969, month: 12, day: 31)!] {
            #expect(CalendarDate(dayNumber: day.dayNumber) == day)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CalendarDate(year: 2026, month: 3, day: 16)!.adding(days: 16) == CalendarDate(year: 2026, month: 4, day: 1))
    }

    @Test func dateFormats() {
        #expect(XLSXParts.showsDate("yyyy\\-mm\\-dd"))
        #expect(XLSXParts.showsDate("dd/mm/yyyy\\ hh:mm"))
        #expect(!XLSXParts.showsDate("General"))
        #expect(!XLSXParts.showsDate("0.00\"days\""))
        #expect(!XLSXParts.showsDate("[Red]0.00"))
        #expect(!XLSXParts.showsDate("#,##0"))
    }
}
