import Foundation
import MeritCore
import MeritIO
import MeritJob
import MeritLibrary
import Testing

/// The streamed history (`MeritStore.scoreBatches`) against each batch loaded whole and scored
/// (`CohortHistory.assessments(of:)`, `loadCohort(library:batch:)`), on a generated cohort over three years
/// whose profiles change between years.
@Suite struct CohortHistoryTests {
    static let reference = CalendarDate(year: 2026, month: 11, day: 22)!

    static func store() throws -> (Library, MeritStore, URL) {
        let library = try #require(LibraryLoader().load(folder: WholeJobTests.root.appendingPathComponent("Instruments").path).library)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("merit-history-\(UUID().uuidString)")
        var generator = CohortGenerator(library: library, seed: 5)
        generator.years = 3
        let (paths, _) = try CohortFiles.generate(generator, people: 150, to: folder.path)
        let store = try MeritStore(path: folder.appendingPathComponent("merit.sqlite").path)
        let importer = Importer(library: library, store: store)
        for files in paths.prefix(2).map({ [$0] }) + [Array(paths.suffix(4))] {
            let result = try importer.run(files, options: ImportOptions(batch: generator.batch))
            try #require(result.committed, "\(result.findings.prefix(3))")
        }
        return (library, store, folder)
    }

    @Test func streamedEqualsEachBatchLoadedWhole() throws {
        let (library, store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try CohortHistory(library: library, store: store, referenceDate: Self.reference)
        #expect(history.batches == ["asesmen-2024", "asesmen-2025", "asesmen-2026"])
        var boxes = 0
        for batch in history.batches {
            let whole = try #require(try CohortHistory.assessments(of: batch, library: library, store: store, referenceDate: Self.reference))
            let streamed = history.batch(batch)
            #expect(whole.count == 150 && streamed.count == 150)
            for assessment in whole {
                #expect(streamed[assessment.nip] == assessment, "\(batch) \(assessment.nip)")
            }
            boxes += Set(whole.compactMap(\.box)).count
        }
        #expect(boxes > 9, "the cohort has people in many boxes over the years")
        // Profiles differ between years: the streamed batches used each year's.
        let first = history.batch("asesmen-2024"), last = history.batch("asesmen-2026")
        #expect(first.contains { nip, assessment in last[nip]?.position != assessment.position || last[nip]?.box != assessment.box })
    }

    @Test func onePersonsHistoryIsTheirsInTheWholeHistory() throws {
        let (library, store, folder) = try Self.store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let history = try CohortHistory(library: library, store: store, referenceDate: Self.reference)
        let nip = try #require(history.people.keys.sorted().dropFirst(7).first)
        let one = try CohortHistory(library: library, store: store, referenceDate: Self.reference, nip: nip)
        #expect(one.people.count == 1)
        #expect(one.people[nip] == history.people[nip])
        #expect(one.people[nip]?.count == 3)
        let nobody = try CohortHistory(library: library, store: store, referenceDate: Self.reference, nip: "199901012020011999")
        #expect(nobody.people.isEmpty)
    }
}
