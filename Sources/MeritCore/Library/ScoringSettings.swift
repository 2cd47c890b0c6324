/// How JPM sums levels against the standard (Perban BKN 26/2019 gives the ratio, not the details).
public enum JPMAggregation: String, Sendable, Hashable, CaseIterable, Codable {
    /// Σ level / Σ required × 100: the sum on the report form.
    case sumRatio = "sum-ratio"
    /// Mean over competencies of level / required × 100.
    case meanOfRatios = "mean-of-ratios"
}

/// Whether levels above the standard may lift JPM above 100.
public enum JPMCap: String, Sendable, Hashable, CaseIterable, Codable {
    case none
    /// Each level counts at most its required level: min(level, required).
    case perCompetency = "per-competency"
    /// The final JPM is at most 100.
    case final100 = "final-100"
}

/// A weight shared by one or more competency groups (e.g. teknis 40, manajerial + sosial-kultural 60).
public struct GroupWeight: Sendable, Hashable {
    public var groups: [CompetencyGroup]
    public var weight: Rational

    public init(groups: [CompetencyGroup], weight: Rational) {
        self.groups = groups
        self.weight = weight
    }
}

public struct JPMSettings: Sendable, Hashable {
    public var aggregation: JPMAggregation
    public var cap: JPMCap
    /// Empty: every competency counts alike.
    public var groupWeights: [GroupWeight]
    /// Decimals shown (decisions use the exact value, unless `percentDecimals` rounds it).
    public var decimals: Int
    /// `mean-of-ratios` only: each level ÷ standard rounded half-up to this many decimals before the mean
    /// (as a public ASN assessment system computes it); nil keeps the exact ratios (the default).
    public var ratioDecimals: Int?
    /// The JPM rounded half-up to this many decimals, and categories decided on the rounded value (that
    /// system's second ROUND); nil decides on the exact value (the default, and the regulation's reading).
    public var percentDecimals: Int?

    public init(
        aggregation: JPMAggregation = .sumRatio, cap: JPMCap = .none, groupWeights: [GroupWeight] = [], decimals: Int = 2,
        ratioDecimals: Int? = nil, percentDecimals: Int? = nil
    ) {
        self.aggregation = aggregation
        self.cap = cap
        self.groupWeights = groupWeights
        self.decimals = decimals
        self.ratioDecimals = ratioDecimals
        self.percentDecimals = percentDecimals
    }
}

/// One band of a category set: a JPM at or above `minimum` (inclusive) and below the band above it.
public typealias CategoryBand = ScoreBand

/// A category set: bands from highest to lowest, lower bounds inclusive.
public struct CategorySet: Sendable, Hashable {
    public var id: String
    public var label: String
    public var bands: [CategoryBand]

    public init(id: String, label: String, bands: [CategoryBand]) {
        self.id = id
        self.label = label
        self.bands = bands
    }

    /// The band of an exact value: the first whose minimum it reaches.
    public func band(for value: Rational) -> CategoryBand {
        bands.band(for: value)
    }
}

/// A band of a score (a category of JPM, a potential band, a numeric performance band): values at or
/// above `minimum` (inclusive) and below the band above. Lists of bands run from highest to lowest.
public struct ScoreBand: Sendable, Hashable {
    public var id: String
    public var label: String
    /// Nil for the lowest band (everything below the one above).
    public var minimum: Rational?

    public init(id: String, label: String, minimum: Rational?) {
        self.id = id
        self.label = label
        self.minimum = minimum
    }
}

extension Array where Element == ScoreBand {
    /// The band of an exact value: the first whose minimum it reaches, else the last.
    public func band(for value: Rational) -> ScoreBand {
        first { band in band.minimum.map { value >= $0 } ?? true } ?? self[count - 1]
    }
}

/// A box of the talent grid with its label and recommended actions (PermenPANRB 3/2020).
public struct TalentBox: Sendable, Hashable {
    public var number: Int
    public var potential: String
    public var performance: String
    public var label: String
    public var actions: [String]

    public init(number: Int, potential: String, performance: String, label: String, actions: [String]) {
        self.number = number
        self.potential = potential
        self.performance = performance
        self.label = label
        self.actions = actions
    }
}

/// The 9-box settings: how potential and performance fall into bands, and the number of each box.
public struct NineBoxSettings: Sendable, Hashable {
    /// Which category set's JPM measures potential (`mapping` by default).
    public var potentialSource: String
    /// Highest first: tinggi, menengah, rendah.
    public var potentialBands: [ScoreBand]
    /// Highest first: di atas, sesuai, di bawah ekspektasi.
    public var performanceBands: [ScoreBand]
    /// SKP predikat (PermenPANRB 6/2022) → performance band id. The library refuses two keys that differ
    /// only in case, since a profile's predikat is matched without regard to case.
    public var predikat: [String: String] {
        didSet { lowercasedPredikat = Self.lowercased(predikat) }
    }
    public var boxes: [TalentBox]
    /// `predikat` by lower-cased key, for `performanceBand(predikat:)`.
    private var lowercasedPredikat: [String: String]

    public init(
        potentialSource: String, potentialBands: [ScoreBand], performanceBands: [ScoreBand], predikat: [String: String],
        boxes: [TalentBox]
    ) {
        self.potentialSource = potentialSource
        self.potentialBands = potentialBands
        self.performanceBands = performanceBands
        self.predikat = predikat
        self.boxes = boxes
        lowercasedPredikat = Self.lowercased(predikat)
    }

    /// The performance band id a predikat maps to, matched without regard to case.
    public func performanceBand(predikat: String) -> String? {
        lowercasedPredikat[predikat] ?? lowercasedPredikat[predikat.lowercased()]
    }

    private static func lowercased(_ predikat: [String: String]) -> [String: String] {
        // The library refuses keys equal but for case; a hand-made setting keeps its smallest key's band.
        var lowercased: [String: String] = [:]
        for key in predikat.keys.sorted() where lowercased[key.lowercased()] == nil {
            lowercased[key.lowercased()] = predikat[key]
        }
        return lowercased
    }

    public func box(potential: String, performance: String) -> TalentBox? {
        boxes.first { $0.potential == potential && $0.performance == performance }
    }
}

/// Every rule an agency may set differently, in one place (`kind: scoring`).
public struct ScoringSettings: Sendable, Hashable {
    public var id: String
    public var jpm: JPMSettings
    /// Keyed by purpose: `selection` (pengisian jabatan) and `mapping` (pemetaan).
    public var categorySets: [CategorySet]
    /// When set, a gap on a critical competency caps the selection category at this band.
    public var criticalGapCap: String?
    public var nineBox: NineBoxSettings
    /// Results older than this are expired (Perban BKN 26/2019 Pasal 29(4): 3 years).
    public var validityYears: Int
    /// Minimum development hours a year (PP 11/2017 Pasal 203(4): 20 JP).
    public var minimumJPPerYear: Int
    /// Summaries suppress groups smaller than this.
    public var minimumGroupSize: Int
    /// Whether a result that lacks some required competencies still gets categories and a 9-box place
    /// (from the JPM of the competencies it has). Off by default: PermenPANRB 38/2017 assesses every
    /// competency of the standard (DESIGN.md "Results that cannot be decided").
    public var allowsPartialResults: Bool
    /// How `merit fairness` groups and flags outcomes.
    public var fairness: FairnessSettings

    public init(
        id: String, jpm: JPMSettings, categorySets: [CategorySet], criticalGapCap: String?, nineBox: NineBoxSettings,
        validityYears: Int = 3, minimumJPPerYear: Int = 20, minimumGroupSize: Int = 5, allowsPartialResults: Bool = false,
        fairness: FairnessSettings = FairnessSettings()
    ) {
        self.fairness = fairness
        self.id = id
        self.jpm = jpm
        self.categorySets = categorySets
        self.criticalGapCap = criticalGapCap
        self.nineBox = nineBox
        self.validityYears = validityYears
        self.minimumJPPerYear = minimumJPPerYear
        self.minimumGroupSize = minimumGroupSize
        self.allowsPartialResults = allowsPartialResults
    }

    public func categorySet(_ id: String) -> CategorySet? {
        categorySets.first { $0.id == id }
    }
}

/// The fairness audit's rules (`fairness:` in the scoring file): the age bands, the impact ratio below
/// which a group's rate is flagged (the four-fifths rule of the US Uniform Guidelines, 1978, used as a
/// screen), and the boxes counted as the top of the 9-box.
public struct FairnessSettings: Sendable, Hashable {
    /// Lower bounds of the age bands after the first, ascending: [30, 40, 50] is under 30, 30–39, 40–49, 50+.
    public var ageBands: [Int]
    public var impactRatio: Rational
    public var topBoxes: [Int]

    public init(ageBands: [Int] = [30, 40, 50], impactRatio: Rational = Rational(4, 5), topBoxes: [Int] = [7, 8, 9]) {
        self.ageBands = ageBands
        self.impactRatio = impactRatio
        self.topBoxes = topBoxes
    }
}
