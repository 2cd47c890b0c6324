/// How much a requirement of a position standard weighs (SKJ, PermenPANRB 38/2017): a missing `mutlak`
/// item disqualifies; `penting` and `perlu` items are noted.
public enum RequirementPriority: String, Sendable, Hashable, CaseIterable, Codable {
    case mutlak, penting, perlu
}

/// Minimum jenjang, and the fields that count when the position names them.
public struct EducationRequirement: Sendable, Hashable {
    public var minimum: EducationLevel
    /// Accepted fields (bidang/jurusan); empty means any field.
    public var fields: [String] { didSet { lowercasedFields = fields.map { $0.lowercased() } } }
    public var priority: RequirementPriority
    /// `fields` lower-cased, what a profile's field is searched for (once per library, not per person).
    public private(set) var lowercasedFields: [String]

    public init(minimum: EducationLevel, fields: [String] = [], priority: RequirementPriority = .mutlak) {
        self.minimum = minimum
        self.fields = fields
        self.priority = priority
        lowercasedFields = fields.map { $0.lowercased() }
    }
}

/// Minimum golongan/ruang.
public struct RankRequirement: Sendable, Hashable {
    public var minimum: Golongan
    public var priority: RequirementPriority

    public init(minimum: Golongan, priority: RequirementPriority = .mutlak) {
        self.minimum = minimum
        self.priority = priority
    }
}

/// A training the position asks for; any of `accepts` (case-insensitive) in a profile satisfies it.
public struct TrainingRequirement: Sendable, Hashable {
    public var name: String
    public var accepts: [String]
    public var priority: RequirementPriority
    /// The name and the accepted names, lower-cased: what a profile's trainings are compared with.
    public let acceptedNames: Set<String>

    public init(name: String, accepts: [String] = [], priority: RequirementPriority) {
        self.name = name
        self.accepts = accepts
        self.priority = priority
        acceptedNames = Set(([name] + accepts).map { $0.lowercased() })
    }

    public func isSatisfied(by trainings: [String]) -> Bool {
        trainings.contains { acceptedNames.contains($0.lowercased().trimmingSpaces) }
    }

    /// For profiles whose trainings were lower-cased and trimmed once.
    public func isSatisfied(byNormalized trainings: Set<String>) -> Bool {
        !acceptedNames.isDisjoint(with: trainings)
    }
}

/// Years of experience, optionally at a given job level.
public struct ExperienceRequirement: Sendable, Hashable {
    public var years: Int
    public var jobLevel: String?
    public var priority: RequirementPriority

    public init(years: Int, jobLevel: String? = nil, priority: RequirementPriority = .mutlak) {
        self.years = years
        self.jobLevel = jobLevel
        self.priority = priority
    }
}

/// Persyaratan jabatan: part III of a Standar Kompetensi Jabatan.
public struct Qualifications: Sendable, Hashable {
    public var education: EducationRequirement?
    public var rank: RankRequirement?
    public var trainings: [TrainingRequirement]
    public var experience: [ExperienceRequirement]

    public init(
        education: EducationRequirement? = nil, rank: RankRequirement? = nil, trainings: [TrainingRequirement] = [],
        experience: [ExperienceRequirement] = []
    ) {
        self.education = education
        self.rank = rank
        self.trainings = trainings
        self.experience = experience
    }

    public static let none = Qualifications()
}

extension String {
    var trimmingSpaces: String {
        // Most texts have nothing to trim: an ASCII non-space byte at both ends is a Character that is not
        // white space there (a cluster starts with its first scalar and, but for CR LF, no white-space
        // scalar joins a following ASCII one). Copying every profile's field and predikat was a fortieth
        // of a history (perf, 100,000 people over three years).
        if let first = utf8.first, let last = utf8.last, !first.isASCIISpaceOrNonASCII, !last.isASCIISpaceOrNonASCII { return self }
        var text = Substring(self)
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return String(text)
    }
}

extension UInt8 {
    /// White space (U+0009–U+000D, U+0020) or a byte of a non-ASCII scalar.
    var isASCIISpaceOrNonASCII: Bool { self >= 0x80 || self == 0x20 || (0x09...0x0D).contains(self) }
}
