import Foundation
import MeritCore

/// JSON Schemas (draft 2020-12) of the library's kinds, so editors validate and complete the YAML files
/// (the shipped files start with `# yaml-language-server: $schema=…`). They mirror `LibraryFiles.swift`;
/// a test keeps the copies in `Instruments/schema/` equal to what this produces.
public enum LibrarySchema {
    public static var kinds: [String] { LibraryLoader.libraryKinds }

    /// The schema of one kind as pretty-printed JSON with sorted keys, or nil for an unknown kind.
    public static func json(for kind: String) -> String? {
        guard let schema = schema(for: kind) else { return nil }
        let data = try! JSONSerialization.data(
            withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public static func fileName(for kind: String) -> String { "\(kind).schema.json" }

    static func schema(for kind: String) -> [String: Any]? {
        let body: [String: Any]
        switch kind {
        case "competency-dictionary": body = dictionary
        case "instrument": body = instrument
        case "battery": body = battery
        case "job-level": body = jobLevel
        case "position": body = position
        case "scoring": body = scoring
        case "development-catalog": body = catalog
        case "report-labels": body = labels
        case "agency": body = agency
        case "norm": body = norm
        default: return nil
        }
        var schema = body
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "https://merit.example/schema/\(fileName(for: kind))"
        schema["title"] = "Merit \(kind)"
        var properties = schema["properties"] as! [String: Any]
        properties["kind"] = ["const": kind]
        properties["id"] = string("Identifier, unique among documents of this kind.")
        schema["properties"] = properties
        schema["required"] = ["kind", "id"] + (schema["required"] as? [String] ?? [])
        return schema
    }

    // MARK: Kinds

    private static var dictionary: [String: Any] {
        let level = object(
            ["level": integer("Level on the scale."), "description": string(), "indicators": array(string())],
            required: ["level", "description"])
        let competency = object(
            [
                "id": string(), "code": string("Code used in input headers, e.g. M.01."), "name": string(),
                "group": enumeration(["manajerial", "sosial-kultural", "teknis"]), "definition": string(),
                "levels": array(level),
            ], required: ["id", "code", "name", "group", "definition", "levels"])
        return object(
            [
                "title": string(), "source": string(),
                "scale": object(["min": integer(), "max": integer()], required: ["min", "max"]),
                "competencies": array(competency),
            ], required: ["title", "competencies"])
    }

    private static var instrument: [String: Any] {
        let band = object(["from": number(), "to": number(), "level": integer()], required: ["from", "to", "level"])
        return object(
            [
                "name": string(), "type": string("in-tray, lgd, role-play, presentation, case-analysis, interview, psychometric…"),
                "method": enumeration(["exercise", "test"]), "description": string(),
                "rating": object(
                    ["min": number(), "max": number(), "step": number(), "no-evidence": string("Token for no evidence, e.g. NE.")],
                    required: ["min", "max"]),
                "raw": object(["min": number(), "max": number(), "step": number()], required: ["min", "max"]),
                "conversion": array(band),
                "norm-conversion": object(
                    [
                        "norm": string("The id of a norm document for this test."), "by": enumeration(NormScale.allCases.map(\.rawValue)),
                        "levels": array(
                            object(
                                ["min": number("Lower bound on the scale, inclusive; left out in the last band."), "level": integer()],
                                required: ["level"])),
                    ], required: ["norm", "by", "levels"]),
            ], required: ["name", "type", "method"])
    }

    private static var norm: [String: Any] {
        object(
            [
                "test": string("The test (an instrument with method: test) the norm group took."),
                "group": string("Who the norm group is."), "source": string("Where the figures come from."), "year": integer(),
                "mean": number(), "sd": number("Standard deviation, above 0."),
                "percentiles": array(
                    object(
                        ["raw": number(), "percentile": number("Share of the group at or below the raw score, 0–100.")],
                        required: ["raw", "percentile"])),
            ], required: ["test", "group", "source", "year"])
    }

    private static var battery: [String: Any] {
        object(
            [
                "name": string(), "description": string(), "integration": enumeration(["weighted-mean", "median"]),
                "rounding": enumeration(["half-up", "floor", "nearest-half"]), "min-methods": integer(),
                "disagreement-threshold": number(),
                "matrix": map(map(number(), description: "instrument id → weight"), description: "competency id → its instruments"),
            ], required: ["name", "matrix"])
    }

    private static var jobLevel: [String: Any] {
        object(
            [
                "name": string(), "family": string(), "rank": integer("Orders job levels in reports, highest first."),
                "extends": string(), "battery": string(), "default-level": integer(),
                "required": map(integer(), description: "competency id → required level"),
            ], required: ["name"])
    }

    private static var position: [String: Any] {
        let priority = enumeration(["mutlak", "penting", "perlu"])
        let qualifications = object(
            [
                "education": object(["minimum": string("SD … S3"), "fields": array(string()), "priority": priority], required: ["minimum"]),
                "rank": object(["minimum": string("Golongan/ruang, I/a … IV/e"), "priority": priority], required: ["minimum"]),
                "trainings": array(object(["name": string(), "accepts": array(string()), "priority": priority], required: ["name", "priority"])),
                "experience": array(object(["years": integer(), "job-level": string(), "priority": priority], required: ["years"])),
            ], required: [])
        return object(
            [
                "title": string(), "unit": string(), "summary": string(), "extends": string(), "job-level": string(),
                "key-position": ["type": "boolean", "description": "A key position: merit evidence reports its talent pool and successors."],
                "battery": string(), "required": map(integer(), description: "competency id → required level"),
                "critical": array(string()), "qualifications": qualifications,
            ], required: [])
    }

    private static var scoring: [String: Any] {
        let band = object(["id": string(), "label": string(), "min": number()], required: ["id", "label"])
        return object(
            [
                "jpm": object(
                    [
                        "aggregation": enumeration(["sum-ratio", "mean-of-ratios"]),
                        "cap": enumeration(["none", "per-competency", "final-100"]), "decimals": integer(),
                        "ratio-decimals": integer("mean-of-ratios: round each level ÷ standard to this many decimals first."),
                        "percent-decimals": integer("Round the JPM to this many decimals and decide categories on it."),
                        "group-weights": array(
                            object(["groups": array(enumeration(["manajerial", "sosial-kultural", "teknis"])), "weight": number()],
                                required: ["groups", "weight"])),
                    ], required: []),
                "categories": map(object(["label": string(), "bands": array(band)], required: ["label", "bands"])),
                "critical-gap-caps-selection-at": string(), "validity-years": integer(), "minimum-jp-per-year": integer(),
                "minimum-group-size": integer(), "partial-results": enumeration(["refused", "allowed"]),
                "fairness": object(
                    [
                        "age-bands": array(integer()), "impact-ratio": number("Flag a group's rate under this share of the highest (0.8)."),
                        "top-boxes": array(integer()),
                    ], required: []),
                "nine-box": object(
                    [
                        "potential-source": string(), "potential": array(band), "performance": array(band),
                        "predikat": map(string()), "numbering": map(map(integer())),
                        "boxes": map(object(["label": string(), "actions": array(string())], required: ["label", "actions"])),
                    ], required: ["potential", "performance", "predikat", "numbering", "boxes"]),
            ], required: ["categories", "nine-box"])
    }

    private static var catalog: [String: Any] {
        let activity = object(
            [
                "id": string(), "title": string(), "route": enumeration(["klasikal", "non-klasikal"]), "type": string(),
                "competencies": array(string()), "levels": object(["from": integer(), "to": integer()], required: ["from", "to"]),
                "jp": integer("Jam pelajaran (45 minutes)."), "provider": string(),
                "job-levels": array(string()), "unless-trained": array(string()),
            ], required: ["id", "title", "route", "type", "competencies", "levels", "jp"])
        return object(
            [
                "title": string(), "activities": array(activity),
                "types": map(string(), description: "Each activity type (an activity's `type`) and the name reports show for it."),
            ], required: ["activities", "types"])
    }

    private static var agency: [String: Any] {
        object(
            [
                "name": string("The agency's name, the letterhead's main line."), "parent": string("The government it belongs to."),
                "address": string(), "place": string("Where its documents are signed."),
                "logo": string("A PNG or SVG file beside this document, at most 512 KB."),
            ], required: ["name"])
    }

    private static var labels: [String: Any] {
        var labels: [String: Any] = [:]
        for key in ReportLabels.requiredKeys { labels[key] = string() }
        return object(
            [
                "language": string("Language code of the reports, e.g. id or en."),
                "labels": ["type": "object", "properties": labels, "required": ReportLabels.requiredKeys, "additionalProperties": ["type": "string"]],
            ], required: ["language", "labels"])
    }

    // MARK: Builders

    private static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    private static func string(_ description: String? = nil) -> [String: Any] {
        described(["type": "string"], description)
    }

    private static func integer(_ description: String? = nil) -> [String: Any] {
        described(["type": "integer"], description)
    }

    /// Numbers may be written as decimals with a point or a comma (`2.5`, `"2,5"`).
    private static func number(_ description: String? = nil) -> [String: Any] {
        described(["anyOf": [["type": "number"], ["type": "string", "pattern": "^[-+]?[0-9]*([.,][0-9]+)?$"]]], description)
    }

    private static func enumeration(_ values: [String]) -> [String: Any] {
        ["enum": values]
    }

    private static func array(_ items: [String: Any]) -> [String: Any] {
        ["type": "array", "items": items]
    }

    private static func map(_ values: [String: Any], description: String? = nil) -> [String: Any] {
        described(["type": "object", "additionalProperties": values], description)
    }

    private static func described(_ schema: [String: Any], _ description: String?) -> [String: Any] {
        guard let description else { return schema }
        var schema = schema
        schema["description"] = description
        return schema
    }
}
