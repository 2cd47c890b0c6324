import Foundation
import MeritCore
import MeritIO
import Testing

@testable import MeritReports

/// The charts as Chromium lays them out: every text inside its SVG's viewport, and no two texts of a
/// chart on top of each other (the radar's ticks clear of its labels). The page measures itself with a
/// script and writes what it found into the DOM, which `chromium --dump-dom` prints.
@Suite(.serialized) struct ChartLayoutTests {
    let fixture = ReportFixture.shared

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let measure = """
        <script>
        window.addEventListener('load', () => {
          const found = [];
          document.querySelectorAll('svg').forEach((svg, chart) => {
            const box = svg.getBoundingClientRect();
            const texts = [...svg.querySelectorAll('text')].map(t => ({ t: t.textContent, r: t.getBoundingClientRect() }));
            for (const { t, r } of texts) {
              if (r.left < box.left - 0.5 || r.top < box.top - 0.5 || r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5) found.push('clipped ' + chart + ': ' + t);
            }
            for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i].r, b = texts[j].r;
              if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) found.push('overlap ' + chart + ': ' + texts[i].t + ' / ' + texts[j].t);
            }
          });
          document.body.setAttribute('data-found', JSON.stringify(found));
        });
        </script>
        """

    /// What the page found, as Chromium printed its DOM.
    static func layoutProblems(_ svgs: [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-charts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("charts.html")
        let body = svgs.map { "<div style=\"width:150mm\">\($0.replacingOccurrences(of: "<svg ", with: "<svg style=\"width:150mm;height:auto\" "))</div>" }.joined()
        try "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\(body)\(measure)</body></html>".write(to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=2000", "--dump-dom", page.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let dom = String(decoding: data, as: UTF8.self)
        guard let start = dom.range(of: "data-found=\"")?.upperBound, let end = dom[start...].firstIndex(of: "\"") else {
            return ["the page did not measure itself"]
        }
        let json = String(dom[start..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]) ?? ["unreadable: \(json)"]
    }

    @Test(.enabled(if: chromium != nil, "needs chromium (sudo apt-get install -y chromium); .ci/run installs it"))
    func chartsFitTheirViewportsAndTextsDoNotCollide() throws {
        let labels = try #require(fixture.library.reportLabels["id"])
        let reports = try fixture.reports()
        var svgs: [String] = []
        // The plans with the most competencies (longest labels all round).
        let results = fixture.results.sorted { ($0.match?.gaps.count ?? 0) > ($1.match?.gaps.count ?? 0) }.prefix(2)
        for result in results {
            let document = try #require(reports.planDocument(for: result, plan: fixture.plans[result.evidence.nip]!, batch: "b", generatedOn: fixture.referenceDate))
            svgs.append(PlanView(document, library: fixture.library, labels: labels).radarSVG)
        }
        for grouping in GapGrouping.allCases {
            let summary = GapSummarizer(library: fixture.library).summarize(fixture.results, plans: fixture.plans, by: grouping, minimumGroupSize: 3)
            svgs.append(GapsView(summary, labels: labels, generatedOn: fixture.referenceDate).chartSVG)
        }
        let grid = TalentGrid(fixture.results, settings: fixture.library.scoring.nineBox, withNames: false, minimumGroupSize: 5)
        svgs.append(
            TalentView(grid, settings: fixture.library.scoring.nineBox, profiles: fixture.cohort.profiles, library: fixture.library, labels: labels, generatedOn: fixture.referenceDate, withNames: false).gridSVG)
        #expect(svgs.allSatisfy { $0.hasPrefix("<svg") })
        let problems = try Self.layoutProblems(svgs)
        #expect(problems == [], "\(problems)")
    }

    /// The check finds what it looks for: a text outside the viewport, two texts on one spot.
    @Test(.enabled(if: chromium != nil, "needs chromium (sudo apt-get install -y chromium); .ci/run installs it"))
    func theCheckFindsClippingAndOverlap() throws {
        let bad = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="90" y="20" font-size="12">clipped</text><text x="5" y="40" font-size="12">a</text><text x="5" y="40" font-size="12">b</text></svg>"#
        #expect(try Self.layoutProblems([bad]) == ["clipped 0: clipped", "overlap 0: a / b"])
    }
}
