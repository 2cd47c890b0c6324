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
        // Over the UTF-8 bytes (`{` and `}` are single bytes and never part of another character): walking
        // Characters was most of the cost of this function, which a plan calls a few hundred times (perf on
        // scripts/load-test).
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)]
            else {
                out.append(byte)
                index += 1
                continue
            }
            out.append(contentsOf: value.utf8)
            index = close + 1
        }
        return String(decoding: out, as: UTF8.self)
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
        // The pages of merit serve (issue 13).
        "site_people", "site_shortlist", "site_talent", "site_gaps", "site_upload", "site_evidence", "site_integration", "site_accounts", "site_sign_out", "site_forbidden_title", "site_forbidden", "site_not_found_title", "site_not_found", "site_refused_title", "site_form_too_large", "site_form_encoding", "site_form_twice", "site_unknown_grouping", "site_unknown_position", "site_box_range", "site_unknown_filter", "site_sign_in", "site_account_name", "site_password", "site_too_many", "site_wrong_password", "site_search", "site_search_button", "site_category", "site_validity", "site_all", "site_undecided", "site_valid", "site_expired", "site_undated", "site_shown_of", "site_people_count", "site_edit_plan", "site_download", "site_saved_versions", "site_no_versions", "site_version", "site_version_stale", "site_version_saved", "site_back_to_latest", "site_version_title", "site_edit_title", "site_activities", "site_catalog_activity", "site_quarter", "site_remove", "site_notes", "site_role", "site_save_version", "site_cancel", "site_not_saved", "site_version_conflict", "site_by", "site_show", "site_order", "site_integration_count", "site_evidence_count", "site_rating", "site_no_code_title", "site_no_code", "site_upload_title", "site_upload_files", "site_upload_batch", "site_upload_button", "site_upload_rule", "site_upload_too_large", "site_upload_malformed", "site_upload_choose", "site_upload_done", "site_upload_refused", "site_upload_again", "site_file", "site_kind", "site_rows", "site_new", "site_unchanged", "site_replaced", "site_errors", "site_findings", "site_place", "site_severity", "site_message", "site_place_cell", "site_place_line", "site_place_line_column", "site_account", "site_assessor_code", "site_state", "site_enabled", "site_disabled", "site_enable", "site_disable", "site_new_account", "site_assessor_field", "site_create_account", "site_granted_accounts", "site_granted_rule", "site_agency", "site_account_created", "site_choose_role", "site_pdf_missing", "site_library", "site_library_title", "site_library_folder", "site_library_ok", "site_library_errors", "site_library_restart", "site_library_none", "site_library_content", "site_library_count", "site_library_files", "site_library_dictionaries", "site_library_competencies", "site_library_instruments", "site_library_batteries", "site_library_job_levels", "site_library_positions", "site_library_scoring", "site_library_activities", "site_library_languages",
        // The integration meeting pack (issue 16).
        "title_integration", "integration_intro", "integration_count", "discuss_first", "discuss_none", "discuss_rank", "reason_rounding_edge", "reason_critical_gap", "spread", "score", "panel", "agreed_reason",
        // Merit-system evidence (issue 17).
        "title_evidence", "evidence_intro", "evidence_variant_counts", "evidence_variant_names", "evidence_figure", "evidence_share", "evidence_count", "evidence_definition", "evidence_standards", "evidence_standards_def", "evidence_valid_profiles", "evidence_valid_profiles_def", "evidence_plans", "evidence_plans_def", "evidence_key_positions", "evidence_pool_def", "evidence_holders", "evidence_pool", "evidence_ready_now", "evidence_ready_later", "evidence_holder", "evidence_successors", "evidence_few_successors", "evidence_no_key_positions", "evidence_gaps", "section_history",
    ]
}
