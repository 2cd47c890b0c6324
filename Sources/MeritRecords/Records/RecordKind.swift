/// The kinds of input records (DESIGN.md "Input files"), with their columns, required first.
public enum RecordKind: String, Sendable, Hashable, CaseIterable, Codable {
    case profiles, ratings, tests, levels

    public var requiredColumns: [String] {
        switch self {
        case .profiles: ["nip", "name", "unit", "position", "job_level"]
        case .ratings: ["nip", "instrument", "competency", "assessor", "rating"]
        case .tests: ["nip", "instrument", "raw_score"]
        case .levels: ["nip", "competency", "level"]
        }
    }

    public var optionalColumns: [String] {
        switch self {
        case .profiles:
            ["education", "education_field", "rank", "trainings", "experience_years", "performance", "date"]
        case .ratings: ["batch", "date", "note"]
        case .tests: ["batch", "date"]
        case .levels: ["batch", "date", "note", "jpm", "category"]
        }
    }

    /// The columns of the integration meeting pack (`merit integration`), in order: a levels file whose
    /// `level` and `note` the meeting fills in. Its other columns (`meetingPackShown`) are what the
    /// meeting looked at; they are read past, not stored, and a row left without a level keeps its
    /// computed level.
    public static let meetingPackHeader = [
        "nip", "name", "competency", "ratings", "spread", "score", "computed_level", "required", "flags", "discuss", "level", "note",
        "batch", "date",
    ]

    /// The pack's columns that only show the meeting its figures; `computed_level` marks a pack.
    public static let meetingPackShown: Set<String> = ["name", "ratings", "spread", "score", "computed_level", "required", "flags", "discuss"]

    /// The kind whose required columns a header has, checked from the most specific.
    public static func detect(header: [String]) -> RecordKind? {
        let names = Set(header.map(normalizedColumn))
        for kind in [RecordKind.ratings, .tests, .levels, .profiles] where Set(kind.requiredColumns).isSubset(of: names) {
            return kind
        }
        return nil
    }

    /// `Raw Score`, `raw-score` and `RAW_SCORE` all name `raw_score`.
    public static func normalizedColumn(_ name: String) -> String {
        String(
            name.lowercased().trimmingSpacesAndTabs.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
