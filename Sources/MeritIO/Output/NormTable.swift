import MeritCore

extension ResultTables {
    /// `merit norms`: each participant's test scores against a norm group as z, T, percentile and
    /// stanine, with the level the test's conversion gives. `chosen` replaces the default norm of its test
    /// (`Library.norm(forTest:)`). A figure the norm cannot give is an empty cell.
    public static func norms(_ evidence: [ParticipantEvidence], library: Library, chosen: TestNorm? = nil) -> ResultTable {
        var table = ResultTable(
            columns: ["nip", "test", "raw_score", "norm", "group", "year", "z", "t", "percentile", "stanine", "level", "conversion", "note"],
            numeric: ["raw_score", "year", "z", "t", "percentile", "stanine", "level"], detail: ["group", "year", "note"])
        for participant in evidence {
            for score in participant.tests.sorted(by: { $0.instrument < $1.instrument }) {
                let id = library.instrumentOrder[score.instrument]
                let instrument = library.instruments[id]
                var level = ""
                if case .test(_, let bands)? = instrument?.method, let band = bands.first(where: { $0.contains(score.raw) }) {
                    level = String(band.level)
                }
                let conversion = instrument?.normConversion.map { "\($0.norm): \($0.scale.rawValue)" } ?? "table"
                let norm = chosen?.test == id ? chosen : library.norm(forTest: id)
                guard let norm else {
                    let several = library.norms.values.contains { $0.test == id }
                    let note = several ? "several norm groups for this test: choose one with --norm" : "no norm group for this test in the library"
                    table.rows.append([participant.nip, id, score.raw.description, "", "", "", "", "", "", "", level, conversion, note])
                    continue
                }
                let standing = norm.standing(score.raw)
                table.rows.append([
                    participant.nip, id, score.raw.description, norm.id, norm.group, String(norm.year), figure(standing?.z), figure(standing?.t),
                    figure(standing?.percentile), standing.map { String($0.stanine) } ?? "", level, conversion,
                    standing == nil ? "outside the norm's table" : "",
                ])
            }
        }
        return table
    }
}
