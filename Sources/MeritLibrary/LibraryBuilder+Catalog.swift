import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildCatalog() {
        for file in documents.catalogs {
            guard register(file.id, as: "development-catalog") else { continue }
            // Reports show a type by its name, never its id.
            var typeNames: [String: String] = [:]
            for entry in file.types?.entries ?? [] { typeNames[entry.key] = entry.value }
            if file.types == nil && !file.activities.isEmpty {
                error(file.id.mark, "catalog '\(file.id.value)' has no 'types': list each activity type with the name reports show for it")
            }
            for entry in file.activities {
                let activity = entry.value
                guard register(activity.id, as: "activity") else { continue }
                let context = "activity '\(activity.id.value)'"
                let route = choice(activity.route, default: DevelopmentRoute.klasikal, what: "route")
                var developed: [String] = []
                for competency in activity.competencies.value where checkCompetency(competency.value, at: competency.mark, in: context) {
                    developed.append(competency.value)
                }
                if activity.competencies.value.isEmpty {
                    error(activity.competencies.mark, "\(context) develops no competency; list at least one under 'competencies'")
                }
                let from = activity.levels.value.from
                let to = activity.levels.value.to
                let scale = overallScale
                var levelsValid = true
                for bound in [from, to] where !scale.contains(bound.value) {
                    error(bound.mark, "target level \(bound.value) of \(context) is outside the scale \(scale.lowerBound)–\(scale.upperBound)")
                    levelsValid = false
                }
                if from.value > to.value {
                    error(to.mark, "target levels of \(context) end (\(to.value)) before they start (\(from.value))")
                    levelsValid = false
                }
                if activity.jp.value <= 0 {
                    error(activity.jp.mark, "\(context) must have a positive number of JP, found \(activity.jp.value)")
                }
                for level in activity.jobLevels ?? [] where documents.jobLevels.first(where: { $0.id.value == level.value }) == nil {
                    var message = "unknown job level '\(level.value)' in \(context)"
                    if let hint = closest(to: level.value, in: documents.jobLevels.map(\.id.value)) { message += "; did you mean '\(hint)'?" }
                    error(level.mark, message)
                }
                let typeName = typeNames[activity.type.value]
                if typeName == nil && file.types != nil {
                    var message = "unknown activity type '\(activity.type.value)' in \(context)"
                    if let hint = closest(to: activity.type.value, in: Array(typeNames.keys)) { message += "; did you mean '\(hint)'?" }
                    error(activity.type.mark, message + " (the catalog's 'types' lists those it has)")
                }
                guard levelsValid, !developed.isEmpty, activity.jp.value > 0, let typeName else { continue }
                activities.append(
                    DevelopmentActivity(
                        id: activity.id.value, title: activity.title, route: route, type: activity.type.value, typeName: typeName,
                        competencies: developed, targetLevels: from.value...to.value, jp: activity.jp.value,
                        provider: activity.provider, jobLevels: activity.jobLevels?.map(\.value) ?? [],
                        unlessTrained: activity.unlessTrained ?? []))
            }
        }
    }
}
