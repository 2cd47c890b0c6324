import GRDB
import MeritCore

/// The profiles a scoring run uses, read from the `profiles` table. A person has one row per import of a
/// profiles file; which one an assessment uses depends on its date (`asOf`), so the rows are read twice:
/// first their keys and dates (cheap), to choose, then whole, building a `PersonProfile` only for the rows
/// chosen. Building every row of a store with three yearly imports was most of a history's first pass.
enum StoredProfiles {
    /// For each date in `asOf`, each person's profile by stored person id: the last one dated on or before it
    /// (an undated profile counts as current), else their first; for a nil date, their last imported.
    /// By id, not NIP: hashing every NIP to store and look up 300,000 profiles was a tenth of this pass
    /// and of planning each batch (perf, merit movement, 100,000 people over three years).
    static func chosen(_ db: Database, nips: [String?], asOf dates: [String?]) throws -> [[PersonProfile?]] {
        // Rows are numbered in key order (person, import); `picks[d][person]` is the row chosen for date d.
        var picks = [[Int]](repeating: [Int](repeating: -1, count: nips.count), count: dates.count)
        var row = 0
        try db.forEachRawRow("SELECT person_id, as_of FROM profiles ORDER BY person_id, import_id") { found in
            defer { row += 1 }
            let person = Int(found.int(0))
            guard person < nips.count else { return }
            let dated = found.text(1)
            for (index, asOf) in dates.enumerated() {
                if picks[index][person] < 0 { picks[index][person] = row; continue }
                if let asOf, let dated, dated > asOf { continue }
                picks[index][person] = row
            }
        }
        var profiles = [[PersonProfile?]](repeating: [PersonProfile?](repeating: nil, count: nips.count), count: dates.count)
        var ranks: [String: Golongan?] = [:]
        // A person's profiles of different years mostly repeat each other (name, unit, position, trainings):
        // a text the same as in the person's previous profile is that string again, not a new one. Building
        // every text anew was most of this pass (300,000 profiles for 100,000 people over three years).
        // Read in place (`previous?.profile.name`), never copied out whole: copying the tuple in and out
        // retained and released every text of it, a third of this pass.
        var previous: (person: Int, profile: PersonProfile, trainings: String)?
        var educations: [String: EducationLevel?] = [:]
        row = 0
        try db.forEachRawRow(
            """
            SELECT person_id, name, unit, position, job_level, education, education_field, rank, trainings,
                   experience_years, performance
            FROM profiles ORDER BY person_id, import_id
            """
        ) { found in
            defer { row += 1 }
            let person = Int(found.int(0))
            guard person < nips.count, let nip = nips[person] else { return }
            let wanted = picks.indices.filter { picks[$0][person] == row }
            guard !wanted.isEmpty else { return }
            // A store holds a few distinct ranks; parsing each row's was a tenth of the pass.
            let rankText = found.text(7)
            var rank: Golongan?
            if let rankText {
                if let known = ranks[rankText] { rank = known } else {
                    rank = Golongan(parsing: rankText)
                    ranks[rankText] = rank
                }
            }
            if previous?.person != person { previous = nil }
            let trainingsText = found.text(8, reusing: previous?.trainings) ?? ""
            let trainings: [String]
            if previous?.trainings == trainingsText, let same = previous?.profile.trainings { trainings = same } else { trainings = Self.trainings(trainingsText) }
            var education: EducationLevel?
            if let educationText = found.text(5) {
                if let known = educations[educationText] { education = known } else {
                    education = EducationLevel(rawValue: educationText)
                    educations[educationText] = education
                }
            }
            let profile = PersonProfile(
                nip: nip, name: found.text(1, reusing: previous?.profile.name) ?? "", unit: found.text(2, reusing: previous?.profile.unit) ?? "",
                position: found.text(3, reusing: previous?.profile.position) ?? "", jobLevel: found.text(4, reusing: previous?.profile.jobLevel) ?? "",
                education: education,
                educationField: found.text(6, reusing: previous?.profile.educationField), rank: rank, trainings: trainings,
                experienceYears: found.optionalInt(9).map(Int.init), performance: found.text(10, reusing: previous?.profile.performance))
            for index in wanted { profiles[index][person] = profile }
            previous = (person, profile, trainingsText)
        }
        return profiles
    }

    /// The profiles of `byPerson` (by stored person id) by NIP.
    static func byNIP(_ byPerson: [PersonProfile?]) -> [String: PersonProfile] {
        var profiles: [String: PersonProfile] = [:]
        profiles.reserveCapacity(byPerson.count)
        for profile in byPerson { if let profile { profiles[profile.nip] = profile } }
        return profiles
    }

    /// The `|`-separated trainings column as `split(separator: "|")` reads it; by bytes when the text is
    /// ASCII (String's split by Characters was a third of building a profile: perf, 300,000 rows).
    static func trainings(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.split(separator: "|").map(String.init) }
        return text.utf8.split(separator: UInt8(ascii: "|")).map { String(decoding: $0, as: UTF8.self) }
    }
}
