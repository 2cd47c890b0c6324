import MeritCore
import Testing

@Suite struct RationalTests {
    @Test(arguments: [
        ("3", Rational(3)), ("2.5", Rational(5, 2)), ("3,5", Rational(7, 2)), ("-0.25", Rational(-1, 4)),
        ("+4", Rational(4)), ("0.1", Rational(1, 10)), (".5", Rational(1, 2)), ("80", Rational(80)),
    ])
    func readsDecimals(text: String, expected: Rational) {
        #expect(Rational(decimal: text) == expected)
    }

    @Test(arguments: ["", "-", "3.", "1e3", "1.000,5", "x", "3..5", "1 000", "NE"])
    func rejectsWhatIsNotAPlainDecimal(text: String) {
        #expect(Rational(decimal: text) == nil)
    }

    @Test func arithmeticIsExact() {
        let tenth = Rational(decimal: "0.1")!
        #expect(tenth + Rational(decimal: "0.2")! == Rational(decimal: "0.3")!)
        #expect(Rational(1, 3) * 3 == 1)
        #expect(Rational(7, 2) - Rational(1, 2) == 3)
        #expect(Rational(3) / Rational(4) == Rational(3, 4))
        #expect(Rational(2, -4) == Rational(-1, 2))
    }

    @Test func comparisonIsExactAtBoundaries() {
        // 68/85 × 100 = 80 exactly; a hair below stays below.
        #expect(Rational(68, 85) * 100 == 80)
        #expect(Rational(6799, 85) < 80)
        #expect(Rational(Int.max, 3) > Rational(Int.max / 3 - 1))
    }

    @Test func rounding() {
        #expect(Rational(5, 2).roundedHalfUp == 3)
        #expect(Rational(249, 100).roundedHalfUp == 2)
        #expect(Rational(-5, 2).roundedHalfUp == -3)
        #expect(Rational(29, 10).floor == 2)
        #expect(Rational(-1, 2).floor == -1)
    }

    @Test func formatting() {
        #expect(Rational(325, 4).formatted(places: 2) == "81.25")
        #expect(Rational(2, 3).formatted(places: 2) == "0.67")
        #expect(Rational(2, 3).formatted(places: 2, decimalSeparator: ",") == "0,67")
        #expect(Rational(-1, 8).formatted(places: 2) == "-0.13")
        #expect(Rational(80).formatted(places: 2) == "80.00")
        #expect(Rational(5, 2).description == "2.5")
        #expect(Rational(7, 3).description == "7/3")
    }
}
