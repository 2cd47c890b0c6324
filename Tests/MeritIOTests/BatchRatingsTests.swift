import Foundation
import GRDB
import MeritCore
@testable import MeritIO
import Testing

/// One batch's ratings as rated, for rater statistics, whichever batch is each person's latest.
@Suite struct BatchRatingsTests {
    @Test func aBatchGivesEveryRatingOfItsSheets() throws {
        let fixture = try ImportFixture()
        let files = ["profiles", "ratings"].map { StoredCohortTests.examples.appendingPathComponent("\($0).csv").path }
        #expect(try fixture.run(files, options: ImportOptions()).committed)
        // A later batch of one rating for one person: the first batch still gives all of theirs.
        let nip = "199602072020112001"
        let later = "nip,instrument,competency,assessor,rating,batch,date\n\(nip),lgd,integritas,asr-9,4,ulang,2026-10-01\n"
        #expect(try fixture.run([try fixture.write("later.csv", later)], options: ImportOptions(partialBatch: true)).committed)
        let first = try #require(try fixture.store.batchRatings("asesmen-2026", library: fixture.library))
        let stored = try fixture.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM ratings JOIN batches ON batches.id = batch_id WHERE name = 'asesmen-2026'")!
        }
        #expect(first.count == 40 && first.reduce(0) { $0 + $1.ratings.count } == stored)
        #expect(first.map(\.nip) == first.map(\.nip).sorted())
        let second = try #require(try fixture.store.batchRatings("ulang", library: fixture.library))
        #expect(second.map(\.nip) == [nip] && second[0].ratings.map(\.assessor) == ["asr-9"])
        #expect(try fixture.store.batchRatings("tidak-ada", library: fixture.library) == nil)
        #expect(try fixture.store.batchNames() == ["asesmen-2026", "ulang"])
    }
}
