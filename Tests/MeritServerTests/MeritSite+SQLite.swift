import MeritIO
import MeritServer

extension MeritSite {
    /// The SQLite store these tests serve (the PostgreSQL store's pages are tested in MeritPostgresTests).
    var sqlite: MeritStore { store as! MeritStore }
}
