/// Migration 4: accounts of a province or a provider that serve other agencies (issue 14: "accounts of
/// the web application belong to one agency, or to the province/provider with a list of agencies").
///
/// An account still belongs to one agency, which alone may disable it or give it a new password. A row
/// of `account_grants` lets it sign in on another agency's server too, where it reads and writes that
/// agency's rows only (the session is bound to the agency served, as every session is). Only the schema's
/// owner grants (`merit store agency grant`): an agency's own admin must not be able to reach another
/// agency's people.
///
/// `account_grants` belongs to the agency served (`agency_id` first, as every agency table), and names the
/// account by its agency and name without a foreign key: under Citus the account may sit on another node
/// (grants are few; they would be a reference table). The grant checks the account exists; a sign-in
/// needs the account's row anyway, so a grant left by a removed account lets no one in.
///
/// The application's role sees the grants of its own agency (given and received) and may change none.
/// The owner manages them, so their security is not forced for the owner (every other table's is).
extension PostgresMigrations {
    static let grants = Migration(
        version: 4, name: "accounts that serve other agencies",
        statements: [
            """
            CREATE TABLE account_grants (
                agency_id integer NOT NULL REFERENCES agencies (id),
                account_agency_id integer NOT NULL REFERENCES agencies (id),
                account text NOT NULL,
                granted_at text NOT NULL,
                PRIMARY KEY (agency_id, account_agency_id, account),
                CHECK (agency_id <> account_agency_id))
            """,
            "ALTER TABLE account_grants ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY account_grants_of_agency ON account_grants FOR SELECT
                USING (NULLIF(current_setting('merit.agency', true), '')::integer IN (agency_id, account_agency_id))
            """,
            // An account granted to the session's agency may be read there (to sign in), not changed: the
            // UPDATE policy stays accounts_of_agency alone.
            """
            CREATE POLICY accounts_granted ON accounts FOR SELECT
                USING (EXISTS (
                    SELECT 1 FROM account_grants g
                    WHERE g.agency_id = NULLIF(current_setting('merit.agency', true), '')::integer
                      AND g.account_agency_id = accounts.agency_id AND g.account = accounts.name))
            """,
            "GRANT SELECT ON account_grants TO {app}",
        ])
}
