/// Counts that would single a person out, withheld (UU 27/2022 PDP: an aggregate must not disclose one
/// person's result).
///
/// A count from 1 to `minimum − 1` is withheld (primary suppression). Because the reader knows how many
/// people a summary covers, a single withheld count could be worked out from the others; when exactly one
/// count is withheld, the smallest shown count above zero is withheld with it (secondary suppression, the
/// usual rule of statistical disclosure control). A zero is shown: it tells about nobody.
public enum SmallCounts {
    /// The smallest minimum group size a library or `--min-group` may set: below 3, two people in one
    /// group learn each other's result.
    public static let floor = 3

    /// `counts` with the withheld ones as nil.
    public static func suppress(_ counts: [Int], minimum: Int) -> [Int?] {
        var shown: [Int?] = counts.map { $0 > 0 && $0 < minimum ? nil : $0 }
        if shown.filter({ $0 == nil }).count == 1 {
            let complement = shown.indices.filter { (shown[$0] ?? 0) > 0 }.min { (shown[$0]!, $0) < (shown[$1]!, $1) }
            if let complement { shown[complement] = nil }
        }
        return shown
    }
}
