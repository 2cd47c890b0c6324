import MeritCore

/// Numbers and levels as a report in one language writes them: `81,25` in Indonesian, `81.25` in English.
public struct ReportFormat: Sendable {
    public let labels: ReportLabels
    public let decimalSeparator: String

    public init(labels: ReportLabels) {
        self.labels = labels
        decimalSeparator = labels.texts["decimal_separator"] ?? "."
    }

    /// A level: `3`, `2,5`.
    public func level(_ value: Rational?) -> String {
        guard let value else { return labels.text("nobody") }
        let text = value.description
        guard decimalSeparator != ".", let point = text.firstIndex(of: ".") else { return text }
        return text[..<point] + decimalSeparator + text[text.index(after: point)...]
    }

    /// A gap with its sign: `+1`, `−0,5`, `0`.
    public func gap(_ value: Rational?) -> String {
        guard let value else { return labels.text("nobody") }
        if value == 0 { return "0" }
        let magnitude = level(value < 0 ? -value : value)
        return value < 0 ? "−" + magnitude : "+" + magnitude
    }

    /// A signed value with a fixed number of places (`+0,16`, `−0,05`, `0,00`): one format for a column.
    public func signedDecimal(_ value: Rational, places: Int) -> String {
        let text = decimal(value < 0 ? -value : value, places: places)
        if text.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) { return text }
        return (value < 0 ? "−" : "+") + text
    }

    public func decimal(_ value: Rational, places: Int) -> String {
        value.formatted(places: places, decimalSeparator: decimalSeparator)
    }

    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        labels.text(key, values)
    }
}
