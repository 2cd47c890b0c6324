import MeritCore

/// A synthetic but realistic assessment cohort (`merit sample`): valid NIPs, people placed in the library's
/// positions, plausible education, golongan and SKP, two assessors per exercise who sometimes disagree,
/// some "no evidence", test scores, and a few levels agreed at the integration meeting.
public struct CohortGenerator {
    public struct Cohort: Sendable {
        public var profiles: [PersonProfile]
        public var ratings: [(nip: String, instrument: String, competency: String, assessor: String, rating: String)]
        public var tests: [(nip: String, instrument: String, raw: Int)]
        public var levels: [(nip: String, competency: String, level: Int, note: String)]
        public var batch: String
        public var date: CalendarDate
    }

    public let library: Library
    public var seed: UInt64
    public var batch: String
    public var date: CalendarDate
    /// Assessors who rate more leniently (above 0) or severely (below), in half points added to every
    /// rating they give (kept on the scale): planted biases for testing rater statistics.
    public var raterBias: [String: Int] = [:]
    /// Yearly assessments of the same people (`merit sample --years N`): the batch of each year before the
    /// last is named for its year (`asesmen-2024`), dated a year apart. Each person has a trend, so their
    /// levels move between years (most by half a level a year or less, some up by a level, some down), and
    /// their SKP predikat is sometimes different in an earlier year. The last year is exactly the one-year
    /// cohort of the same seed.
    public var years = 1
    /// Half levels taken off every ability of the women (sex digit 2 of the NIP): a planted difference of
    /// outcomes for testing `merit fairness`. Draws nothing, so 0 gives the cohort as before.
    public var sexGap = 0

    public init(library: Library, seed: UInt64, batch: String = "asesmen-2026", date: CalendarDate = CalendarDate(year: 2026, month: 3, day: 16)!) {
        self.library = library
        self.seed = seed
        self.batch = batch
        self.date = date
    }

    static let firstNames = [
        "Agus", "Budi", "Dewi", "Eko", "Fitri", "Gita", "Hendra", "Indah", "Joko", "Kartika", "Lestari", "Made", "Nur",
        "Putu", "Ratna", "Sari", "Taufik", "Utami", "Wahyu", "Yulia", "Ahmad", "Siti", "Rudi", "Rina", "Bambang", "Wulan",
        "Dedi", "Ayu", "Hadi", "Intan", "Surya", "Nanda", "Irfan", "Maya", "Teguh", "Ningsih",
    ]
    static let familyNames = [
        "Santoso", "Wijaya", "Siregar", "Nasution", "Hidayat", "Pratama", "Saputra", "Lubis", "Harahap", "Setiawan",
        "Kusuma", "Wibowo", "Simanjuntak", "Rahmawati", "Permana", "Gunawan", "Purnomo", "Hutapea", "Susanti", "Putri",
        "Firmansyah", "Nugroho", "Sihombing", "Anggraini",
    ]
    static let fields = ["Manajemen Sumber Daya Manusia", "Administrasi Publik", "Psikologi", "Hukum", "Manajemen", "Ekonomi", "Akuntansi", "Teknik Informatika"]
    static let predikat = [("Sangat Baik", 15), ("Baik", 70), ("Butuh Perbaikan", 10), ("Kurang", 4), ("Sangat Kurang", 1)]

    /// How far a person sits from their position's standard overall, in half levels, with its share in
    /// percent: most within one level, a real share one level or more below, a few well above (README
    /// "The example cohort").
    static let personShift = [(-4, 4), (-3, 8), (-2, 16), (-1, 22), (0, 28), (1, 15), (2, 6), (3, 1)]

    /// One value of a table of (value, percent share) whose shares add up to 100.
    static func draw(_ table: [(Int, Int)], _ random: inout SeededGenerator) -> Int {
        var roll = random.next(in: 0...99)
        for (value, share) in table {
            if roll < share { return value }
            roll -= share
        }
        return table[table.count - 1].0
    }

    /// The whole cohort in memory (small cohorts, tests).
    public func generate(people: Int) -> Cohort {
        var cohort = Cohort(profiles: [], ratings: [], tests: [], levels: [], batch: batch, date: date)
        generate(people: people) { row in
            switch row {
            case .profile(let profile): cohort.profiles.append(profile)
            case .rating(let nip, let instrument, let competency, let assessor, let rating):
                cohort.ratings.append((nip, instrument, competency, assessor, rating))
            case .test(let nip, let instrument, let raw): cohort.tests.append((nip, instrument, raw))
            case .level(let nip, let competency, let level, let note): cohort.levels.append((nip, competency, level, note))
            case .year: break
            }
        }
        return cohort
    }

    /// One generated record.
    public enum Row {
        /// The records that follow belong to this year's batch (only with `years` above 1).
        case year(batch: String, date: CalendarDate)
        case profile(PersonProfile)
        case rating(nip: String, instrument: String, competency: String, assessor: String, rating: String)
        case test(nip: String, instrument: String, raw: Int)
        case level(nip: String, competency: String, level: Int, note: String)
    }

    /// Generates person by person, handing each record to `emit` (large cohorts go straight to files);
    /// with `years` above 1, year by year, oldest first, each year's records after its `.year` row.
    public func generate(people: Int, emit: (Row) throws -> Void) rethrows {
        guard years > 1 else { return try generate(people: people, yearsBack: 0, emit: emit) }
        let prefix = batch.hasSuffix("-\(date.year)") ? String(batch.dropLast(5)) : batch
        for back in stride(from: years - 1, through: 0, by: -1) {
            let year = date.year - back
            let day = CalendarDate(year: year, month: date.month, day: min(date.day, CalendarDate.days(in: date.month, of: year)))!
            try emit(.year(batch: "\(prefix)-\(year)", date: day))
            try generate(people: people, yearsBack: back, emit: emit)
        }
    }

    /// Half levels a person's abilities rise per year, with their shares: most change little.
    static let yearlyTrend = [(-1, 15), (0, 40), (1, 35), (2, 10)]

    /// One year's records, `back` years before the last. The people and the random draws are the last
    /// year's; a second generator per person (which the one-year cohort never uses) gives the trend and
    /// the year's differences.
    private func generate(people: Int, yearsBack back: Int, emit: (Row) throws -> Void) rethrows {
        var random = SeededGenerator(seed: seed)
        let positions = library.positionsInOrder
        var serials: [String: Int] = [:]
        let assessors = Self.assessors(people: people)
        for index in 0..<people {
            let position = positions[index % positions.count]
            let jobLevel = library.jobLevels[position.jobLevel]!
            let nip = Self.nip(&random, serials: &serials)
            let name = Self.firstNames[random.next(in: 0...Self.firstNames.count - 1)] + " "
                + Self.familyNames[random.next(in: 0...Self.familyNames.count - 1)]
            var person = profile(nip: nip, name: name, position: position, jobLevel: jobLevel, &random)
            var year = SeededGenerator(seed: seed &* 6_364_136_223_846_793_005 &+ UInt64(index) &+ 1)
            let trend = Self.draw(Self.yearlyTrend, &year)
            var jitter = SeededGenerator(seed: (seed &+ UInt64(back) &* 1_442_695_040_888_963_407) &* 31 &+ UInt64(index))
            // An earlier year's SKP differs for about one person in four.
            if back > 0, jitter.next(in: 0...3) == 0 { person.performance = Self.predikat[Self.draw(Self.predikat.enumerated().map { ($0.offset, $0.element.1) }, &jitter)].0 }
            try emit(.profile(person))
            let battery = library.batteries[position.battery]!
            // A person's true level per competency, in half levels: the standard, shifted by how far this
            // person is from it overall (`Self.personShift`), and by a little more or less per competency.
            let shift = Self.draw(Self.personShift, &random)
            var ability: [String: Int] = [:]
            let planted = Array(nip.utf8)[14] == UInt8(ascii: "2") ? sexGap : 0
            for competency in battery.competencyOrder {
                let required = position.requiredLevel(competency) ?? jobLevel.defaultLevel ?? 2
                ability[competency] = max(2, min(10, 2 * required + shift + [-2, -1, -1, 0, 0, 0, 1, 1, 2][random.next(in: 0...8)] - trend * back - planted))
            }
            let pair = assessors.count > 1 ? random.next(in: 0...assessors.count - 2) : 0
            var testsTaken: Set<String> = []
            // The assessment covers the competencies of the person's own standard.
            for competency in battery.competencyOrder where position.requiredLevel(competency) != nil {
                for measure in battery.measures(competency) {
                    guard let instrument = library.instruments[measure.instrument] else { continue }
                    switch instrument.method {
                    case .exercise:
                        for assessor in [assessors[pair], assessors[pair + 1]] {
                            let rating: String
                            if random.next(in: 0...99) < 3 {
                                rating = "NE"
                            } else {
                                // Halves, mostly within half a point of the true level, now and then further.
                                let spread = random.next(in: 0...19) == 0 ? [-3, 3][random.next(in: 0...1)] : random.next(in: -1...1)
                                let bias = raterBias[assessor] ?? 0
                                rating = Rational(max(2, min(10, ability[competency]! + spread + bias)), 2).description
                            }
                            try emit(.rating(nip: nip, instrument: instrument.id, competency: competency, assessor: assessor, rating: rating))
                        }
                    case .test(let scale, let conversion):
                        guard testsTaken.insert(instrument.id).inserted else { continue }
                        let level = max(1, min(5, (ability[competency]! + 1) / 2 + random.next(in: -1...0)))
                        let band = conversion.first { $0.level == level } ?? conversion[0]
                        let raw = random.next(in: max(band.from.floor, scale.min.floor)...min(band.to.floor, scale.max.floor))
                        try emit(.test(nip: nip, instrument: instrument.id, raw: raw))
                    }
                }
            }
            // About one person in twelve has a level settled at the integration meeting.
            if random.next(in: 0...11) == 0, let competency = position.required.randomElement(using: &random)?.competency {
                let level = max(1, min(5, (ability[competency]! + 1) / 2))
                try emit(.level(nip: nip, competency: competency, level: level, note: "disepakati dalam rapat integrasi"))
            }
        }
    }

    /// The assessors of a sample of `people`: asesor-01, asesor-02, …, one for about eight people.
    public static func assessors(people: Int) -> [String] {
        (1...max(4, people / 8 + 2)).map { "asesor-" + (($0 < 10 ? "0" : "") + String($0)) }
    }

    /// A profile that mostly meets its own position's requirements, as holders of a position usually do:
    /// about one person in ten falls short somewhere.
    private func profile(nip: String, name: String, position: PositionStandard, jobLevel: JobLevel, _ random: inout SeededGenerator) -> PersonProfile {
        let requirements = position.qualifications
        let shortfall = random.next(in: 0...9) == 0
        let minimum = requirements.education?.minimum ?? .s1
        var education: EducationLevel = random.next(in: 0...3) == 0 ? .s2 : max(minimum, .s1)
        let fields = requirements.education?.fields ?? []
        var field = fields.isEmpty ? Self.fields[random.next(in: 0...Self.fields.count - 1)] : fields[random.next(in: 0...fields.count - 1)]
        let floor = requirements.rank?.minimum ?? Golongan(major: 3, minor: 1)!
        let base = Golongan.all.firstIndex(of: floor)!
        var rank = Golongan.all[min(Golongan.all.count - 1, base + random.next(in: 0...2))]
        var trainings = requirements.trainings.filter { $0.priority != .perlu || random.next(in: 0...1) == 0 }
            .map { $0.accepts.first ?? $0.name }
        let needed = requirements.experience.map(\.years).max() ?? 1
        var years = needed + random.next(in: 0...8)
        if shortfall {
            switch random.next(in: 0...4) {
            case 0: education = .d3
            case 1: field = "Teknik Sipil"
            case 2: rank = Golongan.all[max(0, base - 1)]
            case 3: trainings = []
            default: years = max(0, needed - 1)
            }
        }
        var roll = random.next(in: 0...99)
        var predikat = "Baik"
        for (label, share) in Self.predikat {
            if roll < share {
                predikat = label
                break
            }
            roll -= share
        }
        return PersonProfile(
            nip: nip, name: name, unit: position.unit, position: position.id, jobLevel: jobLevel.id, education: education,
            educationField: field, rank: rank, trainings: trainings, experienceYears: years, performance: predikat)
    }

    /// A valid NIP: birth date, appointment at 22–30, sex digit, a serial unique for that prefix.
    static func nip(_ random: inout SeededGenerator, serials: inout [String: Int]) -> String {
        let year = random.next(in: 1968...1998)
        let month = random.next(in: 1...12)
        let day = random.next(in: 1...CalendarDate.days(in: month, of: year))
        let appointment = min(2024, year + random.next(in: 22...30))
        let prefix = pad(year, 4) + pad(month, 2) + pad(day, 2) + pad(appointment, 4) + pad(random.next(in: 1...12), 2)
            + String(random.next(in: 1...2))
        let serial = (serials[prefix] ?? 0) + 1
        serials[prefix] = serial
        return prefix + pad(serial, 3)
    }

    static func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
