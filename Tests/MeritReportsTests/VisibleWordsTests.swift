import Foundation
import MeritCore
import MeritIO
import Testing

@testable import MeritReports

/// What a reader sees on a page is words from the library's labels and names, never an id
/// (`self-learning`, `komunitas-belajar`, `di-atas`).
@Suite struct VisibleWordsTests {
    let fixture = ReportFixture.shared

    /// The text of an HTML page as shown: no style sheet, no tags, entities decoded.
    static func visibleText(_ html: String) -> String {
        var text = html.replacing(#/(?s)<style.*?</style>/#, with: " ")
        text = text.replacing(#/<[^>]+>/#, with: " ")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// Hyphenated lowercase tokens that are not Indonesian reduplication (`rata-rata`, `masing-masing`).
    static func idLikeTokens(_ text: String) -> Set<String> {
        var found: Set<String> = []
        for match in text.matches(of: #/\b[a-z]+(?:-[a-z]+)+\b/#) {
            let token = String(match.output)
            let parts = token.split(separator: "-")
            if parts.count == 2 && parts[0] == parts[1] { continue }
            found.insert(token)
        }
        return found
    }

    @Test func noIdReachesAPage() throws {
        let reports = try fixture.reports()
        var pages: [String] = []
        for result in fixture.results {
            guard let plan = fixture.plans[result.evidence.nip],
                let document = reports.planDocument(for: result, plan: plan, batch: "2026-a", generatedOn: fixture.referenceDate)
            else { continue }
            pages.append(try reports.render(plan: document, as: .html))
        }
        for grouping in GapGrouping.allCases {
            let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping)
            pages.append(try reports.render(gaps: summary, as: .html, generatedOn: fixture.referenceDate))
        }
        for names in [false, true] {
            let grid = TalentGrid(fixture.results, settings: fixture.library.scoring.nineBox, withNames: names, minimumGroupSize: 5)
            pages.append(try reports.render(talent: grid, profiles: fixture.cohort.profiles, as: .html, withNames: names, generatedOn: fixture.referenceDate))
        }
        #expect(pages.count > 40)
        let tokens = pages.reduce(into: Set<String>()) { $0.formUnion(Self.idLikeTokens(Self.visibleText($1))) }
        #expect(tokens == [])
    }

    @Test func theCheckFindsAnId() {
        #expect(Self.idLikeTokens(Self.visibleText("<td>rata-rata</td><td>self-learning</td><style>.a-b{}</style>")) == ["self-learning"])
    }
}
