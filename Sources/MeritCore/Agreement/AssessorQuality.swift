/// How each assessor of a batch rates, against the co-assessors who saw the same people (issue 16):
///
/// - **leniency**: the mean of (their rating − the mean of the other assessors' ratings of the same
///   participant, competency and exercise), over the targets they shared. Above 0 lenient, below severe.
/// - **spread**: the standard deviation of their ratings ÷ that of all ratings of the batch. Well under 1
///   is range restriction (central tendency: everyone near the middle).
/// - **halo**: the mean Pearson correlation, within each exercise, between the competencies they rated
///   for the same participants (pairs of competencies with at least three participants and some spread).
///   Near 1, one overall impression is being given to every competency.
///
/// Fewer than `smallSample` shared targets mark an assessor's leniency as a small sample: one
/// participant's disagreement is then most of it.
public struct AssessorQuality: Sendable {
    public struct Assessor: Sendable, Hashable {
        public var code: String
        public var ratings: Int
        /// Targets shared with at least one other assessor, and the mean difference over them.
        public var sharedTargets: Int
        public var leniency: Double?
        public var standardDeviation: Double?
        public var spread: Double?
        /// The mean within-exercise correlation between competencies, and how many correlations it averages.
        public var halo: Double?
        public var haloCorrelations: Int

        public var isSmallSample: Bool { sharedTargets < AssessorQuality.smallSample }
    }

    public static let smallSample = 20

    public var assessors: [Assessor]

    public init(_ participants: [(nip: String, ratings: [Rating])]) {
        let targets = RatedTargets(participants)
        let count = targets.assessorCodes.count
        var own = [Moments](repeating: Moments(), count: count)
        var all = Moments()
        var shared = [Int](repeating: 0, count: count)
        var difference = [Double](repeating: 0, count: count)
        for t in 0..<targets.count {
            let range = targets.range(t)
            let total = targets.value[range].reduce(0, +)
            for r in range {
                let (assessor, value) = (Int(targets.assessor[r]), targets.value[r])
                own[assessor].add(value)
                all.add(value)
                guard range.count >= 2 else { continue }
                shared[assessor] += 1
                difference[assessor] += value - (total - value) / Double(range.count - 1)
            }
        }
        let halo = Self.halo(targets)
        let batchDeviation = all.standardDeviation
        assessors = (0..<count).sorted { targets.assessorCodes[$0] < targets.assessorCodes[$1] }.map { id in
            let deviation = own[id].standardDeviation
            return Assessor(
                code: targets.assessorCodes[id], ratings: own[id].count, sharedTargets: shared[id],
                leniency: shared[id] > 0 ? difference[id] / Double(shared[id]) : nil, standardDeviation: deviation,
                spread: deviation.flatMap { own in batchDeviation.flatMap { $0 > 0 ? own / $0 : nil } },
                halo: halo[id].count > 0 ? halo[id].sum / Double(halo[id].count) : nil, haloCorrelations: halo[id].count)
        }
    }

    /// Count, sum and sum of squares.
    struct Moments {
        var count = 0
        var sum = 0.0
        var squares = 0.0

        mutating func add(_ value: Double) {
            count += 1
            sum += value
            squares += value * value
        }

        /// Sample standard deviation (n − 1), or nil under two values.
        var standardDeviation: Double? {
            guard count >= 2 else { return nil }
            return (Swift.max(0, squares - sum * sum / Double(count)) / Double(count - 1)).squareRoot()
        }
    }

    /// Each assessor's within-exercise correlations between competencies: their sum and number. The
    /// ratings are sorted by assessor, instrument and participant (one integer key), so that each
    /// assessor × exercise is one run, whose competency pairs are summed in a small dense table.
    static func halo(_ targets: RatedTargets) -> [(sum: Double, count: Int)] {
        var keyed: [(key: UInt64, rating: Int)] = []
        keyed.reserveCapacity(targets.value.count)
        var targetOf = [Int32](repeating: 0, count: targets.value.count)
        for t in 0..<targets.count {
            for r in targets.range(t) {
                let key = UInt64(targets.assessor[r]) << 40 | UInt64(targets.instrument[t]) << 32 | UInt64(targets.person[t])
                keyed.append((key, r))
                targetOf[r] = Int32(t)
            }
        }
        keyed.sort { $0.key < $1.key }
        let competencies = Int(targets.competency.max() ?? 0) + 1
        var result = [(sum: Double, count: Int)](repeating: (0, 0), count: targets.assessorCodes.count)
        var pairs = [PairSums](repeating: PairSums(), count: competencies * competencies)
        var touched: [Int] = []
        var start = 0
        while start < keyed.count {
            // One assessor × exercise: [start, end).
            let block = keyed[start].key >> 32
            var end = start
            while end < keyed.count && keyed[end].key >> 32 == block { end += 1 }
            var person = start
            while person < end {
                var next = person
                while next < end && keyed[next].key == keyed[person].key { next += 1 }
                for i in person..<next {
                    for j in (i + 1)..<next {
                        let (a, b) = (keyed[i].rating, keyed[j].rating)
                        let (ca, cb) = (Int(targets.competency[Int(targetOf[a])]), Int(targets.competency[Int(targetOf[b])]))
                        let (low, high) = ca < cb ? ((ca, targets.value[a]), (cb, targets.value[b])) : ((cb, targets.value[b]), (ca, targets.value[a]))
                        let cell = low.0 * competencies + high.0
                        if pairs[cell].n == 0 { touched.append(cell) }
                        pairs[cell].add(low.1, high.1)
                    }
                }
                person = next
            }
            let assessor = Int(keyed[start].key >> 40)
            for cell in touched {
                if pairs[cell].n >= 3, let r = pairs[cell].correlation {
                    result[assessor].sum += r
                    result[assessor].count += 1
                }
                pairs[cell] = PairSums()
            }
            touched.removeAll(keepingCapacity: true)
            start = end
        }
        return result
    }

    /// Sums for a Pearson correlation.
    struct PairSums {
        var n = 0
        var x = 0.0
        var y = 0.0
        var xx = 0.0
        var yy = 0.0
        var xy = 0.0

        mutating func add(_ a: Double, _ b: Double) {
            n += 1
            x += a
            y += b
            xx += a * a
            yy += b * b
            xy += a * b
        }

        /// Nil when either side has no spread.
        var correlation: Double? {
            let count = Double(n)
            let sxx = xx - x * x / count
            let syy = yy - y * y / count
            guard sxx > 1e-12, syy > 1e-12 else { return nil }
            return (xy - x * y / count) / (sxx * syy).squareRoot()
        }
    }
}
