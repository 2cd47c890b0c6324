import Foundation
import MeritCore
import MeritYAML

extension Importer {
    /// What one thread read and the other stored.
    struct PipelineOutcome {
        var rows: Int
        /// Problems found reading and checking rows (the first of each kind, and counts).
        var summary: FindingSummary
        /// Problems found storing them (duplicates, conflicts).
        var storeFindings: [Finding]
    }

    /// A CSV on two cores: one thread reads and validates rows, the calling thread (which holds the
    /// store's transaction) stores them. Batches of validated records pass between the two.
    func pipelined(
        _ file: RecordFile, session: ImportSession, options: ImportOptions, progress: ((Int) -> Void)?
    ) throws -> PipelineOutcome {
        let queue = BoundedQueue<RecordBatch>(capacity: 8)
        let producer = RecordProducer(file: file, library: library, options: options, queue: queue, progress: progress)
        let thread = JoinedThread(stackSize: 8 << 20) { producer.run() }
        var storeFindings: [Finding] = []
        do {
            while let batch = queue.take() {
                for rating in batch.ratings {
                    try session.store(
                        rating, at: { session.rowMark(line: rating.line) }, battery: options.battery, &storeFindings)
                }
                for record in batch.others {
                    try session.store(
                        record, at: { session.rowMark(line: record.line) }, battery: options.battery,
                        findings: &storeFindings)
                }
            }
        } catch {
            queue.cancel()
            thread.join()
            throw error
        }
        thread.join()
        if let failure = producer.failure { throw failure }
        return PipelineOutcome(
            rows: producer.rows, summary: producer.summary, storeFindings: storeFindings)
    }
}

/// Validated records on their way to the store; ratings apart (millions of them, no enum around each).
struct RecordBatch: Sendable {
    var ratings: [RatingRecord] = []
    var others: [InputRecord] = []

    var count: Int { ratings.count + others.count }
    var isEmpty: Bool { ratings.isEmpty && others.isEmpty }

    mutating func append(_ record: InputRecord) {
        if case .rating(let rating) = record { ratings.append(rating) } else { others.append(record) }
    }

    mutating func removeAll() {
        ratings.removeAll(keepingCapacity: true)
        others.removeAll(keepingCapacity: true)
    }
}

/// The reading side of `pipelined`: parses, checks (ratings through their fast path first, everything
/// else through the full validator) and sends valid records in batches. Owns everything it touches until
/// its thread has been joined.
final class RecordProducer: @unchecked Sendable {
    private let file: RecordFile
    private let queue: BoundedQueue<RecordBatch>
    private let progress: ((Int) -> Void)?
    private var validator: RecordValidator
    private var fast: RatingFastPath?
    private(set) var rows = 0
    private(set) var summary: FindingSummary
    private(set) var failure: (any Error)?

    init(file: RecordFile, library: Library, options: ImportOptions, queue: BoundedQueue<RecordBatch>, progress: ((Int) -> Void)?) {
        self.file = file
        self.queue = queue
        self.progress = progress
        validator = RecordValidator(library: library, kind: file.kind, defaultBatch: options.batch)
        validator.readsMeetingPack = file.isMeetingPack
        if file.kind == .ratings { fast = RatingFastPath(library: library, file: file, defaultBatch: options.batch) }
        summary = FindingSummary(file: file.path, maxKept: options.maxFindingsPerFile)
    }

    func run() {
        var batch = RecordBatch()
        batch.ratings.reserveCapacity(4096)
        var problems: [Finding] = []
        do {
            try file.forEachRecord { view in
                if view.isFirstOfRow { rows += 1 }
                if rows % 65_536 == 0 { progress?(file.bytesRead) }
                if let record = fast?.record(view) {
                    batch.ratings.append(record)
                } else {
                    for record in validator.records(view, findings: &problems) {
                        if case .rating(let rating) = record { fast?.learn(view, rating) }
                        batch.append(record)
                    }
                }
                if !problems.isEmpty {
                    // Keep what a report shows (the first few of each kind); count the rest.
                    summary.add(problems)
                    problems.removeAll(keepingCapacity: true)
                }
                if batch.count == 4096 {
                    guard queue.put(batch) else { throw CancellationError() }
                    batch.removeAll()
                }
            }
            if !batch.isEmpty { queue.put(batch) }
        } catch let error as FindingList {
            summary.add(error.findings)
            if !batch.isEmpty { queue.put(batch) }
        } catch is CancellationError {
        } catch {
            failure = error
        }
        validator.finish(findings: &problems)
        summary.add(problems)
        queue.finish()
    }
}
