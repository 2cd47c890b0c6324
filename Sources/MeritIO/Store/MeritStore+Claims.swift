import GRDB
import MeritCore

extension MeritStore {
    /// Every stored provider claim (`jpm` / `category` columns of imported levels files).
    public func providerClaims() throws -> [ProviderCheck.Claim] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT people.nip, batches.name, jpm, category_set, category FROM provider_claims
                    JOIN people ON people.id = person_id JOIN batches ON batches.id = batch_id
                    ORDER BY people.nip, batches.name
                    """
            ).map { row in ProviderCheck.Claim(nip: row[0], batch: row[1], jpmText: row[2], categorySet: row[3], category: row[4]) }
        }
    }
}
