import MeritCore
import MeritYAML

extension LibraryBuilder {
    /// Norm groups (`kind: norm`): a mean and SD, or a percentile table, each checked as far as it goes
    /// without its test (`checkNormTests` checks the test once instruments are built).
    mutating func buildNorms() {
        for file in documents.norms {
            guard register(file.id, as: "norm") else { continue }
            var valid = true
            if !(1900...2100).contains(file.year.value) {
                error(file.year.mark, "norm year \(file.year.value) is not a year the norm group could have been tested in")
                valid = false
            }
            let distribution: TestNorm.Distribution?
            switch (file.mean, file.sd, file.percentiles) {
            case (let mean?, let sd?, nil):
                if sd.number <= 0 { error(sd.mark, "standard deviation \(sd.number) must be above 0") }
                distribution = sd.number > 0 ? .normal(mean: mean.number, standardDeviation: sd.number) : nil
            case (nil, nil, let table?):
                distribution = percentiles(table)
            case (_, _, let table?) where file.mean != nil || file.sd != nil:
                error(table.mark, "norm '\(file.id.value)' has a percentile table and a mean or SD: give one or the other")
                distribution = nil
            default:
                error(
                    (file.mean ?? file.sd)?.mark ?? file.id.mark,
                    "norm '\(file.id.value)' needs 'mean' and 'sd', or a 'percentiles' table [{raw, percentile}, …]")
                distribution = nil
            }
            guard valid, let distribution else { continue }
            norms[file.id.value] = TestNorm(
                id: file.id.value, test: file.test.value, group: file.group, source: file.source, year: file.year.value, distribution: distribution)
        }
    }

    private mutating func percentiles(_ table: Located<[Located<NormFile.Point>]>) -> TestNorm.Distribution? {
        guard table.value.count >= 2 else {
            error(table.mark, "a percentile table needs at least two points")
            return nil
        }
        var valid = true
        for point in table.value where point.value.percentile.number < 0 || point.value.percentile.number > 100 {
            error(point.value.percentile.mark, "percentile \(point.value.percentile.number) is outside 0–100")
            valid = false
        }
        for (previous, next) in zip(table.value, table.value.dropFirst()) {
            if next.value.raw.number <= previous.value.raw.number {
                error(next.value.raw.mark, "raw score \(next.value.raw.number) does not rise above the previous point's \(previous.value.raw.number): list the points by rising raw score")
                valid = false
            } else if next.value.percentile.number < previous.value.percentile.number {
                error(next.value.percentile.mark, "percentile \(next.value.percentile.number) falls below the previous point's \(previous.value.percentile.number): a higher raw score cannot stand lower")
                valid = false
            }
        }
        guard valid else { return nil }
        return .percentiles(table.value.map { TestNorm.Point(raw: $0.value.raw.number, percentile: $0.value.percentile.number) })
    }

    /// An instrument's `norm-conversion`, checked against its norm; nil (with errors) when it cannot be used.
    mutating func normConversion(_ located: Located<NormConversionFile>, of file: InstrumentFile) -> NormConversion? {
        let conversion = located.value
        let scale = choice(conversion.by, default: NormScale.stanine, what: "norm scale")
        guard NormScale(rawValue: conversion.by.value) != nil else { return nil }
        var valid = true
        if let norm = norms[conversion.norm.value] {
            if norm.test != file.id.value {
                error(conversion.norm.mark, "norm '\(norm.id)' is for test '\(norm.test)', not '\(file.id.value)'")
                valid = false
            } else if !norm.isExact(on: scale) {
                let advice = if case .normal = norm.distribution {
                    "it is a mean and SD, whose percentiles go through the normal curve and are not exact; convert by z, t or stanine, or give the norm a percentile table"
                } else {
                    "it is a percentile table, whose z and T go through the normal curve and are not exact; convert by percentile or stanine"
                }
                error(conversion.by.mark, "norm '\(norm.id)' cannot convert by \(scale.rawValue): \(advice)")
                valid = false
            }
        } else {
            if !documents.mayHaveFailed("norm", conversion.norm.value) {
                let known = norms.keys.sorted()
                error(conversion.norm.mark, "unknown norm '\(conversion.norm.value)'" + (known.isEmpty ? "; the library has no norm documents" : "; the library's norms: \(known.joined(separator: ", "))"))
            }
            valid = false
        }
        let bands = normBands(conversion.levels, scale: scale)
        guard valid, let bands else { return nil }
        return NormConversion(norm: conversion.norm.value, scale: scale, bands: bands)
    }

    /// Bands highest first, only the last without `min`, minimums falling, levels not rising.
    private mutating func normBands(_ levels: Located<[Located<NormConversionFile.Band>]>, scale: NormScale) -> [NormConversion.Band]? {
        let bands = levels.value
        guard let last = bands.last else {
            error(levels.mark, "a norm conversion needs its levels: [{min: …, level: …}, …, {level: …}]")
            return nil
        }
        var valid = true
        if let minimum = last.value.min {
            error(minimum.mark, "the last band takes everything below the one above: leave out its 'min'")
            valid = false
        }
        let range: ClosedRange<Rational>? = switch scale {
        case .stanine: 1...9
        case .percentile: 0...100
        case .z, .t: nil
        }
        for band in bands.dropLast() {
            guard let minimum = band.value.min else {
                error(band.mark, "only the last band may leave out 'min'")
                valid = false
                continue
            }
            if let range, !range.contains(minimum.number) {
                error(minimum.mark, "\(scale.rawValue) \(minimum.number) is outside \(range.lowerBound)–\(range.upperBound)")
                valid = false
            } else if scale == .stanine, !minimum.number.isInteger {
                error(minimum.mark, "stanines are whole numbers: \(minimum.number) is none")
                valid = false
            }
        }
        let levelScale = overallScale
        for band in bands where !levelScale.contains(band.value.level.value) {
            error(band.value.level.mark, "conversion level \(band.value.level.value) is outside the level scale \(levelScale.lowerBound)–\(levelScale.upperBound)")
            valid = false
        }
        for (higher, lower) in zip(bands, bands.dropFirst()) {
            if let top = higher.value.min, let below = lower.value.min, below.number >= top.number {
                error(below.mark, "band minimums fall from the top: \(below.number) is not below \(top.number)")
                valid = false
            }
            if lower.value.level.value > higher.value.level.value {
                error(lower.value.level.mark, "level \(lower.value.level.value) below a band of level \(higher.value.level.value): a higher standing cannot give a lower level")
                valid = false
            }
        }
        guard valid else { return nil }
        return bands.map { NormConversion.Band(minimum: $0.value.min?.number, level: $0.value.level.value) }
    }

    /// Each norm's test is a test of the library, and a table covers the test's raw scale.
    mutating func checkNormTests() {
        for file in documents.norms {
            guard let norm = norms[file.id.value] else { continue }
            // From the files: a test whose conversion the norm cannot give is not built.
            guard let test = documents.instruments.first(where: { $0.id.value == norm.test }) else {
                if !documents.mayHaveFailed("instrument", norm.test) {
                    error(file.test.mark, "norm '\(norm.id)' is for '\(norm.test)', which is not an instrument of the library")
                }
                continue
            }
            guard test.method.value == "test" else {
                error(file.test.mark, "norm '\(norm.id)' is for '\(norm.test)', an exercise: norms are for tests")
                continue
            }
            if case .percentiles(let points) = norm.distribution, let first = points.first, let last = points.last, let raw = test.raw?.value,
                first.raw > raw.min.number || last.raw < raw.max.number
            {
                error(
                    file.percentiles?.mark ?? file.id.mark,
                    "the table runs from raw \(first.raw) to \(last.raw); test '\(norm.test)' scores \(raw.min.number)–\(raw.max.number): extend it to the test's raw scale")
            }
        }
    }
}
