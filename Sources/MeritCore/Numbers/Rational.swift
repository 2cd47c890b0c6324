/// An exact fraction, for every number a category or a rounding rule depends on.
///
/// Scores are compared with thresholds (JPM ≥ 80 is MS, a mean of 2.5 rounds half-up to 3): a binary
/// float can land a hair below the boundary (0.1 + 0.2 ≠ 0.3) and flip the outcome, so the engine
/// computes with fractions and turns them into decimals only to print them.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Always in lowest terms, with a positive denominator.
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0, "a fraction with denominator 0")
        if denominator == 1 {
            self.numerator = numerator
            self.denominator = 1
            return
        }
        let divisor = Swift.max(1, Self.gcd(Swift.abs(numerator), Swift.abs(denominator)))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// A fraction known to be in lowest terms with a positive denominator (values read back from the
    /// store, which keeps them reduced): no greatest common divisor to compute.
    public init(reduced numerator: Int, denominator: Int) {
        precondition(denominator > 0, "a reduced fraction has a positive denominator")
        self.numerator = numerator
        self.denominator = denominator
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    /// Reads a decimal written by a person: `3`, `-2`, `3.5`, `3,5` (decimal comma), `0.125`, `80`.
    /// Nil for anything else: no exponents, no thousands separators, at most 12 decimals and at most 15
    /// digits in all (what a spreadsheet keeps of a number; more could not be computed with exactly in
    /// 64 bits — the `records` fuzz target found a 19-digit level overflowing when printed).
    public init?(decimal text: some StringProtocol) {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let split = parts.count == 2 ? parts : digits.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = split[0]
        let fraction = split.count == 2 ? split[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty, fraction.count <= 12, whole.drop(while: { $0 == "0" }).count + fraction.count <= 15,
            whole.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            split.count == 1 || !fraction.isEmpty,
            let wholeValue = whole.isEmpty ? 0 : Int(whole), let fractionValue = fraction.isEmpty ? 0 : Int(fraction)
        else { return nil }
        var scale = 1
        for _ in 0..<fraction.count { scale *= 10 }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        self.init((scaled + fractionValue) * (negative ? -1 : 1), scale)
    }

    /// An exact value for a float that stands for a short decimal (`0.3` → 3/10), to 6 decimals.
    public init(approximating value: Double) {
        self.init(Int((value * 1_000_000).rounded()), 1_000_000)
    }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    public var isInteger: Bool { denominator == 1 }

    /// The largest integer not above the value.
    public var floor: Int {
        numerator >= 0 ? numerator / denominator : -((-numerator + denominator - 1) / denominator)
    }

    /// Rounded to the nearest integer, halves away from zero.
    public var roundedHalfUp: Int {
        let doubled = Rational(2 * numerator + denominator, 2 * denominator)
        return numerator >= 0 ? doubled.floor : -Rational(-numerator, denominator).roundedHalfUp
    }

    /// The value rounded half up (away from zero) to `places` decimals, as an exact value: 2/3 → 67/100.
    public func rounded(places: Int) -> Rational {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        return Rational((self * Rational(scale)).roundedHalfUp, scale)
    }

    /// The value with `places` decimals, rounded half up: `81.25` → "81.25", 2/3 → "0.67".
    public func formatted(places: Int, decimalSeparator: String = ".") -> String {
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (self * Rational(scale)).roundedHalfUp
        let sign = scaled < 0 ? "-" : ""
        let magnitude = Swift.abs(scaled)
        guard places > 0 else { return sign + String(magnitude) }
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + decimalSeparator
            + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// Shortest exact decimal when there is one (`2.5`, `3`), else a fraction (`7/3`).
    /// The places are the larger power of 2 or of 5 in the (reduced) denominator, up to 12, when no other
    /// factor divides it; multiplying by ten until the fraction was whole was a fiftieth of `merit score`.
    public var description: String {
        var rest = denominator
        var twos = 0
        var fives = 0
        while rest % 2 == 0 && twos <= 12 {
            rest /= 2
            twos += 1
        }
        while rest % 5 == 0 && fives <= 12 {
            rest /= 5
            fives += 1
        }
        let places = Swift.max(twos, fives)
        return rest == 1 && places <= 12 ? formatted(places: places) : "\(numerator)/\(denominator)"
    }

    public static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == 1 && rhs.denominator == 1 { return Rational(lhs.numerator + rhs.numerator) }
        if lhs.denominator == rhs.denominator { return Rational(lhs.numerator + rhs.numerator, lhs.denominator) }
        let divisor = gcd(lhs.denominator, rhs.denominator)
        let left = lhs.numerator * (rhs.denominator / divisor)
        let right = rhs.numerator * (lhs.denominator / divisor)
        return Rational(left + right, lhs.denominator / divisor * rhs.denominator)
    }

    public static func - (lhs: Rational, rhs: Rational) -> Rational {
        lhs + Rational(-rhs.numerator, rhs.denominator)
    }

    public static prefix func - (value: Rational) -> Rational {
        Rational(-value.numerator, value.denominator)
    }

    public static func * (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == 1 && rhs.denominator == 1 { return Rational(lhs.numerator * rhs.numerator) }
        let a = gcd(Swift.abs(lhs.numerator), rhs.denominator)
        let b = gcd(Swift.abs(rhs.numerator), lhs.denominator)
        let x = Swift.max(a, 1)
        let y = Swift.max(b, 1)
        return Rational((lhs.numerator / x) * (rhs.numerator / y), (lhs.denominator / y) * (rhs.denominator / x))
    }

    public static func / (lhs: Rational, rhs: Rational) -> Rational {
        precondition(rhs.numerator != 0, "division by zero")
        return lhs * Rational(rhs.denominator, rhs.numerator)
    }

    public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        // Cross-multiplied in full width: exact for any two values.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) {
        self.init(value)
    }
}

extension Rational: Codable {
    /// Encoded as its decimal text (`"2.5"`) when exact, else as `"7/3"`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let whole = try? container.decode(Int.self) {
            self.init(whole)
            return
        }
        let text = try container.decode(String.self)
        if let value = Rational(decimal: text) {
            self = value
            return
        }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let top = Int(parts[0]), let bottom = Int(parts[1]), bottom != 0 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a number, found \"\(text)\"")
        }
        self.init(top, bottom)
    }
}
