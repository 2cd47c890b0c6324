import MeritCore
import MeritIO
import MeritJob

/// The scored cohort the pages read, kept until the store changes (an import or a saved plan, by this
/// server or by `merit import` beside it: `MeritStore.changeStamp`). Scoring 10,000 people takes about a
/// second; a person's page must answer in milliseconds, so it is done once per change, not per request.
/// Requests that arrive while it is being redone wait for that one scoring.
public actor CohortCache {
    public struct Entry: Sendable {
        public let scored: ScoredCohort
        /// Everyone stored, by name then NIP (the person list's order).
        public let byName: [PersonProfile]

        init(_ scored: ScoredCohort) {
            self.scored = scored
            byName = scored.cohort.profiles.values.sorted { ($0.name, $0.nip) < ($1.name, $1.nip) }
        }
    }

    private let library: Library
    private let store: any RecordStore
    private let referenceDate: @Sendable () -> CalendarDate
    private var current: (stamp: String, date: CalendarDate, entry: Entry)?
    private var pending: (stamp: String, date: CalendarDate, task: Task<Entry, any Error>)?

    public init(library: Library, store: any RecordStore, referenceDate: @escaping @Sendable () -> CalendarDate) {
        self.library = library
        self.store = store
        self.referenceDate = referenceDate
    }

    /// The cohort as the store holds it now.
    public func entry() async throws -> Entry {
        // The stamp is read before the records: a change made meanwhile gives the next request a new stamp.
        let stamp = try await store.changeStamp()
        let date = referenceDate()
        if let current, current.stamp == stamp, current.date == date { return current.entry }
        if let pending, pending.stamp == stamp, pending.date == date { return try await pending.task.value }
        let (library, store) = (library, store)
        let task = Task.detached {
            try await store.withRecords(writing: false) { records in Entry(try ScoredCohort(library: library, store: records, referenceDate: date, withHistory: true)) }
        }
        pending = (stamp, date, task)
        // A scoring that failed is not kept: the next request tries again.
        defer { if pending?.stamp == stamp && pending?.date == date { pending = nil } }
        let entry = try await task.value
        current = (stamp, date, entry)
        return entry
    }

    /// Replaces the cached cohort with one just scored (after an upload), under the stamp the store had
    /// when it was read (`WholeJob.Outcome.stamp`): a change made since gives a new stamp, not a stale page.
    public func replace(with scored: ScoredCohort, stamp: String) {
        current = (stamp, scored.referenceDate, Entry(scored))
    }
}
