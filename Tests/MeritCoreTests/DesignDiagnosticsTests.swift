import MeritCore
import Testing

/// The multitrait-multimethod summaries on planted structures.
@Suite struct DesignDiagnosticsTests {
    /// Ratings of competencies 0 and 1 in exercises 0 and 1 (two assessors each) from a rule.
    static func participants(_ level: (_ person: Int, _ competency: Int, _ instrument: Int) -> Int) -> [(nip: String, ratings: [Rating])] {
        (0..<30).map { person in
            var ratings: [Rating] = []
            for competency in 0..<2 {
                for instrument in 0..<2 {
                    for assessor in ["a", "b"] {
                        ratings.append(
                            Rating(competency: competency, instrument: instrument, assessor: assessor, value: .score(Rational(level(person, competency, instrument), 1))))
                    }
                }
            }
            return ("p\(person)", ratings)
        }
    }

    /// Each competency its own trait, the same in both exercises: convergent 1; the two traits are
    /// unrelated by construction (orthogonal patterns), so same-exercise and discriminant correlations are 0.
    @Test func traitsThatShowInEveryExercise() throws {
        let design = DesignDiagnostics(Self.participants { person, competency, _ in
            competency == 0 ? 1 + person % 2 * 2 : 1 + (person / 2) % 2 * 2
        })
        #expect(design.units.count == 4 && design.coverage == [0: 2, 1: 2])
        #expect(abs(try #require(design.convergent) - 1) < 1e-12)
        #expect(abs(try #require(design.sameExercise)) < 0.2)
        #expect(abs(try #require(design.discriminant)) < 0.2)
    }

    /// The exercise drives every rating: one impression per exercise for all competencies, independent
    /// between exercises. Same-exercise correlations are 1, convergent ones near 0: an exercise effect.
    @Test func anExerciseEffect() throws {
        let design = DesignDiagnostics(Self.participants { person, _, instrument in
            instrument == 0 ? 1 + person % 2 * 2 : 1 + (person / 2) % 2 * 2
        })
        #expect(abs(try #require(design.sameExercise) - 1) < 1e-12)
        #expect(abs(try #require(design.convergent)) < 0.2)
    }

    /// NE is no evidence: a competency rated NE throughout an exercise is not covered by it, and too few
    /// common participants give no correlation.
    @Test func coverageCountsEvidenceInPractice() {
        var participants = Self.participants { person, competency, _ in 1 + (person + competency) % 3 }
        for index in participants.indices {
            participants[index].ratings = participants[index].ratings.map { rating in
                var rating = rating
                if rating.competency == 1 && rating.instrument == 1 { rating.value = .noEvidence }
                return rating
            }
        }
        let design = DesignDiagnostics(participants)
        #expect(design.coverage == [0: 2, 1: 1])
        let uncovered = DesignDiagnostics.Unit(competency: 1, instrument: 1)
        #expect(!design.units.contains(uncovered))
        let touching = design.correlations.filter { $0.first == uncovered || $0.second == uncovered }
        #expect(touching.isEmpty && design.correlations.count == 3)
        let few = DesignDiagnostics(Array(participants.prefix(DesignDiagnostics.minimumPairs - 1)))
        #expect(few.correlations.isEmpty && few.convergent == nil)
    }
}
