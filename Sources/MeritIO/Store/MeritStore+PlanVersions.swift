import Foundation
import GRDB
import MeritCore

/// One saved version of a person's development plan as HR edited it on the server: what was edited
/// (`content`, JSON of the editable part of the plan, opaque to the store), for which assessment (`batch`),
/// by whom and when. Versions are only ever added: an earlier version stays readable.
public struct PlanVersion: Sendable, Hashable {
    public var nip: String
    public var batch: String
    public var version: Int
    public var savedAt: String
    public var account: String
    public var content: String

    public init(nip: String, batch: String, version: Int, savedAt: String, account: String, content: String) {
        self.nip = nip
        self.batch = batch
        self.version = version
        self.savedAt = savedAt
        self.account = account
        self.content = content
    }
}

extension MeritStore {
    /// Saves a new version of `nip`'s plan (numbered after the last one) and its audit entry in one
    /// transaction; the version's number.
    @discardableResult
    public func savePlanVersion(nip: String, batch: String, content: String, by actor: AuditActor) throws -> Int {
        try transaction { db in
            let last = try Int.fetchOne(db, sql: "SELECT max(version) FROM plan_versions WHERE nip = ?", arguments: [nip]) ?? 0
            try db.execute(
                sql: "INSERT INTO plan_versions(nip, batch, version, saved_at, account, content) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [nip, batch, last + 1, actor.at, actor.account, content])
            try Self.append(
                AuditEntry(at: actor.at, account: actor.account, address: actor.address, action: "edit-plan", object: "person:\(nip)"), db)
            return last + 1
        }
    }

    /// Puts versions saved elsewhere into a working copy as they are (numbers, dates, accounts kept; no
    /// audit entry: nothing was edited), so that what reads the copy's plans reads them as the store
    /// holds them (`PostgresStore.withRecords`). Not for a store of its own: versions are only added by
    /// `savePlanVersion`.
    public func placePlanVersions(_ versions: some Sequence<PlanVersion>) throws {
        try transaction { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO plan_versions(nip, batch, version, saved_at, account, content) VALUES (?, ?, ?, ?, ?, ?)")
            for version in versions {
                try insert.execute(arguments: [version.nip, version.batch, version.version, version.savedAt, version.account, version.content])
            }
        }
    }

    /// Every saved version of `nip`'s plan, oldest first.
    public func planVersions(nip: String) throws -> [PlanVersion] {
        try read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM plan_versions WHERE nip = ? ORDER BY version"), arguments: [nip]).map(Self.planVersion)
        }
    }

    /// The latest saved version of every plan that has one, by NIP.
    public func latestPlanVersions() throws -> [String: PlanVersion] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.* FROM plan_versions p
                JOIN (SELECT nip, max(version) AS version FROM plan_versions GROUP BY nip) latest USING (nip, version)
                """)
            return Dictionary(rows.map { (($0["nip"] as String), Self.planVersion($0)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Changes whenever records are imported or a plan is saved, by this process or another: what a cache of
    /// the scored cohort is keyed on. (Accounts and the audit log do not change it.)
    public func changeStamp() throws -> String {
        try read { db in
            let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT (SELECT coalesce(max(id), 0) FROM imports), (SELECT count(*) FROM imports),
                       (SELECT coalesce(max(id), 0) FROM plan_versions)
                """))
            return row.map { "\($0[0] as Int64).\($0[1] as Int64).\($0[2] as Int64)" } ?? ""
        }
    }

    static func planVersion(_ row: Row) -> PlanVersion {
        PlanVersion(nip: row["nip"], batch: row["batch"], version: row["version"], savedAt: row["saved_at"], account: row["account"], content: row["content"])
    }
}
