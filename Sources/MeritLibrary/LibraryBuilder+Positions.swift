import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildJobLevels() {
        var files: [String: JobLevelFile] = [:]
        for file in documents.jobLevels where register(file.id, as: "job-level") {
            files[file.id.value] = file
        }
        for file in documents.jobLevels where files[file.id.value]?.id.mark == file.id.mark {
            let context = "job level '\(file.id.value)'"
            guard let chain = inheritanceChain(file.id.value, files: files, extends: { $0.extends }, what: "job level")
            else { continue }
            var battery: Located<String>?
            var defaultLevel: Located<Int>?
            var required: [String: Int] = [:]
            for link in chain {
                battery = link.battery ?? battery
                defaultLevel = link.defaultLevel ?? defaultLevel
                for entry in link.required?.entries ?? [] {
                    let level = Located(entry.value.value, at: entry.value.mark)
                    if checkCompetency(entry.key, at: entry.keyMark, in: context), checkLevel(level, of: entry.key, in: context) {
                        required[entry.key] = entry.value.value
                    }
                }
            }
            if let battery, batteries[battery.value] == nil, !documents.mayHaveFailed("battery", battery.value) {
                error(battery.mark, "unknown battery '\(battery.value)' in \(context)")
            }
            if let defaultLevel, !overallScale.contains(defaultLevel.value) {
                error(defaultLevel.mark, "default-level \(defaultLevel.value) is outside the scale \(overallScale.lowerBound)–\(overallScale.upperBound)")
            }
            jobLevels[file.id.value] = JobLevel(
                id: file.id.value, name: file.name, family: chain.compactMap(\.family).last ?? "struktural",
                rank: chain.compactMap(\.rank).last ?? 0, battery: battery?.value, defaultLevel: defaultLevel?.value,
                required: required)
        }
    }

    mutating func buildPositions() {
        var files: [String: PositionFile] = [:]
        for file in documents.positions where register(file.id, as: "position") {
            files[file.id.value] = file
        }
        for file in documents.positions where files[file.id.value]?.id.mark == file.id.mark {
            guard let chain = inheritanceChain(file.id.value, files: files, extends: { $0.extends }, what: "position")
            else { continue }
            if let standard = position(file, chain: chain) { positions[file.id.value] = standard }
        }
    }

    private mutating func position(_ file: PositionFile, chain: [PositionFile]) -> PositionStandard? {
        let context = "position '\(file.id.value)'"
        let title = chain.compactMap(\.title).last
        let unit = chain.compactMap(\.unit).last
        guard let jobLevelRef = chain.compactMap(\.jobLevel).last else {
            error(file.id.mark, "\(context) has no job-level (set it here or on a position it extends)")
            return nil
        }
        guard let jobLevel = jobLevels[jobLevelRef.value] else {
            if !documents.jobLevels.contains(where: { $0.id.value == jobLevelRef.value }),
                !documents.mayHaveFailed("job-level", jobLevelRef.value)
            {
                var message = "unknown job level '\(jobLevelRef.value)' in \(context)"
                if let hint = closest(to: jobLevelRef.value, in: Array(jobLevels.keys)) { message += "; did you mean '\(hint)'?" }
                error(jobLevelRef.mark, message)
            }
            return nil
        }
        if title == nil { error(file.id.mark, "\(context) has no title") }
        if unit == nil { error(file.id.mark, "\(context) has no unit") }
        let batteryRef = chain.compactMap(\.battery).last
        let batteryID = batteryRef?.value ?? jobLevel.battery
        guard let batteryID, let battery = batteries[batteryID] else {
            if let batteryRef, documents.mayHaveFailed("battery", batteryRef.value) {
                // reported where that battery failed
            } else if let batteryRef {
                error(batteryRef.mark, "unknown battery '\(batteryRef.value)' in \(context)")
            } else {
                error(file.id.mark, "\(context) has no battery: set battery: on it or on job level '\(jobLevel.id)'")
            }
            return nil
        }

        // Required levels: the job level's defaults for every managerial and socio-cultural competency,
        // its own overrides, then the positions of the chain from the most general to this one.
        var levels: [String: Int] = [:]
        var places: [String: SourceMark] = [:]
        if let defaultLevel = jobLevel.defaultLevel {
            for competency in competencies.values where competency.group != .teknis {
                levels[competency.id] = defaultLevel
            }
        }
        levels.merge(jobLevel.required) { _, new in new }
        for link in chain {
            for entry in link.required?.entries ?? [] {
                let level = Located(entry.value.value, at: entry.value.mark)
                if checkCompetency(entry.key, at: entry.keyMark, in: context), checkLevel(level, of: entry.key, in: context) {
                    levels[entry.key] = entry.value.value
                    places[entry.key] = entry.keyMark
                }
            }
        }
        var critical: Set<String> = []
        for link in chain {
            for entry in link.critical ?? [] {
                guard checkCompetency(entry.value, at: entry.mark, in: context) else { continue }
                if levels[entry.value] == nil {
                    error(entry.mark, "critical competency '\(entry.value)' is not among the required competencies of \(context)")
                } else {
                    critical.insert(entry.value)
                }
            }
        }
        if levels.isEmpty { error(file.id.mark, "\(context) requires no competency") }
        for competency in levels.keys.sorted() where battery.measures(competency).isEmpty {
            error(
                places[competency] ?? file.id.mark,
                "competency '\(competency)' required by \(context) is measured by no instrument of battery '\(battery.id)'")
        }
        let order = Dictionary(uniqueKeysWithValues: competencyOrderForBuild.enumerated().map { ($1, $0) })
        let required = levels.sorted { (order[$0.key] ?? .max, $0.key) < (order[$1.key] ?? .max, $1.key) }
            .map { RequiredCompetency(competency: $0.key, level: $0.value, isCritical: critical.contains($0.key)) }
        return PositionStandard(
            id: file.id.value, title: title ?? file.id.value, unit: unit ?? "", jobLevel: jobLevel.id, battery: battery.id,
            required: required, qualifications: qualifications(chain.compactMap(\.qualifications).last, context: context),
            isKey: file.keyPosition ?? false)
    }

    /// Managerial, socio-cultural, technical; dictionary order within each.
    var competencyOrderForBuild: [String] {
        let groups: [CompetencyGroup] = [.manajerial, .sosialKultural, .teknis]
        return groups.flatMap { group in dictionaries.flatMap(\.competencies).filter { $0.group == group }.map(\.id) }
    }

    private mutating func qualifications(_ file: PositionFile.Qualifications?, context: String) -> Qualifications {
        guard let file else { return .none }
        var result = Qualifications()
        if let education = file.education {
            if let level = EducationLevel(parsing: education.minimum.value) {
                result.education = EducationRequirement(
                    minimum: level, fields: education.fields ?? [],
                    priority: choice(education.priority, default: RequirementPriority.mutlak, what: "priority"))
            } else {
                error(education.minimum.mark, "unknown education level '\(education.minimum.value)'; expected one of SD, SMP, SMA/SMK, D1, D2, D3, D4, S1, S2, S3")
            }
        }
        if let rank = file.rank {
            if let golongan = Golongan(parsing: rank.minimum.value) {
                result.rank = RankRequirement(
                    minimum: golongan, priority: choice(rank.priority, default: RequirementPriority.mutlak, what: "priority"))
            } else {
                error(rank.minimum.mark, "unknown golongan/ruang '\(rank.minimum.value)'; expected I/a … IV/e")
            }
        }
        for training in file.trainings ?? [] {
            result.trainings.append(
                TrainingRequirement(
                    name: training.name, accepts: training.accepts ?? [],
                    priority: choice(training.priority, default: RequirementPriority.mutlak, what: "priority")))
        }
        for experience in file.experience ?? [] {
            if let level = experience.jobLevel, jobLevels[level.value] == nil {
                error(level.mark, "unknown job level '\(level.value)' in the experience of \(context)")
            }
            if experience.years.value < 0 {
                error(experience.years.mark, "experience of \(experience.years.value) years is negative")
            }
            result.experience.append(
                ExperienceRequirement(
                    years: experience.years.value, jobLevel: experience.jobLevel?.value,
                    priority: choice(experience.priority, default: RequirementPriority.mutlak, what: "priority")))
        }
        return result
    }

    /// The files from the most general ancestor to `id` itself; nil (with an error) on an unknown parent or a cycle.
    mutating func inheritanceChain<File>(
        _ id: String, files: [String: File], extends: (File) -> Located<String>?, what: String
    ) -> [File]? {
        var chain: [File] = []
        var visited: [String] = []
        var current = id
        while let file = files[current] {
            if visited.contains(current) {
                let start = files[id].flatMap(extends)
                error(
                    start?.mark ?? .file(root),
                    "\(what) '\(id)' inherits from itself: \((visited + [current]).joined(separator: " → ")) (inheritance cycle)")
                return nil
            }
            visited.append(current)
            chain.insert(file, at: 0)
            guard let parent = extends(file) else { return chain }
            guard files[parent.value] != nil else {
                if visited.count == 1 { error(parent.mark, "\(what) '\(current)' extends unknown \(what) '\(parent.value)'") }
                return nil
            }
            current = parent.value
        }
        return chain
    }
}
