/// The labels reports are written with, per language, from the library's `kind: report-labels` files:
/// HR changes a heading or a phrase there, never in code.
public struct ReportLabels: Sendable, Hashable {
    public var language: String
    public var texts: [String: String]

    public init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The text for a key, with `{name}` placeholders filled in; a visible marker when the key is missing.
    /// One pass: a value that itself holds `{…}` (a person's name, say) is never filled in again.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let text = texts[key] else { return "⟦\(key)⟧" }
        guard !values.isEmpty, text.utf8.contains(UInt8(ascii: "{")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 32)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                let value = values[String(rest[rest.index(after: open)..<close])]
            else {
                out += "{"
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return out
    }

    /// Every key the reports use: a labels file must define them all.
    public static let requiredKeys: [String] = [
        "language_name", "decimal_separator",
        "title_plan", "title_gaps", "title_talent", "generated_on",
        "nip", "name", "unit", "position", "job_level", "batch", "assessed_on", "valid_until", "expired", "valid",
        "section_summary", "section_competencies", "section_evidence", "section_qualifications", "section_talent",
        "section_strengths", "section_plan", "radar_caption", "radar_required", "radar_level",
        "competency", "group", "required", "level", "gap", "critical", "flags", "instrument", "ratings", "converted",
        "flag_provisional", "flag_disagreement", "flag_no_evidence", "flag_agreed", "computed_level", "agreed_level",
        "jpm", "jpm_sentence", "category_selection", "category_mapping", "capped_note",
        "qualified", "not_qualified", "qualifications_met", "priority_mutlak", "priority_penting", "priority_perlu",
        "reason_education_unknown", "reason_education_below", "reason_field_not_accepted", "reason_rank_unknown",
        "reason_rank_below", "reason_training_missing", "reason_experience_short", "reason_profile_unknown",
        "box", "potential", "performance", "actions", "no_box", "no_strengths",
        "activity", "route", "route_klasikal", "route_non_klasikal", "type", "jp", "quarter", "target_level",
        "reason_gap", "reason_top_up", "total_jp", "minimum_jp_met", "minimum_jp_short", "no_plan",
        "group_by_unit", "group_by_position", "group_by_job_level", "group_by_competency",
        "people_assessed", "people_below", "mean_gap", "level_distribution", "activities_needed", "participants",
        "total_hours", "suppressed_line", "minimum_group_note", "nobody",
        "talent_counts_only", "talent_people", "unplaced_line", "unplaced_undecided_line",
        // Completeness, validity and the working (issue 11).
        "completeness_complete", "completeness_incomplete", "completeness_not_assessable", "undecided", "partial_note", "below_count", "jpm_partial", "box_undecided", "validity_rule", "undated", "section_working", "working_instrument", "working_test", "working_weighted", "working_median", "working_agreed", "working_none", "rounding_half_up", "rounding_floor", "rounding_nearest_half", "jpm_working", "aggregation_sum_ratio", "aggregation_mean_of_ratios", "ratio_rounding", "percent_rounding", "cap_none", "cap_per_competency", "cap_final_100", "group_weights", "edited", "not_assessed", "section_notes", "no_notes", "section_signatures", "signature_employee", "signature_supervisor", "signature_official", "signature_name", "signature_nip", "signature_date",
        // Aggregates that expose no one (issue 12).
        "mean_shortfall", "mean_shortfall_note", "level_distribution_competency", "other_activities", "withheld_count", "withheld_note",
        "unplaced_row", "undecided_row", "quarter_1", "quarter_2", "quarter_3", "quarter_4", "critical_legend", "page_number", "signed_at", "talent_shade_legend",
    ]
}
