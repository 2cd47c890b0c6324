import MeritCore
import MeritIO
import Testing

/// The rows `merit design` prints for one battery.
@Suite struct DesignTableTests {
    let library = ImportFixture.shippedLibrary

    /// Integritas and kerja sama rated in wawancara and LGD, where each exercise gives one impression
    /// for both competencies: an exercise effect, said on the same-exercise row.
    @Test func anExerciseEffectIsSaid() throws {
        let battery = try #require(library.batteries["administrator"])
        let competencies = ["integritas", "kerja-sama"].map { library.competencyRef($0)! }
        let exercises = ["wawancara", "lgd"].map { library.instrumentRef($0)! }
        let participants = (0..<30).map { person -> (nip: String, ratings: [Rating]) in
            let impression = [1 + person % 2 * 2, 1 + (person / 2) % 2 * 2]
            let ratings = competencies.flatMap { competency in
                exercises.enumerated().map { index, exercise in
                    Rating(competency: competency, instrument: exercise, assessor: "a", value: .score(Rational(impression[index], 1)))
                }
            }
            return ("p\(person)", ratings)
        }
        let table = ResultTables.design(
            DesignDiagnostics(participants), battery: battery, participants: 30, testedInstruments: [], library: library, matrix: false)
        let same = try #require(table.rows.first { $0[1] == "mean" && $0[2] == "same-exercise" })
        #expect(same[7] == "1.000" && same[8] == "2")
        #expect(same[9] == "exercise effect: competencies within one exercise correlate as much as one competency across exercises")
        let convergent = try #require(table.rows.first { $0[1] == "mean" && $0[2] == "convergent" })
        #expect(convergent[9] == "")
        // On paper integritas has three methods; in practice two here, and every other competency none.
        let integritas = try #require(table.rows.first { $0[1] == "coverage" && $0[3] == "M.01" })
        #expect(integritas[7] == "2" && integritas[8] == "3" && integritas[9] == "")
        let change = try #require(table.rows.first { $0[1] == "coverage" && $0[3] == "M.07" })
        #expect(change[7] == "0" && change[9] == "fewer than min-methods (2) with evidence in practice")
        #expect(table.rows.first == ["administrator", "participants", "", "", "", "", "", "30", "", ""])
    }
}
