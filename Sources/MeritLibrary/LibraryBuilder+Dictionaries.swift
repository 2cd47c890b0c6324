import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildDictionaries() {
        for file in documents.dictionaries {
            guard register(file.id, as: "competency-dictionary") else { continue }
            var scale = 1...5
            if let declared = file.scale {
                if declared.min.value < declared.max.value {
                    scale = declared.min.value...declared.max.value
                } else {
                    error(declared.max.mark, "scale maximum \(declared.max.value) is not above its minimum \(declared.min.value)")
                }
            }
            var built: [Competency] = []
            for entry in file.competencies {
                guard register(entry.id, as: "competency") else { continue }
                let group = choice(entry.group, default: CompetencyGroup.manajerial, what: "competency group")
                var levels: [CompetencyLevelDescription] = []
                var seen: Set<Int> = []
                for level in entry.levels {
                    if !scale.contains(level.level.value) {
                        error(level.level.mark, "level \(level.level.value) of '\(entry.id.value)' is outside the scale \(scale.lowerBound)–\(scale.upperBound)")
                    } else if !seen.insert(level.level.value).inserted {
                        error(level.level.mark, "level \(level.level.value) of '\(entry.id.value)' is described twice")
                    } else {
                        levels.append(
                            CompetencyLevelDescription(
                                level: level.level.value, description: level.description, indicators: level.indicators ?? []))
                    }
                }
                let missing = scale.filter { !seen.contains($0) }
                if !missing.isEmpty {
                    warning(entry.id.mark, "competency '\(entry.id.value)' describes no level \(missing.map(String.init).joined(separator: ", "))")
                }
                let competency = Competency(
                    id: entry.id.value, code: entry.code.value, name: entry.name, group: group,
                    definition: entry.definition, levels: levels.sorted { $0.level < $1.level }, dictionary: file.id.value)
                competencies[competency.id] = competency
                scales[competency.id] = scale
                built.append(competency)
            }
            dictionaries.append(
                CompetencyDictionary(id: file.id.value, title: file.title, source: file.source, scale: scale, competencies: built))
        }
        checkCodesAndNames()
    }

    /// Codes and names also name competencies in input headers, so they must be unique too.
    private mutating func checkCodesAndNames() {
        var codes: [String: String] = [:]
        var names: [String: String] = [:]
        for file in documents.dictionaries {
            for entry in file.competencies where competencies[entry.id.value]?.dictionary == file.id.value {
                let code = entry.code.value.lowercased()
                if let other = codes[code], other != entry.id.value {
                    error(entry.code.mark, "competency code '\(entry.code.value)' is also the code of '\(other)'")
                }
                codes[code] = codes[code] ?? entry.id.value
                let name = entry.name.lowercased()
                if let other = names[name], other != entry.id.value {
                    error(entry.id.mark, "competency name '\(entry.name)' is also the name of '\(other)'")
                }
                names[name] = names[name] ?? entry.id.value
            }
        }
    }
}
