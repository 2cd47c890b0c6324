/// Migration 3: `merit_land`, which moves the rows a command sent with COPY (into its temporary table
/// `incoming_T`) into table T with its foreign keys checked once per parent row instead of once per row.
///
/// Why: PostgreSQL checks a foreign key with one query per inserted row and key (ri_triggers.c), and
/// PostgreSQL 15 does not batch them. A rating row has six, so the INSERT … SELECT of a 100,000-person
/// import (5.1 million ratings) took 165 s, against 14 s for the same rows with the per-row checks off
/// (this machine, 2 cores, measured with psql on `scripts/postgres-cluster`; figures in issue 14's note).
///
/// What it does is what the per-row checks do, by distinct key: every parent row the new rows point at
/// must exist (else SQLSTATE 23503, as PostgreSQL's own check) and is locked `FOR KEY SHARE` until the
/// transaction ends, so nothing deletes it meanwhile. Then one INSERT … SELECT with the per-row checks
/// off (`session_replication_role = replica`, for this function only). The constraints stay declared, and
/// every write that does not come through here (updates in place, deletes, the web application's inserts,
/// a DBA's SQL) is checked row by row as before. The function runs as the schema's owner, whom
/// row-level security binds too (FORCE), so the agency's policy still checks every row; it only takes a
/// table of the agency and column names it quotes itself.
///
/// It also drops `ratings_by_person` (migration 2): no command or page reads ratings by person alone (they
/// read an agency's rows, in primary-key order), and keeping it up cost 5 s of the 18 s that landing those
/// 5.1 million rows took.
///
/// Setting `session_replication_role` needs a superuser's grant to the owner, once:
/// `GRANT SET ON PARAMETER session_replication_role TO merit_owner` (PostgreSQL 15 and later).
extension PostgresMigrations {
    static let landing = Migration(
        version: 3, name: "rows landed with their foreign keys checked per parent",
        statements: [
            """
            CREATE FUNCTION merit_land(target text, columns text[], ordering text DEFAULT NULL) RETURNS bigint
                LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = public, pg_temp
                SET session_replication_role = replica
            AS $land$
            DECLARE
                incoming text := format('pg_temp.%I', 'incoming_' || target);
                names text;
                reference record;
                missing bigint;
                landed bigint;
            BEGIN
                IF NOT target = ANY (ARRAY[\(landedTables.map { "'\($0)'" }.joined(separator: ", "))]) THEN
                    RAISE EXCEPTION 'merit_land: % is not a table of an agency''s records', target USING ERRCODE = '42501';
                END IF;
                SELECT string_agg(format('%I', name), ', ' ORDER BY n) INTO names FROM unnest(columns) WITH ORDINALITY AS c(name, n);
                FOR reference IN
                    SELECT c.conname, c.confrelid::regclass AS parent,
                        string_agg(format('i.%I', child.attname), ', ' ORDER BY k.n) AS keys,
                        string_agg(format('p.%I = i.%I', parent.attname, child.attname), ' AND ' ORDER BY k.n) AS matches
                    FROM pg_constraint c
                    CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(child, parent, n)
                    JOIN pg_attribute child ON child.attrelid = c.conrelid AND child.attnum = k.child
                    JOIN pg_attribute parent ON parent.attrelid = c.confrelid AND parent.attnum = k.parent
                    WHERE c.conrelid = format('public.%I', target)::regclass AND c.contype = 'f'
                    GROUP BY c.conname, c.confrelid
                LOOP
                    EXECUTE format(
                        'SELECT count(*) FROM (SELECT DISTINCT %s FROM %s i) i WHERE NOT EXISTS (SELECT FROM %s p WHERE %s FOR KEY SHARE OF p)',
                        reference.keys, incoming, reference.parent, reference.matches) INTO missing;
                    IF missing > 0 THEN
                        RAISE EXCEPTION 'insert or update on table "%" violates foreign key constraint "%"', target, reference.conname
                            USING ERRCODE = '23503', DETAIL = format('%s key(s) of the new rows are not present in table "%s".', missing, reference.parent);
                    END IF;
                END LOOP;
                EXECUTE format('INSERT INTO public.%I (%s) SELECT %s FROM %s%s', target, names, names, incoming,
                    CASE WHEN ordering IS NULL THEN '' ELSE format(' ORDER BY %I', ordering) END);
                GET DIAGNOSTICS landed = ROW_COUNT;
                RETURN landed;
            END
            $land$
            """,
            "DROP INDEX ratings_by_person",
            "REVOKE ALL ON FUNCTION merit_land(text, text[], text) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION merit_land(text, text[], text) TO {app}",
        ],
        grantNeeded: "as a superuser, run GRANT SET ON PARAMETER session_replication_role TO {owner} once, then migrate again")

    /// The tables `merit_land` writes: every table of an agency's data.
    static let landedTables = recordTableNames + ["accounts", "audit_log", "plan_versions"]
}
