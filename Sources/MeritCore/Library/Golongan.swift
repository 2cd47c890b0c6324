/// Golongan/ruang of a PNS, ordered I/a < I/b < … < IV/e (PP 99/2000 as amended).
public struct Golongan: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// I to IV.
    public let major: Int
    /// a = 1 … e = 5 (e only in IV).
    public let minor: Int

    public init?(major: Int, minor: Int) {
        guard (1...4).contains(major), (1...(major == 4 ? 5 : 4)).contains(minor) else { return nil }
        self.major = major
        self.minor = minor
    }

    /// Reads `III/c`, `III/C`, `IIIc`, `III c`, `3/c`.
    public init?(parsing text: String) {
        let compact = text.uppercased().filter { !$0.isWhitespace && $0 != "/" && $0 != "-" }
        guard let last = compact.last, let minorIndex = "ABCDE".firstIndex(of: last) else { return nil }
        let roman = compact.dropLast()
        let majors = ["I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4]
        guard let major = majors[String(roman)] else { return nil }
        self.init(major: major, minor: "ABCDE".distance(from: "ABCDE".startIndex, to: minorIndex) + 1)
    }

    public static let all: [Golongan] = (1...4).flatMap { major in
        (1...(major == 4 ? 5 : 4)).map { Golongan(major: major, minor: $0)! }
    }

    public var description: String {
        ["I", "II", "III", "IV"][major - 1] + "/" + String(Array("abcde")[minor - 1])
    }

    /// The pangkat that goes with the golongan/ruang.
    public var pangkat: String {
        let names = [
            ["Juru Muda", "Juru Muda Tingkat I", "Juru", "Juru Tingkat I"],
            ["Pengatur Muda", "Pengatur Muda Tingkat I", "Pengatur", "Pengatur Tingkat I"],
            ["Penata Muda", "Penata Muda Tingkat I", "Penata", "Penata Tingkat I"],
            ["Pembina", "Pembina Tingkat I", "Pembina Utama Muda", "Pembina Utama Madya", "Pembina Utama"],
        ]
        return names[major - 1][minor - 1]
    }

    public static func < (lhs: Golongan, rhs: Golongan) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Golongan(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a golongan/ruang I/a … IV/e, found \"\(text)\"")
        }
        self = value
    }
}
