import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildInstruments() {
        for file in documents.instruments {
            guard register(file.id, as: "instrument") else { continue }
            var method: Instrument.Method?
            var byNorm: NormConversion?
            switch file.method.value {
            case "exercise": method = exercise(file)
            case "test": (method, byNorm) = test(file)
            default:
                error(file.method.mark, "unknown method '\(file.method.value)'; expected exercise or test")
                method = nil
            }
            if let method {
                instruments[file.id.value] = Instrument(id: file.id.value, name: file.name, type: file.type, method: method, normConversion: byNorm)
            }
        }
    }

    private mutating func exercise(_ file: InstrumentFile) -> Instrument.Method? {
        if let raw = file.raw { error(raw.mark, "'raw' belongs to tests; instrument '\(file.id.value)' is an exercise") }
        if let table = file.conversion { error(table.mark, "'conversion' belongs to tests; instrument '\(file.id.value)' is an exercise") }
        if let norm = file.normConversion { error(norm.mark, "'norm-conversion' belongs to tests; instrument '\(file.id.value)' is an exercise") }
        guard let rating = file.rating else {
            error(file.method.mark, "exercise '\(file.id.value)' needs a 'rating' scale {min, max, step}")
            return nil
        }
        let min = rating.value.min.number
        let max = rating.value.max.number
        let step = rating.value.step?.number ?? 1
        guard min < max else {
            error(rating.value.max.mark, "rating maximum \(max) is not above its minimum \(min)")
            return nil
        }
        guard step > 0 else {
            error(rating.value.step!.mark, "rating step \(step) must be above 0")
            return nil
        }
        guard ((max - min) / step).isInteger else {
            error(
                rating.value.step?.mark ?? rating.mark,
                "rating step \(step) does not divide the scale \(min)–\(max) into whole steps")
            return nil
        }
        let token = rating.value.noEvidence ?? "NE"
        if Rational(decimal: token) != nil {
            error(rating.mark, "the no-evidence token '\(token)' is a number; use a word such as NE")
        }
        return .exercise(RatingScale(min: min, max: max, step: step, noEvidence: token))
    }

    /// A test's scale and raw-score table; with a `norm-conversion`, the table it amounts to, and the
    /// conversion as written.
    private mutating func test(_ file: InstrumentFile) -> (Instrument.Method?, NormConversion?) {
        if let rating = file.rating { error(rating.mark, "'rating' belongs to exercises; instrument '\(file.id.value)' is a test") }
        guard let raw = file.raw, let scale = rawScale(raw) else { return (table(file, raw: nil), nil) }
        guard let located = file.normConversion, file.conversion == nil, let conversion = normConversion(located, of: file) else {
            return (table(file, raw: scale), nil)
        }
        // The scale is checked exact: only a table short of the raw scale fails, which `checkNormTests` says.
        guard let norm = norms[conversion.norm], let compiled = conversion.table(over: scale, norm: norm) else { return (nil, nil) }
        return (.test(scale, conversion: compiled), conversion)
    }

    /// The test's method from its raw scale and `conversion` table (nil `raw`: the scale is missing or wrong).
    private mutating func table(_ file: InstrumentFile, raw checked: RawScoreScale?) -> Instrument.Method? {
        if let table = file.conversion, let norm = file.normConversion {
            error(norm.mark, "test '\(file.id.value)' has both a 'conversion' table (line \(table.mark.line)) and a 'norm-conversion': keep one")
            return nil
        }
        guard file.raw != nil, file.conversion != nil || file.normConversion != nil else {
            error(file.method.mark, "test '\(file.id.value)' needs a 'raw' scale {min, max} and a 'conversion' table (or a 'norm-conversion')")
            return nil
        }
        guard let scale = checked, let table = file.conversion else { return nil }
        let step = scale.step
        let levels = overallScale
        var bands: [ConversionBand] = []
        var valid = true
        for band in table.value {
            let from = band.value.from.number
            let to = band.value.to.number
            if from > to {
                error(band.value.to.mark, "conversion band \(from)–\(to) ends before it starts")
                valid = false
            }
            if !scale.contains(from) || !scale.contains(to) {
                error(band.mark, "conversion band \(from)–\(to) lies outside the raw scale \(scale.min)–\(scale.max)")
                valid = false
            } else if !scale.isOnStep(from) || !scale.isOnStep(to) {
                error(band.mark, "conversion band \(from)–\(to) does not start and end on a raw step of \(step)")
                valid = false
            }
            if !levels.contains(band.value.level.value) {
                error(band.value.level.mark, "conversion level \(band.value.level.value) is outside the level scale \(levels.lowerBound)–\(levels.upperBound)")
                valid = false
            }
            bands.append(ConversionBand(from: from, to: to, level: band.value.level.value))
        }
        // Coverage: sorted by start, each band must begin one raw step after the previous one ends.
        let ordered = zip(bands, table.value).sorted { $0.0.from < $1.0.from }
        if let first = ordered.first, first.0.from > scale.min {
            error(first.1.mark, "conversion table leaves \(rawRange(scale.min, first.0.from - step)) without a level (gap)")
            valid = false
        }
        for (previous, next) in zip(ordered, ordered.dropFirst()) {
            if next.0.from <= previous.0.to {
                error(next.1.mark, "conversion band \(next.0.from)–\(next.0.to) overlaps \(previous.0.from)–\(previous.0.to)")
                valid = false
            } else if next.0.from > previous.0.to + step {
                error(next.1.mark, "conversion table leaves \(rawRange(previous.0.to + step, next.0.from - step)) without a level (gap)")
                valid = false
            }
        }
        if let last = ordered.last, last.0.to < scale.max {
            error(last.1.mark, "conversion table leaves \(rawRange(last.0.to + step, scale.max)) without a level (gap)")
            valid = false
        }
        if bands.isEmpty {
            error(table.mark, "conversion table of '\(file.id.value)' is empty")
            valid = false
        }
        return valid ? .test(scale, conversion: ordered.map(\.0)) : nil
    }

    private mutating func rawScale(_ raw: Located<InstrumentFile.Raw>) -> RawScoreScale? {
        let step = raw.value.step?.number ?? 1
        let scale = RawScoreScale(min: raw.value.min.number, max: raw.value.max.number, step: step)
        guard scale.min < scale.max else {
            error(raw.value.max.mark, "raw maximum \(scale.max) is not above its minimum \(scale.min)")
            return nil
        }
        guard step > 0, ((scale.max - scale.min) / step).isInteger else {
            error(raw.value.step?.mark ?? raw.mark, "raw step \(step) does not divide the scale \(scale.min)–\(scale.max) into whole steps")
            return nil
        }
        return scale
    }

    private func rawRange(_ low: Rational, _ high: Rational) -> String {
        low >= high ? "raw score \(low)" : "raw scores \(low)–\(high)"
    }
}
