/// One unmet requirement of a position, as data (the reports phrase it in the report's language).
public enum QualificationIssue: Sendable, Hashable, CustomStringConvertible {
    case educationUnknown(minimum: EducationLevel)
    case educationBelow(have: EducationLevel, minimum: EducationLevel)
    case fieldNotAccepted(have: String?, accepted: [String])
    case rankUnknown(minimum: Golongan)
    case rankBelow(have: Golongan, minimum: Golongan)
    case trainingMissing(name: String)
    case experienceShort(haveYears: Int?, years: Int, jobLevel: String?)

    public var description: String {
        switch self {
        case .educationUnknown(let minimum): "education unknown; the position asks for \(minimum.rawValue)"
        case .educationBelow(let have, let minimum): "education \(have.rawValue) is below \(minimum.rawValue)"
        case .fieldNotAccepted(let have, let accepted):
            "field \(have.map { "'\($0)'" } ?? "unknown") is not one of \(accepted.joined(separator: ", "))"
        case .rankUnknown(let minimum): "golongan unknown; the position asks for \(minimum)"
        case .rankBelow(let have, let minimum): "golongan \(have) is below \(minimum)"
        case .trainingMissing(let name): "training '\(name)' missing"
        case .experienceShort(let have, let years, let jobLevel):
            "\(have.map(String.init) ?? "unknown") years of experience\(jobLevel.map { " as \($0)" } ?? ""); \(years) needed"
        }
    }
}

/// An unmet requirement and how much it weighs.
public struct QualificationReason: Sendable, Hashable {
    public var issue: QualificationIssue
    public var priority: RequirementPriority

    public init(issue: QualificationIssue, priority: RequirementPriority) {
        self.issue = issue
        self.priority = priority
    }
}

/// Qualifications checked against a position: each unmet requirement a reason; a missing `mutlak` item
/// makes the person not qualified (SKJ part III, PermenPANRB 38/2017).
public struct QualificationCheck: Sendable, Hashable {
    public var reasons: [QualificationReason]
    /// False when the person's profile is unknown: nothing could be checked.
    public var profileKnown: Bool

    public var isQualified: Bool { profileKnown && !reasons.contains { $0.priority == .mutlak } }

    public init(reasons: [QualificationReason], profileKnown: Bool = true) {
        self.reasons = reasons
        self.profileKnown = profileKnown
    }

    public static func check(
        _ profile: PersonProfile?, against qualifications: Qualifications, jobLevels: [String: JobLevel]
    ) -> QualificationCheck {
        guard let profile else { return QualificationCheck(reasons: [], profileKnown: false) }
        var reasons: [QualificationReason] = []
        if let education = qualifications.education {
            if let have = profile.education {
                if !have.meets(education.minimum) {
                    reasons.append(.init(issue: .educationBelow(have: have, minimum: education.minimum), priority: education.priority))
                }
            } else {
                reasons.append(.init(issue: .educationUnknown(minimum: education.minimum), priority: education.priority))
            }
            if !education.fields.isEmpty {
                let accepted = Self.field(profile.educationField, holdsAnyOf: education.lowercasedFields)
                if !accepted {
                    reasons.append(
                        .init(issue: .fieldNotAccepted(have: profile.educationField, accepted: education.fields), priority: education.priority))
                }
            }
        }
        if let rank = qualifications.rank {
            if let have = profile.rank {
                if have < rank.minimum { reasons.append(.init(issue: .rankBelow(have: have, minimum: rank.minimum), priority: rank.priority)) }
            } else {
                reasons.append(.init(issue: .rankUnknown(minimum: rank.minimum), priority: rank.priority))
            }
        }
        // Normalized only for a position that asks for trainings (most do not; it was a set and a few
        // strings per person).
        let trainings = qualifications.trainings.isEmpty ? [] : Set(profile.trainings.map { $0.lowercased().trimmingSpaces })
        for training in qualifications.trainings where !training.isSatisfied(byNormalized: trainings) {
            reasons.append(.init(issue: .trainingMissing(name: training.name), priority: training.priority))
        }
        for experience in qualifications.experience {
            // The profile gives years in the current job level: they count for a requirement at a job
            // level when the current one ranks at least as high.
            var met = (profile.experienceYears ?? -1) >= experience.years
            if met, let level = experience.jobLevel {
                met = (jobLevels[profile.jobLevel]?.rank ?? .min) >= (jobLevels[level]?.rank ?? .max)
            }
            if !met {
                reasons.append(
                    .init(
                        issue: .experienceShort(haveYears: profile.experienceYears, years: experience.years, jobLevel: experience.jobLevel),
                        priority: experience.priority))
            }
        }
        return QualificationCheck(reasons: reasons)
    }

    /// Whether a profile's field, lower-cased and trimmed, is not empty and holds one of `accepted`
    /// (lower-cased). On printable ASCII compared byte by byte in place: lower-casing and trimming a copy
    /// of every profile's field was a twentieth of a history's scoring (perf, 100,000 people × 3 years).
    static func field(_ field: String?, holdsAnyOf accepted: [String]) -> Bool {
        guard var field else { return false }
        let fast = field.withUTF8 { bytes -> Bool? in
            var start = 0
            var end = bytes.count
            while start < end, bytes[start] == 0x20 || (0x09...0x0D).contains(bytes[start]) { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || (0x09...0x0D).contains(bytes[end - 1]) { end -= 1 }
            guard start < end else { return false }
            let haystack = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard haystack.allSatisfy(Self.isPrintable) else { return nil }
            for part in accepted {
                var part = part
                let found = part.withUTF8 { needle -> Bool? in
                    guard needle.allSatisfy(Self.isPrintable) else { return nil }
                    return Self.lowercased(haystack, holds: needle)
                }
                guard let found else { return nil }
                if found { return true }
            }
            return false
        }
        if let fast { return fast }
        let normalized = field.lowercased().trimmingSpaces
        return !normalized.isEmpty && accepted.contains { text(normalized, holds: $0) }
    }

    private static func isPrintable(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// Whether ASCII `text`, lower-cased, contains `part` (lower-case already).
    private static func lowercased(_ text: UnsafeBufferPointer<UInt8>, holds part: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes(text, hold: part) { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Whether `text`, each byte mapped by `map`, contains `part`.
    private static func bytes(_ text: UnsafeBufferPointer<UInt8>, hold part: UnsafeBufferPointer<UInt8>, map: (UInt8) -> UInt8) -> Bool {
        guard !part.isEmpty else { return true }
        guard part.count <= text.count else { return false }
        outer: for start in 0...(text.count - part.count) {
            for offset in 0..<part.count where map(text[start + offset]) != part[offset] { continue outer }
            return true
        }
        return false
    }

    /// `text.contains(part)`. On printable ASCII (the education fields of every profile seen so far) by
    /// bytes, where each byte is a Character: String's own search took a twentieth of `merit score` (perf,
    /// 100,000 people, issue 15).
    static func text(_ text: String, holds part: String) -> Bool {
        let printable = { (byte: UInt8) in byte >= 0x20 && byte < 0x7F }
        guard text.utf8.allSatisfy(printable), part.utf8.allSatisfy(printable) else { return text.contains(part) }
        let haystack = Array(text.utf8)
        let needle = Array(part.utf8)
        return haystack.withUnsafeBufferPointer { text in needle.withUnsafeBufferPointer { bytes(text, hold: $0) { $0 } } }
    }
}
