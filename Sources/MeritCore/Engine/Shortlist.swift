/// Ranking candidates for a position (a selection committee proposes three of them), and positions for a
/// person (succession, talent pool).
public enum Shortlist {
    /// The order, stated in every shortlist output.
    public static let rule =
        "recommendation (qualified first, then selection category), then JPM (exact, higher first), then fewer critical gaps, then fewer gap points, then NIP; results missing a required competency are not ranked"

    /// Whether `a` ranks before `b`; the last key (NIP, position id) makes the order total.
    public static func precedes(_ a: PositionMatch, _ b: PositionMatch) -> Bool {
        if a.recommendation != b.recommendation { return a.recommendation < b.recommendation }
        if a.jpm.value != b.jpm.value { return a.jpm.value > b.jpm.value }
        if a.criticalGapCount != b.criticalGapCount { return a.criticalGapCount < b.criticalGapCount }
        if a.gapPoints != b.gapPoints { return a.gapPoints < b.gapPoints }
        return (a.nip, a.position) < (b.nip, b.position)
    }

    /// Two matches equal on every key before the identifier: a tie the committee must break itself.
    public static func isTie(_ a: PositionMatch, _ b: PositionMatch) -> Bool {
        a.recommendation == b.recommendation && a.jpm.value == b.jpm.value && a.criticalGapCount == b.criticalGapCount
            && a.gapPoints == b.gapPoints
    }

    public struct Entry: Sendable, Hashable {
        public var rank: Int
        public var match: PositionMatch
        /// Tied with the entry above or below on every key but the identifier.
        public var tied: Bool
    }

    /// Matches in rank order; tied entries share their rank (1, 2, 2, 4). Undecided results (a required
    /// competency without a level, where partial results are not allowed) are left out: their fit
    /// cannot be told.
    public static func rank(_ matches: [PositionMatch], top: Int? = nil) -> [Entry] {
        let sorted = matches.filter(\.isDecided).sorted(by: precedes)
        var entries: [Entry] = []
        for (index, match) in sorted.enumerated() {
            let tiedAbove = index > 0 && isTie(sorted[index - 1], match)
            let tiedBelow = index + 1 < sorted.count && isTie(sorted[index + 1], match)
            let rank = tiedAbove ? entries[index - 1].rank : index + 1
            entries.append(Entry(rank: rank, match: match, tied: tiedAbove || tiedBelow))
        }
        if let top { return Array(entries.prefix { $0.rank <= top }) }
        return entries
    }
}
