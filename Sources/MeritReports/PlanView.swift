import MeritCore

/// What a plan template reads: every value already formatted in the report's language.
///
/// Classes, not structs: the renderer holds each view as `any TemplateObject` on its context stack, which
/// boxes a struct larger than three words on the heap each time; a class is one retain.
public final class PlanView {
    public final class Row {
        var code: String
        var name: String
        var required: String
        var level: String
        var gap: String
        var critical: Bool
        var below: Bool
        var flags: String
        var evidence: [PlanDocument.EvidenceLine]
        var hasEvidence: Bool
        var working: String

        init(
            code: String, name: String, required: String, level: String, gap: String, critical: Bool, below: Bool, flags: String,
            evidence: [PlanDocument.EvidenceLine], hasEvidence: Bool, working: String
        ) {
            self.code = code
            self.name = name
            self.required = required
            self.level = level
            self.gap = gap
            self.critical = critical
            self.below = below
            self.flags = flags
            self.evidence = evidence
            self.hasEvidence = hasEvidence
            self.working = working
        }
    }

    public final class Activity {
        var title: String
        var route: String
        var type: String
        var jp: Int
        var quarter: String
        var competency: String
        var targetLevel: Int
        var reason: String

        init(title: String, route: String, type: String, jp: Int, quarter: String, competency: String, targetLevel: Int, reason: String) {
            self.title = title
            self.route = route
            self.type = type
            self.jp = jp
            self.quarter = quarter
            self.competency = competency
            self.targetLevel = targetLevel
            self.reason = reason
        }
    }

    var l: LabelFields
    var language: String
    var generatedOn: String
    var person: PlanDocument.Person
    var validity: String
    var assessment: PlanDocument.Assessment
    var qualifiedText: String
    var hasReasons: Bool
    var actions: [String]
    var hasActions: Bool
    var radarSVG: String
    var competencies: [Row]
    var strengths: [String]
    var hasStrengths: Bool
    var activities: [Activity]
    var hasActivities: Bool
    var totalJP: Int
    var jpNote: String
    var jpShort: Bool
    var edited: String?
    /// HR's notes, one paragraph per line.
    var notes: [String]
    var hasNotes: Bool
    var signatures: [PlanDocument.Signature]
    /// The standard's competencies without a level: to assess, not to train.
    var notAssessed: String?
    /// Potential and performance on one line, each named once ("Potensial tinggi · Kinerja sesuai ekspektasi").
    var talentLine: String
    /// The legend of the "kritis" mark, when a competency has it.
    var criticalLegend: String?
    var letterhead: Letterhead?
    var pageCSS: String
    /// "Kota Contoh, …": where the plan is signed, when the library's agency says.
    var signedAt: String?
    /// The assessments over the years, shown when there are two or more.
    var history: [PlanDocument.HistoryEntry]
    var hasHistory: Bool

    public init(_ document: PlanDocument, library: Library, labels: ReportLabels) {
        letterhead = Letterhead(library.agency)
        pageCSS = PrintLayout.pageCSS(
            header: "\(document.person.name) · \(labels.text("nip")) \(document.person.nip) · \(labels.text("title_plan"))", labels: labels)
        signedAt = library.agency?.place.map { labels.text("signed_at", ["place": $0]) }
        l = LabelFields(texts: labels.texts)
        language = document.language
        generatedOn = labels.text("generated_on", ["date": document.generatedOn])
        person = document.person
        validity = document.person.expired
            ? labels.text("expired", ["years": String(library.scoring.validityYears)]) : labels.text("valid")
        assessment = document.assessment
        qualifiedText = labels.text(document.assessment.qualified ? "qualified" : "not_qualified")
        hasReasons = !document.assessment.reasons.isEmpty
        actions = document.plan.actions
        hasActions = !actions.isEmpty
        radarSVG = RadarChart.svg(
            document.assessment.radar, names: document.assessment.competencies.map(\.name), caption: labels.text("radar_caption"), levelLabel: labels.text("radar_level"),
            requiredLabel: labels.text("radar_required"))
        competencies = document.assessment.competencies.map { row in
            Row(
                code: row.code, name: row.name, required: row.required, level: row.level, gap: row.gap, critical: row.critical,
                below: row.belowStandard, flags: row.flags.joined(separator: "; "), evidence: row.evidence,
                hasEvidence: !row.evidence.isEmpty, working: row.working)
        }
        strengths = document.plan.strengths.map { library.competency($0)?.name ?? $0 }
        hasStrengths = !strengths.isEmpty
        activities = document.plan.activities.map { item in
            Activity(
                title: item.title, route: labels.text(item.route == .klasikal ? "route_klasikal" : "route_non_klasikal"),
                type: library.activity(item.activity)?.typeName ?? item.type, jp: item.jp,
                quarter: labels.text("quarter_\(item.quarter)"),
                competency: library.competency(item.competency)?.name ?? item.competency, targetLevel: item.targetLevel,
                reason: labels.text(item.reason == .gap ? "reason_gap" : "reason_top_up"))
        }
        hasActivities = !activities.isEmpty
        totalJP = document.plan.totalJP
        edited = document.edited.map { labels.text("edited", ["date": $0]) }
        notes = document.notes.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.allSatisfy(\.isWhitespace) }
        hasNotes = !notes.isEmpty
        signatures = document.signatures
        history = document.history ?? []
        hasHistory = history.count > 1
        talentLine = [(labels.text("potential"), document.assessment.potential), (labels.text("performance"), document.assessment.performance)]
            .map(Self.named).joined(separator: " · ")
        criticalLegend = document.assessment.competencies.contains(where: \.critical) ? labels.text("critical_legend") : nil
        let missing = document.assessment.competencies.filter { $0.level == labels.text("nobody") }.map { "\($0.name) (\($0.code))" }
        notAssessed = missing.isEmpty ? nil : labels.text("not_assessed", ["competencies": missing.joined(separator: ", ")])
        jpShort = !document.plan.meetsMinimum
        jpNote = jpShort
            ? labels.text("minimum_jp_short", ["total": String(totalJP), "minimum": String(document.plan.minimumJP)])
            : labels.text("minimum_jp_met", ["minimum": String(document.plan.minimumJP)])
    }

    /// "Potensial: tinggi", or the value alone when it already says what it is ("Potensial tinggi").
    static func named(_ pair: (label: String, value: String)) -> String {
        pair.value.lowercased().hasPrefix(pair.label.lowercased()) ? pair.value : "\(pair.label): \(pair.value)"
    }
}
