import Foundation
import GRDB

/// The SQLite store (`./merit.sqlite` by default): batches with their source files' SHA-256, people and
/// their profiles over time, ratings, test scores, agreed levels and computed results.
///
/// WAL journal; every import and every scoring run is one transaction, so a failed or killed run leaves
/// the store as it was. A store file is opened as a GRDB `DatabasePool`: reads run beside the one writer
/// (the server's pages do not wait for an upload's import or the audit log's commits); `:memory:` is one
/// connection.
public final class MeritStore: @unchecked Sendable {
    public let path: String
    /// How long a write waits for another process's write to finish, in seconds.
    public let busyWait: Double
    let database: any DatabaseWriter

    /// Opens the store, creating it 0600 when it does not exist (it holds personal data, UU 27/2022 PDP;
    /// SQLite gives its `-wal` and `-shm` files the database file's mode).
    public convenience init(path: String, busyWait: Double = 30) throws {
        try self.init(name: path, file: path, busyWait: busyWait)
    }

    /// An in-memory store that names itself `name` in its messages: a PostgreSQL store's working copy of
    /// one agency's records (PostgresStore+Records), on which the import and scoring code runs unchanged.
    public convenience init(workingCopyOf name: String) throws {
        try self.init(name: name, file: ":memory:", busyWait: 0)
    }

    private init(name: String, file path: String, busyWait: Double) throws {
        self.path = name
        self.busyWait = busyWait
        if path != ":memory:", !FileManager.default.fileExists(atPath: path) { try AtomicFile.createPrivate(path) }
        var configuration = Configuration()
        // In memory there is no WAL (and no other process to write beside).
        configuration.journalMode = path == ":memory:" ? .default : .wal
        configuration.busyMode = .timeout(busyWait)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 256 MB for the writer (a million-row import); readers mostly fetch a few rows, and each
            // pooled reader has its own cache, so theirs is smaller.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // No `PRAGMA mmap_size`: mapping the file saved read(2)'s copy (a thirtieth of a history,
            // perf) but counted the whole store in the process's resident memory (bench history's peak
            // 2,059 -> 2,767-2,880 MB), which the memory goals measure.
        }
        do {
            database = path == ":memory:"
                ? try DatabaseQueue(path: path, configuration: configuration)
                : try DatabasePool(path: path, configuration: configuration)
            try StoreSchema.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: name, wait: busyWait)
        }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    /// SQLite's failures leave as `StoreError`s naming the store; everything else passes through.
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path, wait: busyWait)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path, wait: busyWait)
        }
    }

    /// Every row of every table, as text: a store's content, for tests that it did not change.
    /// Whether no one has been imported (no profile and no assessment).
    public func isEmpty() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM people)") ?? true }
    }

    public func contentDump() throws -> [String] {
        try read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name")
            var lines: [String] = []
            for table in tables {
                lines += try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { "\(table): \($0)" }.sorted()
            }
            return lines
        }
    }

    /// `PRAGMA integrity_check`: "ok" for a sound store.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}

/// The store's tables, created and changed by numbered migrations.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, kind TEXT NOT NULL,
                    rows INTEGER NOT NULL DEFAULT 0, imported_at TEXT NOT NULL);
                CREATE INDEX imports_by_hash ON imports(sha256, kind);
                CREATE TABLE batches (
                    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, battery TEXT, assessed_on TEXT);
                CREATE TABLE people (id INTEGER PRIMARY KEY, nip TEXT NOT NULL UNIQUE);
                CREATE TABLE codes (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, code TEXT NOT NULL, UNIQUE(kind, code));
                CREATE TABLE profiles (
                    person_id INTEGER NOT NULL REFERENCES people(id), import_id INTEGER NOT NULL REFERENCES imports(id),
                    as_of TEXT, name TEXT NOT NULL, unit TEXT NOT NULL, position TEXT NOT NULL, job_level TEXT NOT NULL,
                    education TEXT, education_field TEXT, rank TEXT, trainings TEXT NOT NULL, experience_years INTEGER,
                    performance TEXT, line INTEGER NOT NULL,
                    PRIMARY KEY (person_id, import_id)) WITHOUT ROWID;
                CREATE TABLE ratings (
                    batch_id INTEGER NOT NULL, person_id INTEGER NOT NULL, instrument_id INTEGER NOT NULL,
                    competency_id INTEGER NOT NULL, assessor_id INTEGER NOT NULL,
                    value_num INTEGER, value_den INTEGER, rated_on TEXT, note TEXT,
                    import_id INTEGER NOT NULL, line INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, person_id, competency_id, instrument_id, assessor_id)) WITHOUT ROWID;
                CREATE TABLE test_scores (
                    batch_id INTEGER NOT NULL, person_id INTEGER NOT NULL, instrument_id INTEGER NOT NULL,
                    raw_num INTEGER NOT NULL, raw_den INTEGER NOT NULL, tested_on TEXT,
                    import_id INTEGER NOT NULL, line INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, person_id, instrument_id)) WITHOUT ROWID;
                CREATE TABLE agreed_levels (
                    batch_id INTEGER NOT NULL, person_id INTEGER NOT NULL, competency_id INTEGER NOT NULL,
                    level_num INTEGER NOT NULL, level_den INTEGER NOT NULL, note TEXT,
                    import_id INTEGER NOT NULL, line INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, person_id, competency_id)) WITHOUT ROWID;
                CREATE TABLE replacements (
                    id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL, record TEXT NOT NULL, key TEXT NOT NULL,
                    old_value TEXT NOT NULL, new_value TEXT NOT NULL);
                CREATE TABLE scoring_runs (id INTEGER PRIMARY KEY, computed_at TEXT NOT NULL, reference_date TEXT NOT NULL);
                CREATE TABLE competency_results (
                    person_id INTEGER NOT NULL, competency_id INTEGER NOT NULL, run_id INTEGER NOT NULL,
                    integrated_num INTEGER, integrated_den INTEGER, computed_num INTEGER, computed_den INTEGER,
                    agreed_num INTEGER, agreed_den INTEGER, flags INTEGER NOT NULL,
                    PRIMARY KEY (person_id, competency_id)) WITHOUT ROWID;
                CREATE TABLE position_results (
                    person_id INTEGER NOT NULL, position TEXT NOT NULL, run_id INTEGER NOT NULL,
                    jpm_num INTEGER NOT NULL, jpm_den INTEGER NOT NULL, jpm_shown TEXT NOT NULL,
                    selection TEXT, mapping TEXT, box INTEGER, qualified INTEGER NOT NULL, expired INTEGER NOT NULL,
                    PRIMARY KEY (person_id, position)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: rating sheets") { db in
            // One row per batch × person instead of one per rating (see RatingSheet); a view keeps
            // `ratings` readable as before.
            try db.execute(sql: """
                CREATE TABLE rating_sheets (
                    batch_id INTEGER NOT NULL, person_id INTEGER NOT NULL, count INTEGER NOT NULL, ratings TEXT NOT NULL,
                    PRIMARY KEY (batch_id, person_id)) WITHOUT ROWID;
                INSERT INTO rating_sheets(batch_id, person_id, count, ratings)
                    SELECT batch_id, person_id, count(*), json_group_array(json_array(
                        competency_id, instrument_id, assessor_id, value_num, value_den, rated_on, note, import_id, line))
                    FROM (SELECT * FROM ratings ORDER BY batch_id, person_id, competency_id, instrument_id, assessor_id)
                    GROUP BY batch_id, person_id;
                DROP TABLE ratings;
                """)
            try db.execute(sql: RatingSheet.viewSQL)
        }
        migrator.registerMigration("v3: provider claims") { db in
            // An assessment provider's own JPM and category per person and batch (levels files).
            try db.execute(sql: """
                CREATE TABLE provider_claims (
                    batch_id INTEGER NOT NULL, person_id INTEGER NOT NULL, jpm TEXT, category_set TEXT, category TEXT,
                    import_id INTEGER NOT NULL, line INTEGER NOT NULL,
                    PRIMARY KEY (batch_id, person_id)) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4: evidence dates") { db in
            // Each agreed level keeps its date (a provider's recap dates its results), and each rating sheet
            // its latest rating date: a person's assessment date is the latest date of their evidence.
            try db.execute(sql: """
                ALTER TABLE agreed_levels ADD COLUMN assessed_on TEXT;
                ALTER TABLE rating_sheets ADD COLUMN latest_on TEXT;
                UPDATE rating_sheets SET latest_on = (SELECT max(json_extract(value, '$[5]')) FROM json_each(ratings));
                """)
        }
        migrator.registerMigration("v5: completeness") { db in
            // A result is decided only when complete (or partial where the scoring allows it): which it is,
            // and what it lacks, beside the JPM and categories (null categories then mean undecided).
            try db.execute(sql: """
                ALTER TABLE position_results ADD COLUMN completeness TEXT NOT NULL DEFAULT 'complete';
                ALTER TABLE position_results ADD COLUMN missing TEXT;
                """)
        }
        migrator.registerMigration("v6: accounts and audit log") { db in
            // The audit log is append-only from the application: triggers refuse UPDATE and DELETE.
            try db.execute(sql: """
                CREATE TABLE accounts (
                  name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
                  disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
                CREATE TABLE audit_log (
                  id INTEGER PRIMARY KEY, at TEXT NOT NULL, account TEXT NOT NULL, address TEXT NOT NULL,
                  action TEXT NOT NULL, object TEXT NOT NULL);
                CREATE INDEX audit_log_object ON audit_log(object);
                CREATE INDEX audit_log_account ON audit_log(account);
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)
        }
        migrator.registerMigration("v7: plan versions") { db in
            // HR's edits of a plan on the server, each a new version; earlier versions are kept (no UPDATE
            // or DELETE from the application).
            try db.execute(sql: """
                CREATE TABLE plan_versions (
                  id INTEGER PRIMARY KEY, nip TEXT NOT NULL, batch TEXT NOT NULL, version INTEGER NOT NULL,
                  saved_at TEXT NOT NULL, account TEXT NOT NULL, content TEXT NOT NULL, UNIQUE (nip, version));
                CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
                  BEGIN SELECT RAISE(ABORT, 'plan versions are kept as saved'); END;
                CREATE TRIGGER plan_versions_no_delete BEFORE DELETE ON plan_versions
                  BEGIN SELECT RAISE(ABORT, 'plan versions are kept as saved'); END;
                """)
        }
        migrator.registerMigration("v8: assessor accounts") { db in
            // An assessor's account names the code their ratings carry: the evidence they may see.
            try db.execute(sql: "ALTER TABLE accounts ADD COLUMN assessor TEXT")
        }
        migrator.registerMigration("v9: rating sheet keys") { db in
            // Who has a sheet in which batch, without the sheets: in a WITHOUT ROWID table the rows live in
            // the primary key's B-tree, so listing its keys read every sheet (a quarter of a gigabyte per
            // batch of 100,000 people). This index holds the keys alone: the scan that plans a scoring run
            // went from 0.11 s to 0.02 s per batch (sqlite3 shell, 100,000 sheets), and a history plans each batch.
            try db.execute(sql: "CREATE INDEX rating_sheets_keys ON rating_sheets(batch_id, person_id)")
        }
        return migrator
    }
}
