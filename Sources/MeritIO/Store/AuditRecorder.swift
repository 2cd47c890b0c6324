import MeritCore

/// The audit log as a busy server writes it: entries that arrive while one commit runs are committed
/// together in the next (group commit), and each `record` returns only once its own entry is committed,
/// so a page is never sent before the audit of its view is stored (UU 27/2022 PDP).
///
/// Why: a person's page is a read, but its audit entry is a write, and SQLite commits one writer at a
/// time, each commit adding at least one page to the WAL and now and then a checkpoint that writes the
/// WAL back to the store. One commit per page made every page wait its turn behind the others' commits
/// and behind those checkpoints; the load test's p99 (100 sessions) was mostly that wait.
public actor AuditRecorder {
    private let store: any ApplicationStore
    private var waiting: [(entry: AuditEntry, committed: CheckedContinuation<Void, any Error>)] = []
    private var writing = false

    public init(store: any ApplicationStore) {
        self.store = store
    }

    /// Returns when `entry` is in the store; throws the store's error when its group could not be committed.
    public func record(_ entry: AuditEntry) async throws {
        try await withCheckedThrowingContinuation { committed in
            waiting.append((entry, committed))
            if !writing {
                writing = true
                Task { await writeWaiting() }
            }
        }
    }

    /// Commits what is waiting, group after group, until nothing is; the actor takes new entries meanwhile.
    private func writeWaiting() async {
        while !waiting.isEmpty {
            let group = waiting
            waiting.removeAll(keepingCapacity: true)
            let store = store
            let entries = group.map(\.entry)
            // Off the actor (SQLite's commit blocks its thread), so that entries keep arriving meanwhile.
            let outcome: Result<Void, any Error> = await Task.detached {
                do { return .success(try await store.audit(entries)) } catch { return .failure(error) }
            }.value
            for member in group { member.committed.resume(with: outcome) }
        }
        writing = false
    }
}
