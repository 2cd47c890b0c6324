import Dispatch
import Synchronization

/// Ranks many candidates against many positions fast: every assessed person against every position,
/// keeping only the top N per position (memory grows with people + positions, never with their product).
///
/// Candidates and positions are compiled once into integer tables; a (person, position) pair is then a
/// few integer sums and comparisons. The order is `Shortlist.precedes` exactly (a test checks the two
/// agree); the entries it returns are full `PositionMatch`es computed by `Scorer` for the winners only.
/// JPM settings other than `sum-ratio` without group weights take the general path per pair.
public struct CandidatePool: Sendable {
    public let scorer: Scorer
    let candidates: [(levels: ParticipantLevels, profile: PersonProfile?)]
    let competencyCount: Int
    /// Levels in units of 1/`denominator`, people × competencies; -1 for no level.
    let levels: [Int32]
    /// The highest of `levels` (0 when none is positive), found once: `PackedScan` sizes its table by it,
    /// and finding it per position was a twelfth of 1,004 shortlists of 100,000 people (perf, bench history).
    let maxLevel: Int
    let denominator: Int
    let fast: Bool
    // Qualification facts per person.
    let known: [Bool]
    let education: [Int8]
    let golongan: [Int8]
    let experience: [Int16]
    let jobLevelRank: [Int32]
    /// Distinct lower-cased, trimmed education fields, and each person's place in that list.
    let distinctFields: [String]
    let fieldOf: [Int32]
    /// Satisfied training requirements, `trainingWords` words per person.
    let trainingBits: [UInt64]
    let trainingWords: Int
    let trainingIndex: [TrainingRequirement: Int]
    let nipOrder: [Int32]
    /// The inverse of `nipOrder`.
    let personByNIPRank: [Int]

    public init(scorer: Scorer, candidates: [(levels: ParticipantLevels, profile: PersonProfile?)]) {
        self.scorer = scorer
        self.candidates = candidates
        let library = scorer.library
        competencyCount = library.competencyOrder.count
        // Every pass below reads the candidates in place, by index, and each profile is taken out once:
        // iterating the candidates copied each (levels, profile) pair, all its texts retained and released,
        // once per pass: most of building a pool of 100,000 (perf, bench history's evidence).
        // A common denominator of all levels (levels are whole or half in practice).
        var denominator = 1
        for person in candidates.indices {
            for result in candidates[person].levels.competencies {
                guard let level = result.level else { continue }
                denominator = denominator / Rational.gcd(denominator, level.denominator) * level.denominator
            }
        }
        self.denominator = denominator
        let settings = library.scoring.jpm
        // Partial results are JPMs over different competencies (per-person denominators): general path.
        fast = settings.aggregation == .sumRatio && settings.groupWeights.isEmpty && settings.percentDecimals == nil
            && !library.scoring.allowsPartialResults && denominator <= 1_000
        var table = [Int32](repeating: -1, count: candidates.count * competencyCount)
        for person in candidates.indices {
            for result in candidates[person].levels.competencies {
                guard let level = result.level, result.competency < competencyCount else { continue }
                table[person * competencyCount + result.competency] = Int32(level.numerator * (denominator / level.denominator))
            }
        }
        levels = table
        maxLevel = table.max().map { max(Int($0), 0) } ?? 0
        var trainings: [TrainingRequirement: Int] = [:]
        for position in library.positions.values {
            for training in position.qualifications.trainings where trainings[training] == nil {
                trainings[training] = trainings.count
            }
        }
        trainingIndex = trainings
        let words = max((trainings.count + 63) / 64, 1)
        let accepted = trainings.map { training, index in
            (index, Set(([training.name] + training.accepts).map { $0.lowercased() }))
        }
        var known = [Bool](repeating: false, count: candidates.count)
        var education = [Int8](repeating: -1, count: candidates.count)
        var golongan = [Int8](repeating: -1, count: candidates.count)
        var experience = [Int16](repeating: -1, count: candidates.count)
        var jobLevelRank = [Int32](repeating: Int32.min, count: candidates.count)
        var fieldOf = [Int32](repeating: 0, count: candidates.count)
        var fieldIDs: [String: Int32] = [:]
        var distinct: [String] = []
        var bits = [UInt64](repeating: 0, count: words * candidates.count)
        for person in candidates.indices {
            let profile = candidates[person].profile
            let field = profile?.educationField?.lowercased().trimmingSpaces ?? ""
            if let id = fieldIDs[field] { fieldOf[person] = id } else {
                distinct.append(field)
                fieldIDs[field] = Int32(distinct.count - 1)
                fieldOf[person] = Int32(distinct.count - 1)
            }
            guard let profile else { continue }
            known[person] = true
            education[person] = Int8(profile.education?.rank ?? -1)
            golongan[person] = Int8(profile.rank.flatMap { rank in Golongan.all.firstIndex(of: rank) } ?? -1)
            experience[person] = Int16(clamping: profile.experienceYears ?? -1)
            jobLevelRank[person] = Int32(clamping: library.jobLevels[profile.jobLevel]?.rank ?? Int(Int32.min))
            guard !profile.trainings.isEmpty else { continue }
            let had = Set(profile.trainings.map { $0.lowercased().trimmingSpaces })
            for (index, names) in accepted where !had.isDisjoint(with: names) {
                bits[person * words + index / 64] |= 1 << UInt64(index % 64)
            }
        }
        self.known = known
        self.education = education
        self.golongan = golongan
        self.experience = experience
        self.jobLevelRank = jobLevelRank
        self.fieldOf = fieldOf
        distinctFields = distinct
        trainingBits = bits
        trainingWords = words
        let sortedByNIP = candidates.indices.sorted { candidates[$0].levels.nip < candidates[$1].levels.nip }
        var order = [Int32](repeating: 0, count: candidates.count)
        for (rank, person) in sortedByNIP.enumerated() { order[person] = Int32(rank) }
        nipOrder = order
        personByNIPRank = sortedByNIP
    }

    public var count: Int { candidates.count }

    /// The top `top` candidates for each position (ties at the cut kept, as `Shortlist.rank` does), using
    /// `threads` threads over the positions.
    public func shortlists(_ positions: [PositionStandard], top: Int, threads: Int = 1) -> [[Shortlist.Entry]] {
        let results = Mutex([[Shortlist.Entry]](repeating: [], count: positions.count))
        let chunks = max(1, min(threads, positions.count))
        let acceptance = fieldAcceptance(for: positions)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Positions with the same mutlak requirements share one pass over the people to decide who
            // qualifies (held only while that group is ranked).
            let mine = stride(from: chunk, to: positions.count, by: chunks).map {
                ($0, CompiledPosition(positions[$0], pool: self, acceptance: acceptance))
            }
            let groups = Dictionary(grouping: mine, by: \.1.qualificationSignature)
            var local: [(Int, [Shortlist.Entry])] = []
            for group in groups.values {
                let qualified = qualifiedPeople(group[0].1)
                for (index, compiled) in group {
                    local.append((index, shortlist(compiled, top: top, qualified: qualified)))
                }
            }
            results.withLock { results in
                for (index, entries) in local { results[index] = entries }
            }
        }
        return results.withLock { $0 }
    }

    func qualifiedPeople(_ position: CompiledPosition) -> [Bool] {
        (0..<candidates.count).map { isQualified($0, position) }
    }

    /// The top candidates for one position.
    public func shortlist(_ position: PositionStandard, top: Int) -> [Shortlist.Entry] {
        shortlist(position, top: top, acceptance: fieldAcceptance(for: [position]))
    }

    /// For each distinct list of accepted education fields (mutlak), whether each person's field is in it:
    /// worked out once, not per pair.
    func fieldAcceptance(for positions: [PositionStandard]) -> [[String]: [Bool]] {
        var table: [[String]: [Bool]] = [:]
        for position in positions {
            guard let education = position.qualifications.education, education.priority == .mutlak, !education.fields.isEmpty
            else { continue }
            let accepted = education.fields.map { $0.lowercased() }
            if table[accepted] != nil { continue }
            // Decided once per distinct field, then spread to the people who have it.
            let verdicts = distinctFields.map { field in !field.isEmpty && accepted.contains { field.contains($0) } }
            table[accepted] = fieldOf.map { verdicts[Int($0)] }
        }
        return table
    }

    func shortlist(_ position: PositionStandard, top: Int, acceptance: [[String]: [Bool]]) -> [Shortlist.Entry] {
        let compiled = CompiledPosition(position, pool: self, acceptance: acceptance)
        return shortlist(compiled, top: top, qualified: qualifiedPeople(compiled))
    }

    func shortlist(_ compiled: CompiledPosition, top: Int, qualified: [Bool]) -> [Shortlist.Entry] {
        let position = compiled.standard
        if let packed = PackedScan(pool: self, position: compiled) {
            return packed.entries(packed.winners(top: max(top, 1), qualified: qualified))
        }
        var best = BoundedRanking(capacity: max(top, 1))
        for person in 0..<candidates.count {
            if let key = key(person, compiled) { best.offer(key) }
        }
        // Everyone tied with the last place stays, as in the general ranking.
        let winners = best.keys.map(\.person) + best.tiedAtCut.map(\.person)
        let matches = winners.map { person in
            scorer.match(candidates[person].levels, profile: candidates[person].profile, position: position)
        }
        return Shortlist.rank(matches, top: top)
    }

    /// The positions that fit one candidate best (succession, talent pool).
    public func fit(nip: String, positions: [PositionStandard], top: Int) -> [Shortlist.Entry] {
        guard let person = candidates.firstIndex(where: { $0.levels.nip == nip }) else { return [] }
        let matches = positions.map { scorer.match(candidates[person].levels, profile: candidates[person].profile, position: $0) }
        return Shortlist.rank(matches, top: top)
    }

    // MARK: Keys

    /// What ranks a candidate for a position; smaller is better.
    struct Key {
        var unqualified: Int
        var selectionRank: Int
        /// JPM = 100 × jpmNumerator / jpmDenominator.
        var jpmNumerator: Int
        var jpmDenominator: Int
        var exactJPM: Rational?
        var criticalGaps: Int
        /// In units of 1/denominator.
        var gapPoints: Int
        var exactGapPoints: Rational?
        var nipRank: Int32
        var person: Int

        func tiesOnScore(_ other: Key) -> Bool {
            unqualified == other.unqualified && selectionRank == other.selectionRank && compareJPM(other) == 0
                && criticalGaps == other.criticalGaps && compareGapPoints(other) == 0
        }

        /// -1 when self has the higher JPM (ranks first), 1 when lower, 0 when equal.
        func compareJPM(_ other: Key) -> Int {
            if let a = exactJPM, let b = other.exactJPM { return a == b ? 0 : (a > b ? -1 : 1) }
            let left = jpmNumerator * other.jpmDenominator
            let right = other.jpmNumerator * jpmDenominator
            return left == right ? 0 : (left > right ? -1 : 1)
        }

        func compareGapPoints(_ other: Key) -> Int {
            if let a = exactGapPoints, let b = other.exactGapPoints { return a == b ? 0 : (a < b ? -1 : 1) }
            return gapPoints == other.gapPoints ? 0 : (gapPoints < other.gapPoints ? -1 : 1)
        }

        func precedes(_ other: Key) -> Bool {
            if unqualified != other.unqualified { return unqualified < other.unqualified }
            if selectionRank != other.selectionRank { return selectionRank < other.selectionRank }
            let jpm = compareJPM(other)
            if jpm != 0 { return jpm < 0 }
            if criticalGaps != other.criticalGaps { return criticalGaps < other.criticalGaps }
            let points = compareGapPoints(other)
            if points != 0 { return points < 0 }
            return nipRank < other.nipRank
        }
    }

    /// Nil for an undecided result (a required competency without a level): it is not ranked.
    func key(_ person: Int, _ position: CompiledPosition) -> Key? {
        let qualified = isQualified(person, position)
        guard fast else { return generalKey(person, position, qualified: qualified) }
        let base = person * competencyCount
        var counted = 0
        var critical = 0
        var points = 0
        var criticalGap = false
        for requirement in position.requirements {
            let raw = Int(levels[base + requirement.competency])
            if raw < 0 { return nil }
            let level = max(raw, 0)
            let required = requirement.required * denominator
            counted += position.capPerCompetency ? min(level, required) : level
            if raw < 0 || level < required {
                points += required - level
                if requirement.critical {
                    critical += 1
                    criticalGap = true
                }
            }
        }
        var numerator = counted
        let denominatorSum = position.requiredSum * denominator
        if position.capFinal100 { numerator = min(numerator, denominatorSum) }
        var band = position.bandCount
        for (index, minimum) in position.bandMinimums.enumerated() {
            // 100 × numerator / denominatorSum ≥ minimum
            guard let minimum else {
                band = index
                break
            }
            if 100 * numerator * minimum.denominator >= minimum.numerator * denominatorSum {
                band = index
                break
            }
        }
        if criticalGap, let cap = position.capIndex, band < cap { band = cap }
        return Key(
            unqualified: qualified ? 0 : 1, selectionRank: position.hasSelection ? band : Int.max,
            jpmNumerator: numerator, jpmDenominator: max(denominatorSum, 1), exactJPM: nil, criticalGaps: critical,
            gapPoints: points, exactGapPoints: nil, nipRank: nipOrder[person], person: person)
    }

    private func generalKey(_ person: Int, _ position: CompiledPosition, qualified: Bool) -> Key? {
        let match = scorer.match(candidates[person].levels, profile: candidates[person].profile, position: position.standard)
        guard match.isDecided else { return nil }
        return Key(
            unqualified: match.recommendation.isQualified ? 0 : 1, selectionRank: match.recommendation.selectionRank,
            jpmNumerator: 0, jpmDenominator: 1, exactJPM: match.jpm.value, criticalGaps: match.criticalGapCount,
            gapPoints: 0, exactGapPoints: match.gapPoints, nipRank: nipOrder[person], person: person)
    }

    func isQualified(_ person: Int, _ position: CompiledPosition) -> Bool {
        guard known[person] else { return false }
        if let minimum = position.mutlakEducation, Int(education[person]) < minimum { return false }
        if let accepted = position.acceptedFields, !accepted[person] { return false }
        if let minimum = position.mutlakGolongan, Int(golongan[person]) < minimum { return false }
        let words = person * trainingWords
        for index in position.mutlakTrainings where trainingBits[words + index / 64] & (1 << UInt64(index % 64)) == 0 {
            return false
        }
        for requirement in position.mutlakExperience {
            if Int(experience[person]) < requirement.years { return false }
            if let rank = requirement.jobLevelRank, Int(jobLevelRank[person]) < rank { return false }
        }
        return true
    }
}

/// A position compiled for `CandidatePool`.
struct CompiledPosition {
    struct Requirement {
        var competency: Int
        var required: Int
        var critical: Bool
    }

    let standard: PositionStandard
    let requirements: [Requirement]
    let requiredSum: Int
    let capPerCompetency: Bool
    let capFinal100: Bool
    let hasSelection: Bool
    let bandMinimums: [Rational?]
    let bandCount: Int
    let capIndex: Int?
    let mutlakEducation: Int?
    /// Per person: whether the education field is accepted (nil when the position names no fields).
    let acceptedFields: [Bool]?
    let mutlakGolongan: Int?
    let mutlakTrainings: [Int]
    let mutlakExperience: [(years: Int, jobLevelRank: Int?)]

    /// The mutlak requirements: positions that share them qualify the same people.
    struct QualificationSignature: Hashable {
        var numbers: [Int]
        var fields: [String]
    }

    var qualificationSignature: QualificationSignature {
        var numbers = [mutlakEducation ?? -1, mutlakGolongan ?? -1, -2] + mutlakTrainings + [-3]
        numbers += mutlakExperience.flatMap { [$0.years, $0.jobLevelRank ?? -1] }
        let fields = standard.qualifications.education.flatMap { $0.priority == .mutlak ? $0.fields.map { $0.lowercased() } : nil }
        return QualificationSignature(numbers: numbers, fields: fields ?? [])
    }

    init(_ position: PositionStandard, pool: CandidatePool, acceptance: [[String]: [Bool]]) {
        let library = pool.scorer.library
        standard = position
        requirements = position.required.compactMap { required in
            library.competencyRef(required.competency).map {
                Requirement(competency: $0, required: required.level, critical: required.isCritical)
            }
        }
        requiredSum = requirements.reduce(0) { $0 + $1.required }
        capPerCompetency = library.scoring.jpm.cap == .perCompetency
        capFinal100 = library.scoring.jpm.cap == .final100
        let selection = library.scoring.categorySet("selection")
        hasSelection = selection != nil
        bandMinimums = selection?.bands.map(\.minimum) ?? []
        bandCount = max(bandMinimums.count - 1, 0)
        capIndex = library.scoring.criticalGapCap.flatMap { cap in selection?.bands.firstIndex { $0.id == cap } }
        let qualifications = position.qualifications
        let education = qualifications.education.flatMap { $0.priority == .mutlak ? $0 : nil }
        mutlakEducation = education?.minimum.rank
        acceptedFields = education.flatMap { $0.fields.isEmpty ? nil : acceptance[$0.fields.map { $0.lowercased() }] }
        mutlakGolongan = qualifications.rank.flatMap { rank in
            rank.priority == .mutlak ? Golongan.all.firstIndex(of: rank.minimum) : nil
        }
        mutlakTrainings = qualifications.trainings.filter { $0.priority == .mutlak }.compactMap { pool.trainingIndex[$0] }
        mutlakExperience = qualifications.experience.filter { $0.priority == .mutlak }.map { requirement in
            (requirement.years, requirement.jobLevel.map { library.jobLevels[$0]?.rank ?? Int.max })
        }
    }
}

/// The best `capacity` keys seen, kept sorted (insertion into a short array), and the keys left out
/// that tie with the last place on everything but the identifier.
struct BoundedRanking {
    let capacity: Int
    private(set) var keys: [CandidatePool.Key] = []
    private(set) var tiedAtCut: [CandidatePool.Key] = []

    init(capacity: Int) {
        self.capacity = capacity
        keys.reserveCapacity(capacity + 1)
    }

    mutating func offer(_ key: CandidatePool.Key) {
        if keys.count == capacity, let last = keys.last, !key.precedes(last) {
            if key.tiesOnScore(last) { tiedAtCut.append(key) }
            return
        }
        var index = keys.count
        while index > 0 && key.precedes(keys[index - 1]) { index -= 1 }
        keys.insert(key, at: index)
        if keys.count > capacity {
            let evicted = keys.removeLast()
            let last = keys[keys.count - 1]
            tiedAtCut.append(evicted)
            tiedAtCut.removeAll { !$0.tiesOnScore(last) }
        }
    }
}
