/// Merit's results against an assessment provider's own (DESIGN.md "Input files": agencies receive results
/// from outside providers and must be able to check them). Every disagreement comes with Merit's value and
/// why Merit reached it. A JPM agrees when Merit's value, rounded half up to the decimals the provider
/// wrote, is the provider's value.
public struct ProviderCheck: Sendable {
    /// What a provider said of one person in one batch.
    public struct Claim: Sendable, Hashable {
        public var nip: String
        public var batch: String
        /// As written with a decimal point (`78.57`); its decimals say how the provider rounded.
        public var jpmText: String?
        public var categorySet: String?
        public var category: String?

        public init(nip: String, batch: String, jpmText: String? = nil, categorySet: String? = nil, category: String? = nil) {
            self.nip = nip
            self.batch = batch
            self.jpmText = jpmText
            self.categorySet = categorySet
            self.category = category
        }
    }

    public struct Disagreement: Sendable, Hashable, Codable {
        public var nip: String
        public var batch: String
        /// `JPM`, or the category set's label.
        public var what: String
        public var provider: String
        public var merit: String
        public var why: String
    }

    public struct Outcome: Sendable {
        /// Claims compared (those about each person's latest assessment).
        public var compared: Int
        /// Claims about an older batch than the one Merit scored, left out.
        public var olderBatches: Int
        public var disagreements: [Disagreement]
    }

    public let library: Library

    public init(library: Library) {
        self.library = library
    }

    /// Compares claims with results; `batches` gives the batch each person's result comes from.
    public func compare(_ claims: [Claim], results: [PersonResult], batches: [String: String]) -> Outcome {
        var byNIP: [String: PersonResult] = [:]
        for result in results { byNIP[result.evidence.nip] = result }
        var outcome = Outcome(compared: 0, olderBatches: 0, disagreements: [])
        for claim in claims.sorted(by: { ($0.nip, $0.batch) < ($1.nip, $1.batch) }) {
            if let scored = batches[claim.nip], scored != claim.batch {
                outcome.olderBatches += 1
                continue
            }
            outcome.compared += 1
            outcome.disagreements += disagreements(claim, byNIP[claim.nip])
        }
        return outcome
    }

    private func disagreements(_ claim: Claim, _ result: PersonResult?) -> [Disagreement] {
        func disagreement(_ what: String, _ provider: String, _ merit: String, _ why: String) -> Disagreement {
            Disagreement(nip: claim.nip, batch: claim.batch, what: what, provider: provider, merit: merit, why: why)
        }
        guard let match = result?.match else {
            let why = result == nil ? "Merit has no assessment of this person to score" : "Merit has no position to compare with: import the person's profile"
            return [claim.jpmText.map { disagreement("JPM", $0, "—", why) }, claim.category.map { disagreement("category", $0, "—", why) }]
                .compactMap { $0 }
        }
        var found: [Disagreement] = []
        let jpm = match.jpm
        let shown = jpm.formatted()
        // A provider's decided result against one Merit cannot decide is a disagreement, never a pass:
        // PermenPANRB 38/2017 asks for every competency of the standard to be assessed.
        if !match.isDecided {
            let why = undecided(match)
            if let text = claim.jpmText { found.append(disagreement("JPM", text, "\(shown) (partial, \(jpm.covered) of \(jpm.of))", why)) }
            if let set = claim.categorySet, let band = claim.category {
                found.append(disagreement(library.scoring.categorySet(set)?.label ?? set, band, "undecided", why))
            }
            return found
        }
        if let text = claim.jpmText, let provider = Rational(decimal: text) {
            let places = text.split(separator: ".").dropFirst().first?.count ?? 0
            if jpm.value.formatted(places: places) != provider.formatted(places: places) {
                found.append(
                    disagreement(
                        "JPM", text, shown,
                        "\(jpm.achieved.formatted(places: 2)) of \(jpm.required.formatted(places: 2)) required level points against '\(match.position)' (\(jpm.settings.aggregation.rawValue), cap \(jpm.settings.cap.rawValue))"))
            }
        }
        if let set = claim.categorySet, let band = claim.category, let categories = library.scoring.categorySet(set),
            let outcome = match.category(set), outcome.band.id != band
        {
            found.append(disagreement(categories.label, band, outcome.band.id, why(outcome, in: categories, jpm: shown)))
        }
        return found
    }

    /// Why Merit gives no category: the competencies of the standard without a level.
    private func undecided(_ match: PositionMatch) -> String {
        let codes = match.completeness.missing(in: match.gaps).map { ref in
            let id = library.competencyOrder[ref]
            return library.competency(id)?.code ?? id
        }
        if match.completeness == .notAssessable {
            return "no competency of '\(match.position)' has a level (no evidence): not assessable"
        }
        return "no level for \(codes.joined(separator: ", ")) of '\(match.position)': the result is incomplete, and the scoring does not allow partial results"
    }

    /// Why a JPM lands in its band: the band's bounds, or the critical-gap cap that moved it.
    private func why(_ outcome: CategoryOutcome, in set: CategorySet, jpm shown: String) -> String {
        let places = library.scoring.jpm.decimals
        if let capped = outcome.cappedFrom {
            return "JPM \(shown) reaches \(capped.id), capped to \(outcome.band.id) by a critical competency below standard"
        }
        let index = set.bands.firstIndex { $0.id == outcome.band.id } ?? 0
        let above = index > 0 ? set.bands[index - 1].minimum : nil
        switch (outcome.band.minimum, above) {
        case let (minimum?, above?):
            return "JPM \(shown) is at least \(minimum.formatted(places: places)) and below \(above.formatted(places: places)): \(outcome.band.id)"
        case let (minimum?, nil):
            return "JPM \(shown) is at least \(minimum.formatted(places: places)): \(outcome.band.id)"
        case let (nil, above?):
            return "JPM \(shown) is below \(above.formatted(places: places)): \(outcome.band.id)"
        case (nil, nil):
            return "\(outcome.band.id) is the set's only band"
        }
    }
}
