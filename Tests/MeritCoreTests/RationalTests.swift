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
        #expect(Rational(1, 4096).description == "0.000244140625")
        #expect(Rational(1, 8192).description == "1/8192")
        #expect(Rational(-3, 40).description == "-0.075")
    }

    /// The shortest exact decimal, as multiplying by ten until the fraction is whole (at most 12 times) finds it.
    @Test func descriptionIsTheShortestExactDecimal() {
        func byTens(_ value: Rational) -> String {
            var places = 0
            var probe = value
            while !probe.isInteger && places < 12 {
                probe = probe * Rational(10)
                places += 1
            }
            return probe.isInteger ? value.formatted(places: places) : "\(value.numerator)/\(value.denominator)"
        }
        for denominator in [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 20, 25, 40, 48, 64, 80, 125, 320, 625, 1000, 1024, 3125, 4096, 5000, 8192, 15625, 244140625] {
            for numerator in [-7, -1, 0, 1, 2, 3, 5, 13, 125, 1000, 9999] {
                let value = Rational(numerator, denominator)
                #expect(value.description == byTens(value), "\(numerator)/\(denominator)")
            }
        }
    }
}
