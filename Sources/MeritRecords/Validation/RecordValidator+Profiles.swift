import MeritCore
import MeritLibrary

extension RecordValidator {
    /// The SKP predikat of PermenPANRB 6/2022, as the scoring settings list them.
    var predikat: [String] { Array(library.scoring.nineBox.predikat.keys).sorted() }

    mutating func profile(_ record: RecordView, _ findings: inout [Finding]) -> ProfileRecord? {
        let before = findings.count
        let nip = nip(record, &findings)
        let name = required(record, "name", &findings)
        let unit = required(record, "unit", &findings)
        var position: PositionStandard?
        if let text = required(record, "position", &findings) {
            position = library.positions[text] ?? library.positions.values.first { $0.title.lowercased() == text.lowercased() }
            if position == nil {
                var message = "unknown position '\(text.excerpt)' (give its id or title)"
                if let hint = closest(text, Array(library.positions.keys)) { message += "; did you mean '\(hint)'?" }
                findings.append(fieldError(record, slots["position"]!, message))
            }
        }
        var jobLevel: JobLevel?
        if let text = required(record, "job_level", &findings) {
            jobLevel = library.jobLevels[text] ?? library.jobLevels.values.first { $0.name.lowercased() == text.lowercased() }
            if jobLevel == nil {
                var message = "unknown job level '\(text.excerpt)'"
                if let hint = closest(text, Array(library.jobLevels.keys)) { message += "; did you mean '\(hint)'?" }
                findings.append(fieldError(record, slots["job_level"]!, message))
            }
        }
        var education: EducationLevel?
        if let text = optional(record, "education") {
            education = EducationLevel(parsing: text)
            if education == nil {
                findings.append(
                    fieldError(record, slots["education"]!, "unknown education level '\(text.excerpt)'; expected one of \(EducationLevel.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
        }
        var rank: Golongan?
        if let text = optional(record, "rank") {
            rank = Golongan(parsing: text)
            if rank == nil {
                findings.append(fieldError(record, slots["rank"]!, "unknown golongan/ruang '\(text.excerpt)'; expected I/a … IV/e"))
            }
        }
        var years: Int?
        if let text = optional(record, "experience_years") {
            years = Int(text)
            if years == nil || years! < 0 || years! > 60 {
                findings.append(fieldError(record, slots["experience_years"]!, "experience_years '\(text.excerpt)' is not a whole number of years (0–60)"))
            }
        }
        var performance = optional(record, "performance")
        if let text = performance {
            if let known = predikat.first(where: { $0.lowercased() == text.lowercased() }) {
                performance = known
            } else if Rational(decimal: text) == nil {
                findings.append(
                    fieldError(record, slots["performance"]!, "unknown SKP predikat '\(text.excerpt)'; expected \(predikat.joined(separator: ", ")) or a score"))
            }
        }
        // Trainings are separated by '|' or ';' inside their cell.
        let trainings = (optional(record, "trainings") ?? "")
            .split { $0 == "|" || $0 == ";" }.map { String($0).trimmingSpacesAndTabs }.filter { !$0.isEmpty }
        let asOf = date(record, &findings)
        guard findings.count == before, let nip, let name, let unit, let position, let jobLevel else { return nil }
        let profile = PersonProfile(
            nip: nip, name: name, unit: unit, position: position.id, jobLevel: jobLevel.id, education: education,
            educationField: optional(record, "education_field"), rank: rank, trainings: trainings, experienceYears: years,
            performance: performance)
        return ProfileRecord(profile: profile, asOf: asOf, line: record.line)
    }
}
