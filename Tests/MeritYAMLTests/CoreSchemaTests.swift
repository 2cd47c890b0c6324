import MeritYAML
import Testing

@Suite struct CoreSchemaTests {
    @Test(arguments: [
        ("true", CoreSchema.Value.bool(true)), ("False", .bool(false)), ("TRUE", .bool(true)),
        ("no", .string("no")), ("yes", .string("yes")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("null", .null), ("~", .null), ("", .null), ("NULL", .null),
        ("42", .int(42)), ("-7", .int(-7)), ("+3", .int(3)), ("0o17", .int(15)), ("0x1F", .int(31)),
        ("0b101", .string("0b101")), ("1_000", .string("1_000")), ("3.5", .float(3.5)), ("-.5", .float(-0.5)),
        ("1e3", .float(1000)), ("2.", .float(2)), (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)),
        ("3,5", .string("3,5")), ("M.01", .string("M.01")), ("1.0.1", .string("1.0.1")), ("e5", .string("e5")),
        ("0x", .string("0x")), ("0o8", .string("0o8")), (".", .string(".")), ("12:30", .string("12:30")),
    ])
    func plainScalars(text: String, expected: CoreSchema.Value) {
        #expect(CoreSchema.resolvePlain(text) == expected)
    }

    @Test func nanResolvesToNaN() {
        guard case .float(let value) = CoreSchema.resolvePlain(".NaN") else {
            Issue.record("not a float")
            return
        }
        #expect(value.isNaN)
    }

    @Test func hugeIntegerKeepsItsValueAsAFloat() {
        #expect(CoreSchema.resolvePlain("123456789012345678901234") == .float(123456789012345678901234))
    }

    @Test func quotedAndTaggedScalars() {
        #expect(Scalar("true", style: .doubleQuoted).resolved() == .string("true"))
        #expect(Scalar("12", style: .literal).resolved() == .string("12"))
        #expect(Scalar("12").resolved(tag: CoreSchema.strTag) == .string("12"))
        #expect(Scalar("12", style: .singleQuoted).resolved(tag: CoreSchema.intTag) == .int(12))
        #expect(Scalar("7").resolved(tag: CoreSchema.floatTag) == .float(7))
        #expect(Scalar("x").resolved(tag: CoreSchema.nullTag) == .null)
        #expect(Scalar("42").resolved(tag: "!") == .string("42"))
    }
}
