import Foundation
import MeritCore
import MeritIO
import Testing

/// Plan versions in the store: numbered per person, kept as saved, each with its audit entry; and the
/// timestamps the audit log and the versions carry.
@Suite struct PlanVersionStoreTests {
    static func store() throws -> (MeritStore, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-versions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path), folder)
    }

    @Test func versionsAreNumberedPerPersonAndKept() throws {
        let (store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let actor = AuditActor(account: "hr1", address: "127.0.0.1", at: "2026-12-02T10:00:00Z")
        let before = try store.changeStamp()
        #expect(try store.savePlanVersion(nip: "197702102007051001", batch: "b1", content: "{\"v\":1}", by: actor) == 1)
        #expect(try store.savePlanVersion(nip: "197702102007051001", batch: "b1", content: "{\"v\":2}", by: actor) == 2)
        #expect(try store.savePlanVersion(nip: "199505162017022001", batch: "b1", content: "{}", by: actor) == 1)
        #expect(try store.changeStamp() != before, "a saved plan changes what the pages read")
        #expect(try store.planVersions(nip: "197702102007051001").map(\.content) == ["{\"v\":1}", "{\"v\":2}"])
        #expect(try store.latestPlanVersions()["197702102007051001"]?.version == 2)
        #expect(try store.auditLog(person: "197702102007051001").map(\.action) == ["edit-plan", "edit-plan"])
    }

    @Test func theTimestampIsISO8601InUTC() {
        #expect(AuditActor.timestamp(Date(timeIntervalSince1970: 1_796_237_240.9)) == "2026-12-02T18:47:20Z")
        #expect(AuditActor.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }
}
