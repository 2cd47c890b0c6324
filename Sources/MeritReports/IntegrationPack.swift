import MeritCore
import MeritRecords

/// The integration meeting pack of one batch (`merit integration`): a page for the meeting room's screen
/// and print, and a table (CSV or xlsx) whose `level` and `note` columns the meeting fills in and which
/// `merit import` reads back as the batch's agreed levels (`RecordKind.meetingPackHeader`).
extension Reports {
    /// One row per participant × competency, in meeting order; an agreed level already stored is filled in.
    public func integrationTable(_ meeting: IntegrationMeeting, profiles: [String: PersonProfile], batch: String) -> ReportTable {
        let format = ReportFormat(labels: labels)
        var rows: [[CSVWriter.Cell]] = []
        for participant in meeting.participants {
            for item in participant.items {
                let result = item.working.result
                rows.append([
                    .text(participant.nip), .text(profiles[participant.nip]?.name ?? ""), .text(item.working.competency),
                    .text(item.working.instruments.map { "\($0.instrument): \(ratingsText($0, format: format))" }.joined(separator: "; ")),
                    Self.number(item.spread?.description), Self.number(result.integratedScore.map { Self.exactOrRounded($0).text }),
                    Self.number(result.computedLevel?.description), Self.number(item.required.map(String.init)),
                    .text(reasonsText(item, format: format)), Self.number(item.discussionRank.map(String.init)),
                    Self.number(result.agreedLevel?.description), .text(item.working.agreedNote ?? ""), .text(batch),
                    .text(participant.assessedOn?.description ?? ""),
                ])
            }
        }
        return ReportTable(header: RecordKind.meetingPackHeader, rows: rows)
    }

    /// The pack as the meeting's page: what to discuss first, then each participant's ratings side by side.
    public func integrationPage(
        _ meeting: IntegrationMeeting, profiles: [String: PersonProfile], batch: String, generatedOn: CalendarDate
    ) -> String {
        let format = ReportFormat(labels: labels)
        let title = labels.text("title_integration", ["batch": batch])
        let discuss = meeting.discussFirst.map { place -> TemplateValue in
            let participant = meeting.participants[place.participant]
            let item = meeting[place]
            return .object(
                [
                    "rank": .number(item.discussionRank ?? 0), "nip": .text(participant.nip),
                    "name": .text(profiles[participant.nip]?.name ?? participant.nip),
                    "competency": .text(competencyName(item.working.competency)), "reasons": .text(reasonsText(item, format: format)),
                    "spread": .text(item.spread.map(format.level) ?? ""), "score": .text(score(item, format: format)),
                    "computedLevel": .text(item.working.result.computedLevel.map(format.level) ?? ""),
                ] as TemplateFields)
        }
        let participants = meeting.participants.map { participant -> TemplateValue in
            let profile = profiles[participant.nip]
            var instruments: [String] = []
            for item in participant.items {
                for working in item.working.instruments where !instruments.contains(working.instrument) { instruments.append(working.instrument) }
            }
            let rows = participant.items.map { item -> TemplateValue in
                let cells = instruments.map { id -> TemplateValue in
                    .text(item.working.instruments.first { $0.instrument == id }.map { ratingsText($0, format: format) } ?? "—")
                }
                return .object(
                    [
                        "competency": .text(competencyName(item.working.competency)), "critical": .flag(item.isCritical),
                        "cells": .list(cells), "spread": .text(item.spread.map(format.level) ?? ""), "score": .text(score(item, format: format)),
                        "computedLevel": .text(item.working.result.computedLevel.map(format.level) ?? ""),
                        "required": .text(item.required.map(String.init) ?? ""), "flags": .text(reasonsText(item, format: format)),
                        "rank": .text(item.discussionRank.map(String.init) ?? ""), "agreed": .text(item.working.result.agreedLevel.map(format.level) ?? ""),
                        "note": .text(item.working.agreedNote ?? ""), "discuss": .flag(item.discussionRank != nil),
                    ] as TemplateFields)
            }
            return .object(
                [
                    "nip": .text(participant.nip), "name": .text(profile?.name ?? participant.nip),
                    "position": .text(profile.flatMap { library.positions[$0.position]?.title } ?? profile?.position ?? ""),
                    "panel": .text(participant.panel.joined(separator: ", ")),
                    "instruments": .texts(instruments.map { library.instruments[$0]?.name ?? $0 }), "rows": .list(rows),
                ] as TemplateFields)
        }
        var view: TemplateFields = [
            "l": .object(LabelFields(texts: labels.texts)), "language": .text(labels.language), "title": .text(title),
            "generatedOn": .text(labels.text("generated_on", ["date": generatedOn.description])),
            "pageCSS": .text(PrintLayout.pageCSS(header: title, labels: labels)),
            "discuss": .list(discuss), "hasDiscuss": .flag(!discuss.isEmpty), "participants": .list(participants),
            "count": .text(labels.text("integration_count", ["people": String(meeting.participants.count), "items": String(discuss.count)])),
        ]
        view["letterhead"] = .maybe(Letterhead(library.agency))
        return templates.render(view, template: "integration.html")
    }

    /// `asesor-05 2,5 · asesor-06 1,5`, `NE` for no evidence; a test's raw score and the level it converts to.
    private func ratingsText(_ working: LevelWorking.InstrumentWorking, format: ReportFormat) -> String {
        if let raw = working.rawScore {
            let standing = library.norm(forTest: working.instrument).flatMap { $0.standing(raw) }
            return format.level(raw) + (standing.map { " (stanine \($0.stanine))" } ?? "") + " → " + (working.convertedLevel.map(String.init) ?? "—")
        }
        return working.ratings.map { rating in
            let value = if case .score(let score) = rating.value { format.level(score) } else { "NE" }
            return "\(rating.assessor) \(value)"
        }.joined(separator: " · ")
    }

    /// The reasons to discuss the item, strongest first, and whether it is already agreed.
    private func reasonsText(_ item: IntegrationMeeting.Item, format: ReportFormat) -> String {
        var texts = item.reasons.map { reason in
            switch reason {
            case .disagreement: format.text("flag_disagreement")
            case .roundingEdge: format.text("reason_rounding_edge", ["rule": roundingText(item.working.rounding)])
            case .criticalGap: format.text("reason_critical_gap")
            case .provisional: format.text("flag_provisional", ["methods": String(item.working.minMethods)])
            case .noEvidence: format.text("flag_no_evidence")
            }
        }
        if item.working.result.agreedLevel != nil { texts.append(format.text("flag_agreed")) }
        return texts.joined(separator: "; ")
    }

    private func roundingText(_ rule: RoundingRule) -> String {
        switch rule {
        case .halfUp: labels.text("rounding_half_up")
        case .floor: labels.text("rounding_floor")
        case .nearestHalf: labels.text("rounding_nearest_half")
        }
    }

    /// The score exactly when it has at most four decimals (1.125), else rounded to four and marked ≈:
    /// whether a score sits on a rounding edge must be readable from it.
    private func score(_ item: IntegrationMeeting.Item, format: ReportFormat) -> String {
        guard let score = item.working.result.integratedScore else { return "" }
        let shown = Self.exactOrRounded(score)
        return (shown.exact ? "" : "≈ ") + format.level(Rational(decimal: shown.text) ?? score)
    }

    static func exactOrRounded(_ value: Rational) -> (text: String, exact: Bool) {
        let exact = value.rounded(places: 4) == value
        return (exact ? value.description : value.formatted(places: 4), exact)
    }

    private func competencyName(_ id: String) -> String {
        library.competency(id).map { "\($0.code) \($0.name)" } ?? id
    }

    private static func number(_ text: String?) -> CSVWriter.Cell {
        text.map(CSVWriter.Cell.number) ?? .text("")
    }
}
