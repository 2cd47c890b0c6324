import MeritCore
import MeritIO

/// One batch's integration meeting as the store holds it: its participants scored on that batch's own
/// evidence (whichever batch is anyone's latest), against their current position.
public struct BatchMeeting: Sendable {
    public let batch: String
    public let cohort: StoredCohort
    public let meeting: IntegrationMeeting

    /// Nil when the store has no batch of that name.
    public init?(library: Library, store: MeritStore, batch: String, referenceDate: CalendarDate) throws {
        guard let cohort = try store.loadCohort(library: library, batch: batch) else { return nil }
        self.batch = batch
        self.cohort = cohort
        let results = CohortScorer(library: library, referenceDate: referenceDate).score(cohort.evidence, profiles: cohort.profiles, threads: 2)
        meeting = IntegrationMeeting(results, library: library)
    }

    /// The pack's file name without extension: `integrasi-` and the batch name, with anything but
    /// letters, digits, `-` and `_` written as `-` (a batch name is data, a file name must stay in its folder).
    public var fileStem: String {
        "integrasi-" + String(batch.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "-" })
    }
}
