/// What HR knows of a civil servant: identity, placement, qualifications and performance.
public struct PersonProfile: Sendable, Hashable, Identifiable {
    public var nip: String
    public var name: String
    public var unit: String
    /// The current position's id in the library.
    public var position: String
    public var jobLevel: String
    public var education: EducationLevel?
    public var educationField: String?
    public var rank: Golongan?
    public var trainings: [String]
    /// Years of service in the current job level (the only experience figure the profile sheet carries).
    public var experienceYears: Int?
    /// SKP predikat (Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang), or a numeric score.
    public var performance: String?

    public var id: String { nip }

    public init(
        nip: String, name: String, unit: String, position: String, jobLevel: String, education: EducationLevel? = nil,
        educationField: String? = nil, rank: Golongan? = nil, trainings: [String] = [], experienceYears: Int? = nil,
        performance: String? = nil
    ) {
        self.nip = nip
        self.name = name
        self.unit = unit
        self.position = position
        self.jobLevel = jobLevel
        self.education = education
        self.educationField = educationField
        self.rank = rank
        self.trainings = trainings
        self.experienceYears = experienceYears
        self.performance = performance
    }
}
