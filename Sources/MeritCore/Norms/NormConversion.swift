/// Levels by a test's standing in a norm group (an instrument's `norm-conversion`): bands on one
/// `NormScale`, highest first, each from its lower bound (inclusive), the last open below, as the
/// scoring file's category bands are.
///
/// The library turns it into the raw-score table it amounts to over the test's raw scale (`table`), so
/// the engine converts every test alike and `merit explain` shows the band a score fell in.
public struct NormConversion: Sendable, Hashable {
    public struct Band: Sendable, Hashable {
        /// Nil for the last band: everything below the one above.
        public var minimum: Rational?
        public var level: Int

        public init(minimum: Rational?, level: Int) {
            self.minimum = minimum
            self.level = level
        }
    }

    /// The norm document's id.
    public var norm: String
    public var scale: NormScale
    public var bands: [Band]

    public init(norm: String, scale: NormScale, bands: [Band]) {
        self.norm = norm
        self.scale = scale
        self.bands = bands
    }

    /// The level of a standing on the scale: the first band (from the top) whose minimum it reaches.
    public func level(_ standing: Rational) -> Int? {
        bands.first { band in band.minimum.map { standing >= $0 } ?? true }?.level
    }

    /// The raw-score table this conversion amounts to over `raw`, consecutive raw scores with one level
    /// merged into a band; nil when the norm cannot place some raw score of the scale exactly.
    public func table(over raw: RawScoreScale, norm: TestNorm) -> [ConversionBand]? {
        var table: [ConversionBand] = []
        var score = raw.min
        while score <= raw.max {
            guard let standing = norm.exactScore(score, on: scale), let level = level(standing) else { return nil }
            if let last = table.last, last.level == level {
                table[table.count - 1].to = score
            } else {
                table.append(ConversionBand(from: score, to: score, level: level))
            }
            score = score + raw.step
        }
        return table
    }
}
