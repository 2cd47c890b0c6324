import MeritCore
import MeritYAML

extension LibraryBuilder {
    /// Report labels: one file per language, each defining every key the reports use.
    mutating func buildLabels() {
        for file in documents.labels {
            guard register(file.id, as: "report-labels") else { continue }
            let language = file.language.value
            if let other = reportLabels[language] {
                error(file.language.mark, "a second set of report labels for language '\(language)' (the first is '\(other.language)')")
                continue
            }
            var texts: [String: String] = [:]
            let known = Set(ReportLabels.requiredKeys)
            for entry in file.labels.entries {
                if !known.contains(entry.key) {
                    var message = "unknown report label '\(entry.key)'"
                    if let hint = closest(to: entry.key, in: ReportLabels.requiredKeys) { message += "; did you mean '\(hint)'?" }
                    warning(entry.keyMark, message)
                }
                texts[entry.key] = entry.value
            }
            let missing = ReportLabels.requiredKeys.filter { texts[$0] == nil }
            if !missing.isEmpty {
                error(file.id.mark, "report labels '\(file.id.value)' lack \(missing.count) key\(missing.count == 1 ? "" : "s"): \(missing.joined(separator: ", "))")
            }
            reportLabels[language] = ReportLabels(language: language, texts: texts)
        }
    }
}
