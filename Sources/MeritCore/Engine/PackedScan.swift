/// The inner loop of `CandidatePool` for the usual settings (sum-ratio JPM, no group weights): within one
/// position every JPM has the same denominator, so a candidate's whole ranking key fits one `UInt64`:
///
///     unqualified (1 bit) | selection band (4) | JPM shortfall (16) | critical gaps (6) | gap points (14) | NIP rank (21)
///
/// Smaller is better; two candidates tie on score when all but the NIP bits are equal.
struct PackedScan {
    static let nipBits: UInt64 = 21
    static let pointBits: UInt64 = 14
    static let criticalBits: UInt64 = 6
    static let jpmBits: UInt64 = 16

    let pool: CandidatePool
    let position: CompiledPosition
    /// Selection band of each possible JPM numerator (after the final-100 cap).
    let bands: [UInt8]
    let maxNumerator: Int

    /// Nil when the key does not fit (general settings, huge numbers): the caller ranks with full keys.
    init?(pool: CandidatePool, position: CompiledPosition) {
        guard pool.fast, pool.candidates.count < 1 << Self.nipBits, position.bandMinimums.count < 15,
            position.requirements.count < 1 << Self.criticalBits
        else { return nil }
        let denominator = pool.denominator
        let maxLevel = pool.maxLevel
        let maxNumerator = position.requirements.reduce(0) { total, requirement in
            total + (position.capPerCompetency ? requirement.required * denominator : max(maxLevel, requirement.required * denominator))
        }
        let maxPoints = position.requiredSum * denominator
        guard maxNumerator < 1 << Self.jpmBits, maxPoints < 1 << Self.pointBits else { return nil }
        let denominatorSum = max(position.requiredSum * denominator, 1)
        bands = (0...maxNumerator).map { numerator in
            let numerator = position.capFinal100 ? min(numerator, denominatorSum) : numerator
            for (index, minimum) in position.bandMinimums.enumerated() {
                guard let minimum else { return UInt8(index) }
                if 100 * numerator * minimum.denominator >= minimum.numerator * denominatorSum { return UInt8(index) }
            }
            return UInt8(position.bandCount)
        }
        self.pool = pool
        self.position = position
        self.maxNumerator = maxNumerator
    }

    /// The best `top` candidates and everyone tied with the last of them, in rank order, with their keys.
    func winners(top: Int, qualified: [Bool]) -> [(person: Int, key: UInt64)] {
        var best: [UInt64] = []
        best.reserveCapacity(top + 1)
        var tied: [UInt64] = []
        let scoreMask = ~((1 << Self.nipBits) - 1) as UInt64
        let competencies = pool.competencyCount
        let denominator = pool.denominator
        let capIndex = position.capIndex.map { UInt8($0) } ?? UInt8.max
        let capPerCompetency = position.capPerCompetency
        let capFinal100 = position.capFinal100
        let requiredTotal = position.requiredSum * denominator
        let hasSelection = position.hasSelection
        // Requirements as parallel arrays of small integers for the inner loop.
        let offsets = position.requirements.map { Int32($0.competency) }
        let required = position.requirements.map { Int32($0.required * denominator) }
        let critical = position.requirements.map { $0.critical ? Int32(1) : 0 }
        let count = offsets.count
        pool.levels.withUnsafeBufferPointer { levels in
            bands.withUnsafeBufferPointer { bands in
                offsets.withUnsafeBufferPointer { offsets in
                    required.withUnsafeBufferPointer { required in
                        critical.withUnsafeBufferPointer { isCritical in
                    for person in 0..<pool.candidates.count {
                        let base = levels.baseAddress! + person &* competencies
                        var counted: Int32 = 0
                        var criticalGaps: Int32 = 0
                        var points: Int32 = 0
                        var missing = false
                        for index in 0..<count {
                            let raw = base[Int(offsets[index])]
                            // A required competency without a level: undecided, not ranked.
                            if raw < 0 { missing = true }
                            let level = raw > 0 ? raw : 0
                            let need = required[index]
                            counted &+= capPerCompetency && level > need ? need : level
                            if raw < 0 || level < need {
                                points &+= need &- level
                                criticalGaps &+= isCritical[index]
                            }
                        }
                        if missing { continue }
                        var band = bands[Int(counted)]
                        if criticalGaps > 0, band < capIndex { band = capIndex }
                        let selection: UInt64 = hasSelection ? UInt64(band) : 15
                        let unqualified: UInt64 = qualified[person] ? 0 : 1
                        let counts = capFinal100 ? min(Int(counted), requiredTotal) : Int(counted)
                        let shortfall = UInt64(maxNumerator - counts)
                        var key = unqualified << 62 | selection << 58 | shortfall << 42
                        key |= UInt64(criticalGaps) << 36 | UInt64(points) << 21 | UInt64(pool.nipOrder[person])
                        if best.count == top, let last = best.last, key > last {
                            if key & scoreMask == last & scoreMask { tied.append(key) }
                            continue
                        }
                        var index = best.count
                        while index > 0 && key < best[index - 1] { index -= 1 }
                        best.insert(key, at: index)
                        if best.count > top {
                            let evicted = best.removeLast()
                            let cut = best[best.count - 1] & scoreMask
                            tied.append(evicted)
                            tied.removeAll { $0 & scoreMask != cut }
                        }
                    }
                        }
                    }
                }
            }
        }
        let nipMask: UInt64 = (1 << Self.nipBits) - 1
        let personOfRank = pool.personByNIPRank
        return (best + tied.sorted()).map { (personOfRank[Int($0 & nipMask)], $0) }
    }

    /// Shortlist entries for ranked keys: a tie (equal but for the NIP) shares the rank of its first member.
    func entries(_ ranked: [(person: Int, key: UInt64)]) -> [Shortlist.Entry] {
        let scoreMask = ~((1 << Self.nipBits) - 1) as UInt64
        var entries: [Shortlist.Entry] = []
        entries.reserveCapacity(ranked.count)
        for (index, winner) in ranked.enumerated() {
            let score = winner.key & scoreMask
            let tiedAbove = index > 0 && ranked[index - 1].key & scoreMask == score
            let tiedBelow = index + 1 < ranked.count && ranked[index + 1].key & scoreMask == score
            let candidate = pool.candidates[winner.person]
            entries.append(
                Shortlist.Entry(
                    rank: tiedAbove ? entries[index - 1].rank : index + 1,
                    match: pool.scorer.match(candidate.levels, profile: candidate.profile, position: position.standard),
                    tied: tiedAbove || tiedBelow))
        }
        return entries
    }
}
