import MeritCore

/// A person's development plan as a document: the assessment as it stood (formatted, for reading) and
/// the drafted plan (structured, for editing). Written as YAML or JSON for HR to edit, read back by
/// `merit plan --from`, and rendered as HTML or Markdown.
public struct PlanDocument: Codable, Sendable, Hashable {
    public struct Person: Codable, Sendable, Hashable {
        public var nip: String
        public var name: String
        public var unit: String
        public var position: String
        public var positionTitle: String
        public var jobLevel: String
        public var batch: String
        public var assessedOn: String
        public var validUntil: String
        public var expired: Bool
        /// How long results are valid, and the rule's source.
        public var validityRule: String
        /// No assessment date on record: validity cannot be decided.
        public var undated: Bool
    }

    public struct EvidenceLine: Codable, Sendable, Hashable {
        public var instrument: String
        public var detail: String
    }

    public struct CompetencyRow: Codable, Sendable, Hashable {
        public var code: String
        public var name: String
        public var group: String
        public var required: String
        public var level: String
        public var gap: String
        public var critical: Bool
        public var belowStandard: Bool
        public var flags: [String]
        /// Each instrument's ratings, mean and weight.
        public var evidence: [EvidenceLine]
        /// How they became the level: the weighted score and rounding, or the agreed level.
        public var working: String
    }

    /// A category for machines: its id and label (absent when undecided or none applies).
    public struct Category: Codable, Sendable, Hashable {
        public var id: String
        public var label: String
    }

    public struct Assessment: Codable, Sendable, Hashable {
        /// In the report's language (`96,88`).
        public var jpm: String
        /// With the configured decimals and a decimal point (`96.88`), and exact (`96.875`, `5200/51`).
        public var jpmValue: String
        public var jpmExact: String
        public var jpmSentence: String
        /// The JPM's sum and rules.
        public var jpmWorking: String
        /// Whether every competency of the standard has a level (else which do not).
        public var completeness: String
        /// Categories and a 9-box place are given (a complete result, or a partial one the scoring allows).
        public var decided: Bool
        /// `5 dari 11 kompetensi di bawah standar`: beside the JPM, which can pass 100 with gaps.
        public var belowCount: String
        public var selection: String
        public var selectionNote: String?
        public var mapping: String
        public var selectionCategory: Category?
        public var mappingCategory: Category?
        public var qualified: Bool
        public var reasons: [String]
        public var box: Int?
        public var boxLabel: String
        public var potential: String
        public var performance: String
        public var competencies: [CompetencyRow]
        public var radar: [RadarChart.Axis]
    }

    /// One signature line of the plan: who agrees to it (the employee, their supervisor, the official).
    public struct Signature: Codable, Sendable, Hashable {
        public var role: String
        public var name: String
        public var nip: String
        /// `yyyy-mm-dd`, or empty until signed.
        public var date: String

        public init(role: String, name: String = "", nip: String = "", date: String = "") {
            self.role = role
            self.name = name
            self.nip = nip
            self.date = date
        }
    }

    /// One earlier or current assessment of the person (issue 17), formatted.
    public struct HistoryEntry: Codable, Sendable, Hashable {
        public var batch: String
        public var assessedOn: String
        public var position: String
        public var jpm: String
        public var selection: String
        public var mapping: String
        public var box: String
    }

    public var kind: String
    public var language: String
    public var generatedOn: String
    public var person: Person
    public var assessment: Assessment
    public var plan: DevelopmentPlan
    /// HR's notes on the plan (free text).
    public var notes: String
    /// Who signs the plan; drafted with the employee and empty lines for the supervisor and the official.
    public var signatures: [Signature]
    /// Set when HR edited the draft this was rendered from (`disunting 2026-12-01`).
    public var edited: String?
    /// Every assessment the person had, oldest first, when the store holds more than one batch.
    public var history: [HistoryEntry]?
}

/// Builds plan documents from scored people.
public struct PlanDocumentBuilder: Sendable {
    public let library: Library
    public let format: ReportFormat

    public init(library: Library, labels: ReportLabels) {
        self.library = library
        format = ReportFormat(labels: labels)
    }

    public func document(
        for result: PersonResult, plan: DevelopmentPlan, integrator: Integrator?, batch: String, generatedOn: CalendarDate
    ) -> PlanDocument? {
        guard let match = result.match, let standard = library.positions[match.position] else { return nil }
        let profile = result.profile
        let person = PlanDocument.Person(
            nip: result.evidence.nip, name: profile?.name ?? result.evidence.nip, unit: profile?.unit ?? standard.unit,
            position: standard.id, positionTitle: standard.title,
            jobLevel: library.jobLevels[standard.jobLevel]?.name ?? standard.jobLevel, batch: batch,
            assessedOn: match.validity.assessedOn?.description ?? format.text("nobody"),
            validUntil: match.validity.validUntil?.description ?? format.text("nobody"), expired: match.validity.isExpired,
            validityRule: format.text("validity_rule", ["years": String(match.validity.years)]), undated: match.validity.isUndated)
        var rows: [PlanDocument.CompetencyRow] = []
        var radar: [RadarChart.Axis] = []
        let battery = library.batteries[result.evidence.battery]
        let workings = integrator?.explain(result.evidence, competencies: match.gaps.map(\.competency)) ?? [:]
        let working = PlanWorking(library: library, format: format)
        for gap in match.gaps {
            let id = library.competencyOrder[gap.competency]
            let competency = library.competency(id)
            let levelWorking = working.competency(workings[gap.competency], result: result.levels.result(for: gap.competency))
            rows.append(
                PlanDocument.CompetencyRow(
                    code: competency?.code ?? id, name: competency?.name ?? id, group: competency?.group.rawValue ?? "",
                    required: String(gap.required), level: format.level(gap.level), gap: format.gap(gap.gap),
                    critical: gap.isCritical, belowStandard: gap.isBelowStandard,
                    flags: flags(result.levels.result(for: gap.competency), battery: battery),
                    evidence: levelWorking.instruments, working: levelWorking.summary))
            radar.append(RadarChart.Axis(label: competency?.code ?? id, level: gap.level?.doubleValue, required: Double(gap.required)))
        }
        let selection = match.category("selection")
        var sentence = format.text(
            "jpm_sentence",
            [
                "name": person.name, "achieved": format.level(match.jpm.achieved), "required": format.level(match.jpm.required),
                "jpm": match.jpm.formatted(decimalSeparator: format.decimalSeparator),
            ])
        if match.jpm.isPartial { sentence += " " + format.text("jpm_partial", ["covered": String(match.jpm.covered), "total": String(match.jpm.of)]) }
        let undecided = format.text("undecided")
        var selectionNote = selection?.cappedFrom.map { format.text("capped_note", ["from": $0.id]) }
        if match.isDecided && match.jpm.isPartial {
            selectionNote = format.text("partial_note", ["covered": String(match.jpm.covered), "total": String(match.jpm.of)])
        }
        let assessment = PlanDocument.Assessment(
            jpm: match.jpm.formatted(decimalSeparator: format.decimalSeparator), jpmValue: match.jpm.formatted(),
            jpmExact: match.jpm.value.description, jpmSentence: sentence, jpmWorking: working.jpm(match),
            completeness: working.completeness(match), decided: match.isDecided, belowCount: working.belowCount(match),
            selection: selection.map { "\($0.band.id) — \($0.band.label)" } ?? (match.isDecided ? format.text("nobody") : undecided),
            selectionNote: selectionNote,
            mapping: match.category("mapping")?.band.label ?? (match.isDecided ? format.text("nobody") : undecided),
            selectionCategory: selection.map { PlanDocument.Category(id: $0.band.id, label: $0.band.label) },
            mappingCategory: match.category("mapping").map { PlanDocument.Category(id: $0.band.id, label: $0.band.label) },
            qualified: match.qualification.isQualified, reasons: reasons(match.qualification),
            box: match.talent.box?.number,
            boxLabel: match.talent.box?.label ?? format.text(match.isDecided ? "no_box" : "box_undecided"),
            potential: match.talent.potential?.label ?? (match.isDecided ? format.text("nobody") : undecided), performance: match.talent.performance?.label ?? format.text("nobody"),
            competencies: rows, radar: radar)
        return PlanDocument(
            kind: "development-plan", language: format.labels.language, generatedOn: generatedOn.description, person: person,
            assessment: assessment, plan: plan, notes: "",
            signatures: [
                PlanDocument.Signature(role: format.text("signature_employee"), name: person.name, nip: person.nip),
                PlanDocument.Signature(role: format.text("signature_supervisor")),
                PlanDocument.Signature(role: format.text("signature_official")),
            ])
    }

    /// Unmet requirements as sentences, with their weight.
    func reasons(_ check: QualificationCheck) -> [String] {
        guard check.profileKnown else { return [format.text("reason_profile_unknown")] }
        return check.reasons.map { reason in
            let text: String
            switch reason.issue {
            case .educationUnknown(let minimum): text = format.text("reason_education_unknown", ["minimum": minimum.rawValue])
            case .educationBelow(let have, let minimum):
                text = format.text("reason_education_below", ["have": have.rawValue, "minimum": minimum.rawValue])
            case .fieldNotAccepted(let have, let accepted):
                text = format.text("reason_field_not_accepted", ["have": have ?? format.text("nobody"), "accepted": accepted.joined(separator: ", ")])
            case .rankUnknown(let minimum): text = format.text("reason_rank_unknown", ["minimum": minimum.description])
            case .rankBelow(let have, let minimum):
                text = format.text("reason_rank_below", ["have": have.description, "minimum": minimum.description])
            case .trainingMissing(let name): text = format.text("reason_training_missing", ["name": name])
            case .experienceShort(let have, let years, let jobLevel):
                let at = jobLevel.map { " (" + (library.jobLevels[$0]?.name ?? $0) + ")" } ?? ""
                text = format.text("reason_experience_short", ["have": have.map(String.init) ?? format.text("nobody"), "years": String(years), "at": at])
            }
            return text + " (" + format.text("priority_" + reason.priority.rawValue) + ")"
        }
    }

    func flags(_ result: CompetencyLevel?, battery: Battery?) -> [String] {
        guard let result else { return [format.text("flag_no_evidence")] }
        var flags: [String] = []
        if result.flags.contains(.noEvidence) { flags.append(format.text("flag_no_evidence")) }
        if result.flags.contains(.provisional) && !result.flags.contains(.noEvidence) {
            flags.append(format.text("flag_provisional", ["methods": String(battery?.minMethods ?? 2)]))
        }
        if result.flags.contains(.disagreement) { flags.append(format.text("flag_disagreement")) }
        if result.flags.contains(.agreed) {
            flags.append(
                format.text("flag_agreed") + " (" + format.text("computed_level") + " " + format.level(result.computedLevel) + ", "
                    + format.text("agreed_level") + " " + format.level(result.agreedLevel) + ")")
        }
        return flags
    }
}

extension Reports {
    /// A person's assessments over the years as the plan shows them; JPMs with the scoring's decimals.
    public func historyEntries(_ assessments: [Assessment]) -> [PlanDocument.HistoryEntry] {
        let format = ReportFormat(labels: labels)
        func band(_ id: String?, in set: String) -> String {
            guard let id else { return labels.text("undecided") }
            return library.scoring.categorySet(set)?.bands.first { $0.id == id }?.label ?? id
        }
        return assessments.map { assessment in
            PlanDocument.HistoryEntry(
                batch: assessment.batch, assessedOn: assessment.assessedOn?.description ?? labels.text("nobody"),
                position: assessment.position.flatMap { library.positions[$0]?.title } ?? assessment.position ?? "",
                jpm: assessment.jpm.map { format.decimal($0, places: library.scoring.jpm.decimals) } ?? labels.text("nobody"),
                selection: band(assessment.selection, in: "selection"), mapping: band(assessment.mapping, in: "mapping"),
                box: assessment.box.map(String.init) ?? "—")
        }
    }
}
