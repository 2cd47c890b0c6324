import MeritYAML

// The library's file formats (DESIGN.md "The instrument library"), as decoded from YAML before checking.
// Keys are kebab-case; every value a later check may complain about keeps its place (`Located`).

/// The two keys every library document carries.
struct DocumentHead: Decodable {
    var kind: Located<String>?
    var id: Located<String>?
}

struct DictionaryFile: Decodable {
    struct Scale: Decodable {
        var min: Located<Int>
        var max: Located<Int>
    }

    struct Level: Decodable {
        var level: Located<Int>
        var description: String
        var indicators: [String]?
    }

    struct Competency: Decodable {
        var id: Located<String>
        var code: Located<String>
        var name: String
        var group: Located<String>
        var definition: String
        var levels: [Level]
    }

    var kind: String
    var id: Located<String>
    var title: String
    var source: String?
    var scale: Scale?
    var competencies: [Competency]
}

struct InstrumentFile: Decodable {
    struct Rating: Decodable {
        var min: LocatedNumber
        var max: LocatedNumber
        var step: LocatedNumber?
        var noEvidence: String?

        enum CodingKeys: String, CodingKey {
            case min, max, step
            case noEvidence = "no-evidence"
        }
    }

    struct Raw: Decodable {
        var min: LocatedNumber
        var max: LocatedNumber
        var step: LocatedNumber?
    }

    struct Band: Decodable {
        var from: LocatedNumber
        var to: LocatedNumber
        var level: Located<Int>
    }

    var kind: String
    var id: Located<String>
    var name: String
    var type: String
    var method: Located<String>
    var description: String?
    var rating: Located<Rating>?
    var raw: Located<Raw>?
    var conversion: Located<[Located<Band>]>?
    var normConversion: Located<NormConversionFile>?

    enum CodingKeys: String, CodingKey {
        case kind, id, name, type, method, description, rating, raw, conversion
        case normConversion = "norm-conversion"
    }
}

/// A test's levels by its standing in a norm group: `{norm: id, by: stanine, levels: [{min: 8, level: 5}, …, {level: 1}]}`.
struct NormConversionFile: Decodable {
    struct Band: Decodable {
        var min: LocatedNumber?
        var level: Located<Int>
    }

    var norm: Located<String>
    var by: Located<String>
    var levels: Located<[Located<Band>]>
}

/// A norm group of a test: a mean and SD, or a percentile table.
struct NormFile: Decodable {
    struct Point: Decodable {
        var raw: LocatedNumber
        var percentile: LocatedNumber
    }

    var kind: String
    var id: Located<String>
    var test: Located<String>
    var group: String
    var source: String
    var year: Located<Int>
    var mean: LocatedNumber?
    var sd: LocatedNumber?
    var percentiles: Located<[Located<Point>]>?
}

struct BatteryFile: Decodable {
    var kind: String
    var id: Located<String>
    var name: String
    var description: String?
    var integration: Located<String>?
    var rounding: Located<String>?
    var minMethods: Located<Int>?
    var disagreementThreshold: LocatedNumber?
    /// competency → instrument → weight.
    var matrix: OrderedMapping<OrderedMapping<LocatedNumber>>

    enum CodingKeys: String, CodingKey {
        case kind, id, name, description, integration, rounding, matrix
        case minMethods = "min-methods"
        case disagreementThreshold = "disagreement-threshold"
    }
}

struct JobLevelFile: Decodable {
    var kind: String
    var id: Located<String>
    var name: String
    var family: String?
    var rank: Int?
    var extends: Located<String>?
    var battery: Located<String>?
    var defaultLevel: Located<Int>?
    var required: OrderedMapping<Located<Int>>?

    enum CodingKeys: String, CodingKey {
        case kind, id, name, family, rank, extends, battery, required
        case defaultLevel = "default-level"
    }
}

struct PositionFile: Decodable {
    struct Education: Decodable {
        var minimum: Located<String>
        var fields: [String]?
        var priority: Located<String>?
    }

    struct Rank: Decodable {
        var minimum: Located<String>
        var priority: Located<String>?
    }

    struct Training: Decodable {
        var name: String
        var accepts: [String]?
        var priority: Located<String>
    }

    struct Experience: Decodable {
        var years: Located<Int>
        var jobLevel: Located<String>?
        var priority: Located<String>?

        enum CodingKeys: String, CodingKey {
            case years, priority
            case jobLevel = "job-level"
        }
    }

    struct Qualifications: Decodable {
        var education: Education?
        var rank: Rank?
        var trainings: [Training]?
        var experience: [Experience]?
    }

    var kind: String
    var id: Located<String>
    var title: String?
    var unit: String?
    var summary: String?
    var extends: Located<String>?
    var jobLevel: Located<String>?
    var battery: Located<String>?
    var required: OrderedMapping<Located<Int>>?
    var critical: [Located<String>]?
    var qualifications: Qualifications?
    /// A key position (jabatan kunci) of the agency: its talent pool and successors are merit-system evidence.
    var keyPosition: Bool?

    enum CodingKeys: String, CodingKey {
        case kind, id, title, unit, summary, extends, battery, required, critical, qualifications
        case jobLevel = "job-level"
        case keyPosition = "key-position"
    }
}

struct ScoringFile: Decodable {
    struct GroupWeight: Decodable {
        var groups: [Located<String>]
        var weight: LocatedNumber
    }

    struct JPM: Decodable {
        var aggregation: Located<String>?
        var cap: Located<String>?
        var groupWeights: [GroupWeight]?
        var decimals: Int?
        var ratioDecimals: Located<Int>?
        var percentDecimals: Located<Int>?

        enum CodingKeys: String, CodingKey {
            case aggregation, cap, decimals
            case groupWeights = "group-weights"
            case ratioDecimals = "ratio-decimals"
            case percentDecimals = "percent-decimals"
        }
    }

    struct Band: Decodable {
        var id: Located<String>
        var label: String
        var min: LocatedNumber?
    }

    struct CategorySet: Decodable {
        var label: String
        var bands: Located<[Located<Band>]>
    }

    struct Box: Decodable {
        var label: String
        var actions: [String]
    }

    struct NineBox: Decodable {
        var potentialSource: Located<String>?
        var potential: Located<[Located<Band>]>
        var performance: Located<[Located<Band>]>
        var predikat: OrderedMapping<Located<String>>
        /// potential band → performance band → box number.
        var numbering: Located<OrderedMapping<OrderedMapping<Located<Int>>>>
        var boxes: OrderedMapping<Box>

        enum CodingKeys: String, CodingKey {
            case potential, performance, predikat, numbering, boxes
            case potentialSource = "potential-source"
        }
    }

    var kind: String
    var id: Located<String>
    var jpm: JPM?
    var categories: OrderedMapping<CategorySet>
    var criticalGapCaps: Located<String>?
    var nineBox: NineBox
    var validityYears: Int?
    var minimumJPPerYear: Int?
    var minimumGroupSize: Located<Int>?
    var partialResults: Located<String>?
    var fairness: Fairness?

    struct Fairness: Decodable {
        var ageBands: Located<[Located<Int>]>?
        var impactRatio: LocatedNumber?
        var topBoxes: Located<[Located<Int>]>?

        enum CodingKeys: String, CodingKey {
            case ageBands = "age-bands"
            case impactRatio = "impact-ratio"
            case topBoxes = "top-boxes"
        }
    }

    enum CodingKeys: String, CodingKey {
        case kind, id, jpm, categories, fairness
        case partialResults = "partial-results"
        case criticalGapCaps = "critical-gap-caps-selection-at"
        case nineBox = "nine-box"
        case validityYears = "validity-years"
        case minimumJPPerYear = "minimum-jp-per-year"
        case minimumGroupSize = "minimum-group-size"
    }
}

struct CatalogFile: Decodable {
    struct Levels: Decodable {
        var from: Located<Int>
        var to: Located<Int>
    }

    struct Activity: Decodable {
        var id: Located<String>
        var title: String
        var route: Located<String>
        var type: Located<String>
        var competencies: Located<[Located<String>]>
        var levels: Located<Levels>
        var jp: Located<Int>
        var provider: String?
        var jobLevels: [Located<String>]?
        var unlessTrained: [String]?

        enum CodingKeys: String, CodingKey {
            case id, title, route, type, competencies, levels, jp, provider
            case jobLevels = "job-levels"
            case unlessTrained = "unless-trained"
        }
    }

    var kind: String
    var id: Located<String>
    var title: String?
    var activities: [Located<Activity>]
    /// Activity types and the names reports show for them (`self-learning: "Belajar Mandiri"`).
    var types: OrderedMapping<String>?
}

struct AgencyFile: Decodable {
    var kind: String
    var id: Located<String>
    var name: String
    var parent: String?
    var address: String?
    var place: String?
    /// A PNG or SVG file, relative to this document's folder.
    var logo: Located<String>?
}

struct LabelsFile: Decodable {
    var kind: String
    var id: Located<String>
    var language: Located<String>
    var labels: OrderedMapping<String>
}
