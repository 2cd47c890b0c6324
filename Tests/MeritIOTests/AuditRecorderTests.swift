import Foundation
import GRDB
import MeritCore
@testable import MeritIO
import Testing

/// The server's audit log writer: entries recorded at once are committed together, each `record` returns
/// only when its own entry is stored, and a failed commit fails every record of its group.
@Suite struct AuditRecorderTests {
    static func entry(_ index: Int) -> AuditEntry {
        AuditEntry(at: "2026-12-03T08:00:00Z", account: "hr\(index % 7)", address: "127.0.0.1", action: "view-plan", object: "person:\(index)")
    }

    @Test func everyEntryIsStoredBeforeItsRecordReturns() async throws {
        let (store, folder) = try PlanVersionStoreTests.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = AuditRecorder(store: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                group.addTask {
                    try await recorder.record(Self.entry(index))
                    // Read back at once, on this task: the page this stands for could be sent now.
                    #expect(try store.auditLog(person: "\(index)").count == 1)
                }
            }
            try await group.waitForAll()
        }
        let log = try store.auditLog()
        #expect(log.count == 300)
        #expect(Set(log.map(\.object)) == Set((0..<300).map { "person:\($0)" }))
    }

    @Test func aFailedCommitFailsItsRecordsAndTheNextOnesStillTry() async throws {
        let (store, folder) = try PlanVersionStoreTests.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recorder = AuditRecorder(store: store)
        try await recorder.record(Self.entry(1))
        try await store.database.write { db in try db.execute(sql: "ALTER TABLE audit_log RENAME TO audit_log_away") }
        await #expect(throws: StoreError.self) { try await recorder.record(Self.entry(2)) }
        try await store.database.write { db in try db.execute(sql: "ALTER TABLE audit_log_away RENAME TO audit_log") }
        try await recorder.record(Self.entry(3))
        #expect(try store.auditLog().map(\.object) == ["person:1", "person:3"])
    }
}
