import Foundation
import MeritPostgres
import MeritPostgresTesting
import Testing

/// `merit_land` (migration 3) checks foreign keys per parent row instead of per row; these pin that it
/// refuses what PostgreSQL's own checks refuse, as the application's role calling it directly in SQL,
/// and stores nothing when it does.
@Suite struct LandingTests {
    /// Two agencies, each with an import, a batch, a person and the codes a rating points at; the SQL that, as the
    /// application's role bound to it, sends `line` into `incoming_ratings` and lands it.
    static func agencyWithParents() async throws -> (app: PostgresLocation, land: (String) -> String) {
        let (owner, app) = try await TestCluster.freshDatabase()
        try await PostgresStore.addAgency(code: "kab-satu", name: "Satu", at: owner, environment: [:])
        try await PostgresStore.addAgency(code: "kab-dua", name: "Dua", at: owner, environment: [:])
        for agency in [1, 2] {
            try TestCluster.psql(
                app,
                """
                BEGIN; SELECT set_config('merit.agency', '\(agency)', true);
                INSERT INTO imports VALUES (\(agency), 1, 'ratings.csv', 'x', 'ratings', 1, '2026-12-01');
                INSERT INTO batches VALUES (\(agency), 1, 'b1', NULL, NULL);
                INSERT INTO people VALUES (\(agency), 1, '198001012006041001');
                INSERT INTO codes VALUES (\(agency), 1, 'competency', 'INT'), (\(agency), 2, 'instrument', 'WWC'), (\(agency), 3, 'assessor', 'A1');
                COMMIT;
                """)
        }
        let columns = "agency_id, batch_id, person_id, competency_id, instrument_id, assessor_id, value_num, value_den, import_id, line"
        let land = { (values: String) in
            """
            BEGIN; SELECT set_config('merit.agency', '1', true);
            CREATE TEMPORARY TABLE incoming_ratings (LIKE ratings INCLUDING DEFAULTS) ON COMMIT DROP;
            INSERT INTO incoming_ratings (\(columns)) VALUES \(values);
            GRANT SELECT ON incoming_ratings TO merit_owner;
            SELECT merit_land('ratings', string_to_array('\(columns)', ', '));
            COMMIT;
            """
        }
        return (app, land)
    }

    static func ratings(_ app: PostgresLocation) throws -> String {
        // psql prints each statement's rows: the count is the last line.
        try TestCluster.psql(app, "SELECT set_config('merit.agency', '1', false); SELECT count(*) FROM ratings")
            .split(separator: "\n").last.map(String.init) ?? ""
    }

    @Test func landsRowsWhoseParentsExist() async throws {
        let (app, land) = try await Self.agencyWithParents()
        try TestCluster.psql(app, land("(1, 1, 1, 1, 2, 3, 3, 1, 1, 2)"))
        #expect(try Self.ratings(app) == "1")
    }

    @Test(arguments: [
        ("(1, 1, 9, 1, 2, 3, 3, 1, 1, 2)", "ratings_agency_id_person_id_fkey", "people"),
        ("(1, 1, 1, 1, 9, 3, 3, 1, 1, 2)", "ratings_agency_id_instrument_id_fkey", "codes"),
        ("(1, 7, 1, 1, 2, 3, 3, 1, 1, 2)", "ratings_agency_id_batch_id_fkey", "batches"),
        ("(1, 1, 1, 1, 2, 3, 3, 1, 4, 2)", "ratings_agency_id_import_id_fkey", "imports"),
    ])
    func refusesARowWhoseParentIsMissing(row: String, constraint: String, parent: String) async throws {
        let (app, land) = try await Self.agencyWithParents()
        let refusal = #expect(throws: PostgresStoreError.self) { try TestCluster.psql(app, land("(1, 1, 1, 1, 2, 3, 3, 1, 1, 2), \(row)")) }
        let message = "\(refusal.map { "\($0)" } ?? "")"
        #expect(message.contains("ERROR:  insert or update on table \"ratings\" violates foreign key constraint \"\(constraint)\""))
        #expect(message.contains("DETAIL:  1 key(s) of the new rows are not present in table \"\(parent)\"."))
        #expect(try Self.ratings(app) == "0")
    }

    /// A row of another agency is refused, though that agency has the parents it names: the policy hides
    /// them from a session bound to agency 1 (and would refuse the row itself).
    @Test func refusesARowOfAnotherAgency() async throws {
        let (app, land) = try await Self.agencyWithParents()
        let refusal = #expect(throws: PostgresStoreError.self) { try TestCluster.psql(app, land("(2, 1, 1, 1, 2, 3, 3, 1, 1, 2)")) }
        #expect("\(refusal.map { "\($0)" } ?? "")".contains("ERROR:  insert or update on table \"ratings\" violates foreign key constraint"))
        #expect(try Self.ratings(app) == "0")
    }

    @Test func refusesATableThatIsNotAnAgencys() async throws {
        let (app, _) = try await Self.agencyWithParents()
        let refusal = #expect(throws: PostgresStoreError.self) {
            try TestCluster.psql(app, "SELECT merit_land('merit_migrations', ARRAY['version'])")
        }
        #expect("\(refusal.map { "\($0)" } ?? "")".contains("ERROR:  merit_land: merit_migrations is not a table of an agency's records"))
    }
}
