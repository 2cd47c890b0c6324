import MeritCore

/// A small library built in code: competencies A, B (managerial), C (socio-cultural), T (technical);
/// exercises ex1, ex2 rated 1–5 in half steps; a test converting raw 0–20 to levels.
enum TestLibrary {
    static func competency(_ id: String, _ group: CompetencyGroup) -> Competency {
        Competency(
            id: id, code: id.uppercased(), name: "Kompetensi \(id)", group: group, definition: "",
            levels: (1...5).map { CompetencyLevelDescription(level: $0, description: "L\($0)", indicators: []) },
            dictionary: "uji")
    }

    static let scale = RatingScale(min: 1, max: 5, step: Rational(1, 2))

    static let nineBox = NineBoxSettings(
        potentialSource: "mapping",
        potentialBands: [
            ScoreBand(id: "tinggi", label: "Tinggi", minimum: 90), ScoreBand(id: "menengah", label: "Menengah", minimum: 78),
            ScoreBand(id: "rendah", label: "Rendah", minimum: nil),
        ],
        performanceBands: [
            ScoreBand(id: "di-atas", label: "Di atas", minimum: nil), ScoreBand(id: "sesuai", label: "Sesuai", minimum: nil),
            ScoreBand(id: "di-bawah", label: "Di bawah", minimum: nil),
        ],
        predikat: ["Sangat Baik": "di-atas", "Baik": "sesuai", "Butuh Perbaikan": "di-bawah", "Kurang": "di-bawah"],
        boxes: [
            ("rendah", "di-bawah", 1), ("rendah", "sesuai", 2), ("rendah", "di-atas", 4),
            ("menengah", "di-bawah", 3), ("menengah", "sesuai", 5), ("menengah", "di-atas", 7),
            ("tinggi", "di-bawah", 6), ("tinggi", "sesuai", 8), ("tinggi", "di-atas", 9),
        ].map { TalentBox(number: $0.2, potential: $0.0, performance: $0.1, label: "Kotak \($0.2)", actions: ["aksi \($0.2)"]) })

    static let selection = CategorySet(
        id: "selection", label: "Pengisian jabatan",
        bands: [
            CategoryBand(id: "MS", label: "Memenuhi Syarat", minimum: 80),
            CategoryBand(id: "MMS", label: "Masih Memenuhi Syarat", minimum: 68),
            CategoryBand(id: "KMS", label: "Kurang Memenuhi Syarat", minimum: nil),
        ])

    static let mapping = CategorySet(
        id: "mapping", label: "Pemetaan",
        bands: [
            CategoryBand(id: "optimal", label: "Optimal", minimum: 90),
            CategoryBand(id: "cukup-optimal", label: "Cukup Optimal", minimum: 78),
            CategoryBand(id: "kurang-optimal", label: "Kurang Optimal", minimum: nil),
        ])

    static func scoring(jpm: JPMSettings = JPMSettings(), criticalGapCap: String? = "MMS") -> ScoringSettings {
        ScoringSettings(id: "uji", jpm: jpm, categorySets: [selection, mapping], criticalGapCap: criticalGapCap, nineBox: nineBox)
    }

    static func battery(
        integration: IntegrationRule = .weightedMean, rounding: RoundingRule = .halfUp, weights: (Rational, Rational) = (1, 1)
    ) -> Battery {
        Battery(
            id: "bat", name: "Baterai uji",
            measures: [
                "a": [BatteryMeasure(instrument: "ex1", weight: weights.0), BatteryMeasure(instrument: "ex2", weight: weights.1)],
                "b": [BatteryMeasure(instrument: "ex1", weight: 1), BatteryMeasure(instrument: "tes", weight: 1)],
                "c": [BatteryMeasure(instrument: "ex1", weight: 1), BatteryMeasure(instrument: "ex2", weight: 1)],
                "t": [BatteryMeasure(instrument: "ex2", weight: 1), BatteryMeasure(instrument: "tes", weight: 1)],
            ],
            competencyOrder: ["a", "b", "c", "t"], integration: integration, rounding: rounding)
    }

    static let position = PositionStandard(
        id: "kabid", title: "Kepala Bidang", unit: "Bidang Uji", jobLevel: "administrator", battery: "bat",
        required: [
            RequiredCompetency(competency: "a", level: 3, isCritical: true), RequiredCompetency(competency: "b", level: 3),
            RequiredCompetency(competency: "c", level: 3), RequiredCompetency(competency: "t", level: 3),
        ],
        qualifications: Qualifications(
            education: EducationRequirement(minimum: .s1, fields: ["Manajemen"]),
            rank: RankRequirement(minimum: Golongan(parsing: "III/d")!),
            trainings: [
                TrainingRequirement(name: "Pelatihan Kepemimpinan Administrator", accepts: ["PKA"], priority: .mutlak),
                TrainingRequirement(name: "Bimtek Merit", priority: .perlu),
            ],
            experience: [ExperienceRequirement(years: 3, jobLevel: "pengawas")]))

    static func library(
        battery: Battery = battery(), scoring: ScoringSettings = scoring(), positions: [PositionStandard] = [position]
    ) -> Library {
        let dictionary = CompetencyDictionary(
            id: "uji", title: "Uji", source: nil, scale: 1...5,
            competencies: [competency("a", .manajerial), competency("b", .manajerial), competency("c", .sosialKultural), competency("t", .teknis)])
        let instruments: [String: Instrument] = [
            "ex1": Instrument(id: "ex1", name: "Latihan 1", type: "in-tray", method: .exercise(scale)),
            "ex2": Instrument(id: "ex2", name: "Latihan 2", type: "lgd", method: .exercise(scale)),
            "tes": Instrument(
                id: "tes", name: "Tes", type: "psychometric",
                method: .test(
                    RawScoreScale(min: 0, max: 20),
                    conversion: [
                        ConversionBand(from: 0, to: 4, level: 1), ConversionBand(from: 5, to: 8, level: 2),
                        ConversionBand(from: 9, to: 12, level: 3), ConversionBand(from: 13, to: 16, level: 4),
                        ConversionBand(from: 17, to: 20, level: 5),
                    ])),
        ]
        let jobLevels = [
            "administrator": JobLevel(id: "administrator", name: "Administrator", family: "struktural", rank: 60, battery: "bat", defaultLevel: 3, required: [:]),
            "pengawas": JobLevel(id: "pengawas", name: "Pengawas", family: "struktural", rank: 50, battery: "bat", defaultLevel: 2, required: [:]),
        ]
        return Library(
            dictionaries: [dictionary], instruments: instruments, batteries: [battery.id: battery], jobLevels: jobLevels,
            positions: Dictionary(uniqueKeysWithValues: positions.map { ($0.id, $0) }), scoring: scoring, activities: [])
    }

    /// Evidence written compactly: `("a", "ex1", "asr1", "3")`, rating "NE" for no evidence.
    static func evidence(
        in library: Library, nip: String = "199001012015031001", ratings: [(String, String, String, String)],
        tests: [(String, Int)] = [], agreed: [(String, Rational)] = [], assessedOn: CalendarDate? = nil
    ) -> ParticipantEvidence {
        ParticipantEvidence(
            nip: nip, battery: "bat", assessedOn: assessedOn,
            ratings: ratings.map { row in
                Rating(
                    competency: library.competencyRef(row.0)!, instrument: library.instrumentRef(row.1)!, assessor: row.2,
                    value: row.3 == "NE" ? .noEvidence : .score(Rational(decimal: row.3)!))
            },
            tests: tests.map { TestScore(instrument: library.instrumentRef($0.0)!, raw: Rational($0.1)) },
            agreed: agreed.map { AgreedLevel(competency: library.competencyRef($0.0)!, level: $0.1, note: "rapat integrasi") })
    }

    static func profile(
        nip: String = "199001012015031001", education: EducationLevel? = .s1, field: String? = "Manajemen",
        rank: String? = "III/d", trainings: [String] = ["PKA", "Bimtek Merit"], years: Int? = 4,
        jobLevel: String = "pengawas", performance: String? = "Baik"
    ) -> PersonProfile {
        PersonProfile(
            nip: nip, name: "Peserta", unit: "Bidang Uji", position: "kabid", jobLevel: jobLevel, education: education,
            educationField: field, rank: rank.flatMap(Golongan.init(parsing:)), trainings: trainings, experienceYears: years,
            performance: performance)
    }

    /// Levels given directly, for tests of the match.
    static func levels(_ library: Library, _ values: [String: Rational], nip: String = "199001012015031001", assessedOn: CalendarDate? = nil) -> ParticipantLevels {
        ParticipantLevels(
            nip: nip, battery: "bat", assessedOn: assessedOn,
            competencies: values.keys.sorted().map { id in
                CompetencyLevel(
                    competency: library.competencyRef(id)!, integratedScore: values[id], computedLevel: values[id],
                    methodsWithEvidence: 2, flags: [])
            })
    }
}

