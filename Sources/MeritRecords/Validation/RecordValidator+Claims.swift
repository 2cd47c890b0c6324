import MeritCore
import MeritLibrary
import MeritYAML

extension RecordValidator {
    /// The records a view holds: its own (when valid), and for levels the provider's claim on it. Nothing
    /// when the view has an error; warnings do not stop a record.
    public mutating func records(_ record: RecordView, findings: inout [Finding]) -> [InputRecord] {
        let before = findings.count
        let main = validate(record, findings: &findings)
        guard !findings[before...].contains(where: { $0.severity == .error }) else { return [] }
        var records = main.map { [$0] } ?? []
        if slots["jpm"] != nil, let claim = claim(record, findings: &findings) { records.append(.claim(claim)) }
        return records
    }

    /// The provider's JPM and category on a levels record (read once per row of a wide sheet), checked: a
    /// JPM is a percentage, 0 or more (above 100 when levels exceed the standard; decimal point or comma, `%`
    /// allowed); a category names a band of one of the library's category sets by id or label.
    public mutating func claim(_ record: RecordView, findings: inout [Finding]) -> ProviderClaim? {
        guard let jpmSlot = slots["jpm"], let categorySlot = slots["category"], record.isFirstOfRow else { return nil }
        let jpmCell = record.text(jpmSlot)
        let categoryCell = record.text(categorySlot)
        guard jpmCell != nil || categoryCell != nil else { return nil }
        let before = findings.count
        var claim = ProviderClaim(nip: "", batch: "", line: record.line)
        if let text = jpmCell {
            let number = text.hasSuffix("%") ? String(text.dropLast()).trimmingSpacesAndTabs : text
            if let value = Rational(decimal: number), value >= .zero {
                claim.jpm = value
                claim.jpmText = String(number.map { $0 == "," ? "." : $0 })
            } else {
                findings.append(fieldError(record, jpmSlot, "the provider's JPM '\(text.excerpt)' is not a percentage (a number, 0 or more)"))
            }
        }
        if let text = categoryCell {
            let wanted = text.lowercased()
            let found = library.scoring.categorySets.lazy.compactMap { set in
                set.bands.first { $0.id.lowercased() == wanted || $0.label.lowercased() == wanted }.map { (set.id, $0.id) }
            }.first
            if let found {
                claim.categorySet = found.0
                claim.category = found.1
            } else {
                let known = library.scoring.categorySets.flatMap { $0.bands.map(\.id) }
                findings.append(
                    fieldError(record, categorySlot, "the provider's category '\(text.excerpt)' is none of the library's: \(known.joined(separator: ", "))"))
            }
        }
        guard findings.count == before, let nip = nip(record, &findings) else { return nil }
        claim.nip = nip
        claim.batch = batch(record)
        return claim
    }
}
