/// Jenjang pendidikan, ordered SD < SMP < SMA/SMK < D1 < D2 < D3 < D4 = S1 < S2 < S3.
///
/// D4 and S1 are distinct degrees of equal rank: a position asking for S1 accepts D4 and the reverse.
public enum EducationLevel: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case sd = "SD"
    case smp = "SMP"
    case sma = "SMA/SMK"
    case d1 = "D1"
    case d2 = "D2"
    case d3 = "D3"
    case d4 = "D4"
    case s1 = "S1"
    case s2 = "S2"
    case s3 = "S3"

    public var rank: Int {
        switch self {
        case .sd: 0
        case .smp: 1
        case .sma: 2
        case .d1: 3
        case .d2: 4
        case .d3: 5
        case .d4, .s1: 6
        case .s2: 7
        case .s3: 8
        }
    }

    /// Only the rank orders levels; D4 and S1 compare equal in rank, and neither is below the other.
    public static func < (lhs: EducationLevel, rhs: EducationLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    /// Whether this level meets a minimum: its rank is at least the minimum's.
    public func meets(_ minimum: EducationLevel) -> Bool {
        rank >= minimum.rank
    }

    /// Reads the spellings found in personnel records: `S1`, `S-1`, `D-III`, `DIV`, `SMA`, `SMK`, `SLTA`, `SLTP`.
    public init?(parsing text: String) {
        let key = text.uppercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "SD": self = .sd
        case "SMP", "SLTP", "MTS": self = .smp
        case "SMA", "SMK", "SMASMK", "SLTA", "MA": self = .sma
        case "D1", "DI": self = .d1
        case "D2", "DII": self = .d2
        case "D3", "DIII": self = .d3
        case "D4", "DIV": self = .d4
        case "S1": self = .s1
        case "S2": self = .s2
        case "S3": self = .s3
        default: return nil
        }
    }
}
