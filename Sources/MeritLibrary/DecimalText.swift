import MeritCore
import MeritYAML

/// A number as a person wrote it (`3`, `2.5`, `0,4`), read exactly into a `Rational`.
struct DecimalText: Decodable, Sendable {
    var value: Rational

    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Rational(decimal: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a number, found \"\(text)\""))
        }
        self.value = value
    }
}

typealias LocatedNumber = Located<DecimalText>

extension Located where Value == DecimalText {
    var number: Rational { value.value }
}
