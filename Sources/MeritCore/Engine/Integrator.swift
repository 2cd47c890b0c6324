/// Integrates one battery's evidence into competency levels (DESIGN.md "Scoring" 1–2).
///
/// Per competency: per instrument the mean of its assessors' ratings (NE left out, never a zero); tests
/// give their converted level; across instruments the battery's rule (weighted mean or median) over the
/// instruments with evidence; then the battery's rounding rule, unless an agreed level replaces it.
/// Built once per battery; `levels(_:)` runs per participant without looking up any string. A class (all
/// of it constant) so that fetching it for each participant (from a dictionary by battery) is one retain,
/// not a copy of the library it holds: that copy was a tenth of the scoring threads' reference counting.
public final class Integrator: Sendable {
    /// One cell of the matrix, resolved.
    struct Slot: Sendable {
        var instrument: Int
        var weight: Rational
        var conversion: [ConversionBand]?
    }

    public let library: Library
    public let battery: Battery
    /// Competency refs in matrix order.
    let rows: [Int]
    let slots: [[Slot]]
    /// Competency ref → row, or -1 when the battery does not measure it.
    let rowOf: [Int]
    let slotOffset: [Int]
    let slotCount: Int
    /// By instrument ref: the cells of a test instrument, in matrix order, with its conversion table.
    /// Looking through every slot of the matrix for each test was 4.2 % of a history's scoring threads
    /// (1.2 % now; perf, merit movement 100,000 × 3).
    let testCells: [[(cell: Int, conversion: [ConversionBand])]]

    public init(library: Library, battery: Battery) {
        self.library = library
        self.battery = battery
        var rows: [Int] = []
        var slots: [[Slot]] = []
        var rowOf = Array(repeating: -1, count: library.competencyOrder.count)
        for competency in battery.competencyOrder {
            guard let ref = library.competencyRef(competency) else { continue }
            rowOf[ref] = rows.count
            rows.append(ref)
            slots.append(
                battery.measures(competency).compactMap { measure in
                    guard let instrument = library.instrumentRef(measure.instrument) else { return nil }
                    var conversion: [ConversionBand]?
                    if case .test(_, let table)? = library.instruments[measure.instrument]?.method { conversion = table }
                    return Slot(instrument: instrument, weight: measure.weight, conversion: conversion)
                })
        }
        self.rows = rows
        self.slots = slots
        self.rowOf = rowOf
        var offsets: [Int] = []
        var total = 0
        for row in slots {
            offsets.append(total)
            total += row.count
        }
        slotOffset = offsets
        slotCount = total
        var testCells = [[(cell: Int, conversion: [ConversionBand])]](repeating: [], count: library.instrumentOrder.count)
        for (row, rowSlots) in slots.enumerated() {
            for (index, slot) in rowSlots.enumerated() {
                if let conversion = slot.conversion { testCells[slot.instrument].append((offsets[row] + index, conversion)) }
            }
        }
        self.testCells = testCells
    }

    /// Accumulated evidence of one instrument for one competency. The sum is kept over a common
    /// denominator without reducing (ratings share their scale's step), and reduced once for the mean.
    struct Accumulator {
        var sumNumerator = 0
        var sumDenominator = 1
        var count = 0
        var noEvidence = 0
        var low: Rational = 0
        var high: Rational = 0

        mutating func add(_ value: Rational) {
            if count == 0 {
                low = value
                high = value
            } else {
                if value < low { low = value }
                if value > high { high = value }
            }
            if value.denominator == sumDenominator {
                sumNumerator += value.numerator
            } else {
                let divisor = Rational.gcd(sumDenominator, value.denominator)
                let common = sumDenominator / divisor * value.denominator
                sumNumerator = sumNumerator * (common / sumDenominator) + value.numerator * (common / value.denominator)
                sumDenominator = common
            }
            count += 1
        }

        var mean: Rational? { count > 0 ? Rational(sumNumerator, sumDenominator * count) : nil }
    }

    func accumulate(_ evidence: ParticipantEvidence) -> [Accumulator] {
        var cells = [Accumulator](repeating: Accumulator(), count: slotCount)
        accumulate(evidence, into: &cells)
        return cells
    }

    /// Adds the evidence's ratings, then its tests, to `cells`.
    private func accumulate(_ evidence: ParticipantEvidence, into cells: inout [Accumulator]) {
        for rating in evidence.ratings {
            guard let cell = cell(competency: rating.competency, instrument: rating.instrument) else { continue }
            switch rating.value {
            case .score(let value): cells[cell].add(value)
            case .noEvidence: cells[cell].noEvidence += 1
            }
        }
        for test in evidence.tests where test.instrument >= 0 && test.instrument < testCells.count {
            for (cell, conversion) in testCells[test.instrument] {
                if let band = conversion.first(where: { $0.contains(test.raw) }) { cells[cell].add(Rational(band.level)) }
            }
        }
    }

    /// One participant's ratings being added, one at a time, by a reader that does not build `Rating`s
    /// (`levels(_:ratings:)`).
    public struct Cells {
        fileprivate let integrator: Integrator
        fileprivate var accumulators: [Accumulator]

        fileprivate init(_ integrator: Integrator) {
            self.integrator = integrator
            accumulators = [Accumulator](repeating: Accumulator(), count: integrator.slotCount)
        }

        /// A rating, as a `Rating` with these refs would be integrated: nil is NE. Refs the battery does
        /// not measure (or -1, a code the library does not have) are left out.
        public mutating func add(competency: Int, instrument: Int, value: Rational?) {
            guard let cell = integrator.cell(competency: competency, instrument: instrument) else { return }
            if let value { accumulators[cell].add(value) } else { accumulators[cell].noEvidence += 1 }
        }

        /// Forgets every rating added, for a reader that starts again.
        public mutating func removeAll() {
            accumulators = [Accumulator](repeating: Accumulator(), count: integrator.slotCount)
        }
    }

    private func cell(competency: Int, instrument: Int) -> Int? {
        guard competency >= 0, competency < rowOf.count else { return nil }
        let row = rowOf[competency]
        guard row >= 0 else { return nil }
        for (index, slot) in slots[row].enumerated() where slot.instrument == instrument {
            return slotOffset[row] + index
        }
        return nil
    }

    /// The participant's levels for every competency of the battery, plus any agreed level outside it.
    public func levels(_ evidence: ParticipantEvidence) -> ParticipantLevels {
        levels(evidence, cells: accumulate(evidence))
    }

    /// The levels as `levels(_:)` gives them for `evidence` with the ratings `ratings` adds (in the order
    /// it adds them) before the evidence's own. For scoring straight from stored rating sheets: building
    /// every rating as a `Rating` in an array, to read it once and drop it, was a fifth of a history's
    /// scoring threads (perf, 100,000 people × 3 batches).
    public func levels(_ evidence: ParticipantEvidence, ratings: (inout Cells) throws -> Void) rethrows -> ParticipantLevels {
        var cells = Cells(self)
        try ratings(&cells)
        var accumulators: [Accumulator] = []
        swap(&accumulators, &cells.accumulators)
        accumulate(evidence, into: &accumulators)
        return levels(evidence, cells: accumulators)
    }

    private func levels(_ evidence: ParticipantEvidence, cells: [Accumulator]) -> ParticipantLevels {
        var results: [CompetencyLevel] = []
        results.reserveCapacity(rows.count)
        for (row, competency) in rows.enumerated() {
            var weighted = FractionSum()
            var totalWeight = FractionSum()
            var means: [Rational] = []
            var methods = 0
            var flags: CompetencyFlags = []
            for (index, slot) in slots[row].enumerated() {
                let cell = cells[slotOffset[row] + index]
                guard cell.count > 0 else { continue }
                methods += 1
                if cell.high - cell.low > battery.disagreementThreshold { flags.insert(.disagreement) }
                switch battery.integration {
                case .weightedMean:
                    // weight × (sum / (denominator × count)), unreduced.
                    let (numerator, overflow1) = slot.weight.numerator.multipliedReportingOverflow(by: cell.sumNumerator)
                    let (denominator, overflow2) = slot.weight.denominator.multipliedReportingOverflow(by: cell.sumDenominator)
                    let (over, overflow3) = denominator.multipliedReportingOverflow(by: cell.count)
                    if overflow1 || overflow2 || overflow3 { weighted.overflowed = true } else { weighted.add(numerator, over: over) }
                    totalWeight.add(slot.weight.numerator, over: slot.weight.denominator)
                case .median:
                    means.append(cell.mean!)
                }
            }
            var score: Rational?
            if methods > 0 {
                switch battery.integration {
                case .weightedMean: score = weighted.divided(by: totalWeight) ?? reducedWeightedMean(row: row, cells: cells)
                case .median: score = Self.median(means)
                }
            }
            if methods == 0 { flags.insert(.noEvidence) }
            if methods < battery.minMethods { flags.insert(.provisional) }
            results.append(
                CompetencyLevel(
                    competency: competency, integratedScore: score, computedLevel: score.map(battery.rounding.apply),
                    methodsWithEvidence: methods, flags: flags))
        }
        for agreed in evidence.agreed {
            if let index = results.firstIndex(where: { $0.competency == agreed.competency }) {
                results[index].agreedLevel = agreed.level
                // An agreed level is its own evidence: what the computed one lacked no longer applies.
                results[index].flags.subtract([.noEvidence, .provisional])
                results[index].flags.insert(.agreed)
            } else {
                results.append(
                    CompetencyLevel(
                        competency: agreed.competency, integratedScore: nil, computedLevel: nil, agreedLevel: agreed.level,
                        methodsWithEvidence: 0, flags: [.agreed]))
            }
        }
        return ParticipantLevels(
            nip: evidence.nip, battery: battery.id, assessedOn: evidence.assessedOn, competencies: results)
    }

    /// The weighted mean of a row's instruments with Rational's reducing arithmetic: for sums too large
    /// to keep unreduced (`FractionSum` overflowed), which no library seen so far comes near.
    private func reducedWeightedMean(row: Int, cells: [Accumulator]) -> Rational {
        var weighted: Rational = 0
        var totalWeight: Rational = 0
        for (index, slot) in slots[row].enumerated() {
            guard let mean = cells[slotOffset[row] + index].mean else { continue }
            weighted += slot.weight * mean
            totalWeight += slot.weight
        }
        return weighted / totalWeight
    }

    static func median(_ values: [Rational]) -> Rational {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
