import MeritCore
import MeritYAML

extension LibraryBuilder {
    mutating func buildBatteries() {
        for file in documents.batteries {
            guard register(file.id, as: "battery") else { continue }
            let integration = choice(file.integration, default: IntegrationRule.weightedMean, what: "integration rule")
            let rounding = choice(file.rounding, default: RoundingRule.halfUp, what: "rounding rule")
            let minMethods = file.minMethods?.value ?? 2
            if let declared = file.minMethods, declared.value < 1 {
                error(declared.mark, "min-methods must be at least 1, found \(declared.value)")
            }
            let threshold = file.disagreementThreshold?.number ?? 1
            if let declared = file.disagreementThreshold, declared.number < 0 {
                error(declared.mark, "disagreement-threshold must not be negative, found \(declared.number)")
            }
            var measures: [String: [BatteryMeasure]] = [:]
            var order: [String] = []
            for row in file.matrix.entries {
                let context = "battery '\(file.id.value)'"
                guard checkCompetency(row.key, at: row.keyMark, in: context) else { continue }
                if measures[row.key] != nil {
                    error(row.keyMark, "competency '\(row.key)' appears twice in the matrix of \(context)")
                    continue
                }
                var cells: [BatteryMeasure] = []
                for cell in row.value.entries {
                    guard
                        instruments[cell.key] != nil || documents.instruments.contains(where: { $0.id.value == cell.key })
                            || documents.mayHaveFailed("instrument", cell.key)
                    else {
                        var message = "unknown instrument '\(cell.key)' in \(context)"
                        if let hint = closest(to: cell.key, in: Array(instruments.keys)) { message += "; did you mean '\(hint)'?" }
                        error(cell.keyMark, message)
                        continue
                    }
                    guard cell.value.number > 0 else {
                        error(cell.value.mark, "weight of '\(cell.key)' for '\(row.key)' must be above 0, found \(cell.value.number)")
                        continue
                    }
                    cells.append(BatteryMeasure(instrument: cell.key, weight: cell.value.number))
                }
                if cells.count < max(minMethods, 1) {
                    error(
                        row.keyMark,
                        "competency '\(row.key)' is measured by \(cells.count) instrument\(cells.count == 1 ? "" : "s") in \(context), fewer than min-methods \(minMethods)")
                }
                measures[row.key] = cells
                order.append(row.key)
            }
            batteries[file.id.value] = Battery(
                id: file.id.value, name: file.name, measures: measures, competencyOrder: order,
                integration: integration, rounding: rounding, minMethods: minMethods, disagreementThreshold: threshold)
        }
    }
}
