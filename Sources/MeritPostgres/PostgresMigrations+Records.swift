/// Migration 2: the records and results, as SQLite holds them (MeritStore's `StoreSchema`) with the
/// agency first in every key, except ratings: one row per rating here (SQLite packs a batch × person's
/// ratings into one `rating_sheets` row; `RecordTables` converts between the two).
///
/// Integers are `bigint` (SQLite's ids and rationals are 64-bit), dates ISO text as in SQLite, so a store
/// copied either way compares equal row by row. Foreign keys name the agency too, so a rating can only
/// point at a person, batch, code and import of its own agency (and Citus can keep them on one node).
extension PostgresMigrations {
    static let records = Migration(
        version: 2, name: "records and results",
        statements: [
            """
            CREATE TABLE imports (
                agency_id integer NOT NULL REFERENCES agencies (id), id bigint NOT NULL,
                file text NOT NULL, sha256 text NOT NULL, kind text NOT NULL, rows bigint NOT NULL DEFAULT 0, imported_at text NOT NULL,
                PRIMARY KEY (agency_id, id))
            """,
            "CREATE INDEX imports_by_hash ON imports (agency_id, sha256, kind)",
            """
            CREATE TABLE batches (
                agency_id integer NOT NULL REFERENCES agencies (id), id bigint NOT NULL,
                name text NOT NULL, battery text, assessed_on text,
                PRIMARY KEY (agency_id, id), UNIQUE (agency_id, name))
            """,
            """
            CREATE TABLE people (
                agency_id integer NOT NULL REFERENCES agencies (id), id bigint NOT NULL, nip text NOT NULL,
                PRIMARY KEY (agency_id, id), UNIQUE (agency_id, nip))
            """,
            """
            CREATE TABLE codes (
                agency_id integer NOT NULL REFERENCES agencies (id), id bigint NOT NULL, kind text NOT NULL, code text NOT NULL,
                PRIMARY KEY (agency_id, id), UNIQUE (agency_id, kind, code))
            """,
            """
            CREATE TABLE profiles (
                agency_id integer NOT NULL, person_id bigint NOT NULL, import_id bigint NOT NULL,
                as_of text, name text NOT NULL, unit text NOT NULL, position text NOT NULL, job_level text NOT NULL,
                education text, education_field text, rank text, trainings text NOT NULL, experience_years bigint,
                performance text, line bigint NOT NULL,
                PRIMARY KEY (agency_id, person_id, import_id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            """
            CREATE TABLE ratings (
                agency_id integer NOT NULL, batch_id bigint NOT NULL, person_id bigint NOT NULL,
                competency_id bigint NOT NULL, instrument_id bigint NOT NULL, assessor_id bigint NOT NULL,
                value_num bigint, value_den bigint CHECK (value_den > 0), rated_on text, note text,
                import_id bigint NOT NULL, line bigint NOT NULL,
                PRIMARY KEY (agency_id, batch_id, person_id, competency_id, instrument_id, assessor_id),
                FOREIGN KEY (agency_id, batch_id) REFERENCES batches (agency_id, id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, competency_id) REFERENCES codes (agency_id, id),
                FOREIGN KEY (agency_id, instrument_id) REFERENCES codes (agency_id, id),
                FOREIGN KEY (agency_id, assessor_id) REFERENCES codes (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            // A person's ratings across batches (their history, the evidence pages).
            "CREATE INDEX ratings_by_person ON ratings (agency_id, person_id)",
            """
            CREATE TABLE test_scores (
                agency_id integer NOT NULL, batch_id bigint NOT NULL, person_id bigint NOT NULL, instrument_id bigint NOT NULL,
                raw_num bigint NOT NULL, raw_den bigint NOT NULL CHECK (raw_den > 0), tested_on text,
                import_id bigint NOT NULL, line bigint NOT NULL,
                PRIMARY KEY (agency_id, batch_id, person_id, instrument_id),
                FOREIGN KEY (agency_id, batch_id) REFERENCES batches (agency_id, id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, instrument_id) REFERENCES codes (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            """
            CREATE TABLE agreed_levels (
                agency_id integer NOT NULL, batch_id bigint NOT NULL, person_id bigint NOT NULL, competency_id bigint NOT NULL,
                level_num bigint NOT NULL, level_den bigint NOT NULL CHECK (level_den > 0), note text,
                import_id bigint NOT NULL, line bigint NOT NULL, assessed_on text,
                PRIMARY KEY (agency_id, batch_id, person_id, competency_id),
                FOREIGN KEY (agency_id, batch_id) REFERENCES batches (agency_id, id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, competency_id) REFERENCES codes (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            """
            CREATE TABLE provider_claims (
                agency_id integer NOT NULL, batch_id bigint NOT NULL, person_id bigint NOT NULL,
                jpm text, category_set text, category text, import_id bigint NOT NULL, line bigint NOT NULL,
                PRIMARY KEY (agency_id, batch_id, person_id),
                FOREIGN KEY (agency_id, batch_id) REFERENCES batches (agency_id, id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            """
            CREATE TABLE replacements (
                agency_id integer NOT NULL, id bigint NOT NULL, import_id bigint NOT NULL,
                record text NOT NULL, key text NOT NULL, old_value text NOT NULL, new_value text NOT NULL,
                PRIMARY KEY (agency_id, id),
                FOREIGN KEY (agency_id, import_id) REFERENCES imports (agency_id, id))
            """,
            """
            CREATE TABLE scoring_runs (
                agency_id integer NOT NULL REFERENCES agencies (id), id bigint NOT NULL,
                computed_at text NOT NULL, reference_date text NOT NULL,
                PRIMARY KEY (agency_id, id))
            """,
            """
            CREATE TABLE competency_results (
                agency_id integer NOT NULL, person_id bigint NOT NULL, competency_id bigint NOT NULL, run_id bigint NOT NULL,
                integrated_num bigint, integrated_den bigint, computed_num bigint, computed_den bigint,
                agreed_num bigint, agreed_den bigint, flags bigint NOT NULL,
                PRIMARY KEY (agency_id, person_id, competency_id),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, run_id) REFERENCES scoring_runs (agency_id, id))
            """,
            """
            CREATE TABLE position_results (
                agency_id integer NOT NULL, person_id bigint NOT NULL, position text NOT NULL, run_id bigint NOT NULL,
                jpm_num bigint NOT NULL, jpm_den bigint NOT NULL, jpm_shown text NOT NULL,
                selection text, mapping text, box bigint, qualified bigint NOT NULL, expired bigint NOT NULL,
                completeness text NOT NULL DEFAULT 'complete', missing text,
                PRIMARY KEY (agency_id, person_id, position),
                FOREIGN KEY (agency_id, person_id) REFERENCES people (agency_id, id),
                FOREIGN KEY (agency_id, run_id) REFERENCES scoring_runs (agency_id, id))
            """,
        ] + recordTableNames.flatMap(agencyPolicy) + [
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(recordTableNames.joined(separator: ", ")) TO {app}",
        ])

    /// The tables of migration 2, parents before children.
    static let recordTableNames = [
        "imports", "batches", "people", "codes", "profiles", "ratings", "test_scores", "agreed_levels", "provider_claims",
        "replacements", "scoring_runs", "competency_results", "position_results",
    ]
}
