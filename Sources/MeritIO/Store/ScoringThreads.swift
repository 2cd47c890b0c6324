import Dispatch
import Foundation
import MeritCore
import MeritRecords
import Synchronization

/// People to score: their evidence without ratings, and their rating sheets' bytes one after another.
struct SheetChunk: Sendable {
    var people: [(evidence: ParticipantEvidence, person: Int, sheet: Range<Int>?)] = []
    var bytes: [UInt8] = []

    mutating func add(_ evidence: ParticipantEvidence, person: Int, sheet: UnsafeBufferPointer<UInt8>?) {
        var range: Range<Int>?
        if let sheet {
            range = bytes.count..<(bytes.count + sheet.count)
            bytes.append(contentsOf: sheet)
        }
        people.append((evidence, person, range))
    }
}

/// The threads that score chunks of people (`ScoringChunks`), a fixed number of them, each job started in
/// the order given; and the emptied chunks they give back for reuse. One set serves every batch of a
/// history, so that a batch's last chunks are scored while the next batch is planned.
///
/// Threads of its own, not a concurrent `DispatchQueue`: libdispatch on Linux ran the queue's chunks on
/// one thread for seconds at a time while the other core idled (perf of `merit movement`, 100,000 people
/// × 3 batches: one scoring thread alone from 1.0 to 4.0 s, a second only from then on).
final class ScoringThreads: Sendable {
    /// What the threads share; they hold this, not the `ScoringThreads`, so that its `deinit` can end them.
    private final class Jobs: Sendable {
        /// Jobs in order from `head`, each with the group it counts in; a nil job tells a thread to end.
        let pending = Mutex<(jobs: [(run: @Sendable () -> Void, group: DispatchGroup)?], head: Int)>(([], 0))
        let available = DispatchSemaphore(value: 0)

        func add(_ job: (run: @Sendable () -> Void, group: DispatchGroup)?) {
            job?.group.enter()
            pending.withLock { $0.jobs.append(job) }
            available.signal()
        }

        func work() {
            while true {
                available.wait()
                guard let group = runNext() else { return }
                group.leave()
            }
        }

        /// Runs the next job and gives its group; nil for the end. The job is released when this returns,
        /// before it counts as done: whoever waits for the group may then drop what the job captured, and
        /// so the last reference to it is never let go on one of these threads.
        private func runNext() -> DispatchGroup? {
            let job = pending.withLock { pending in
                let job = pending.jobs[pending.head]
                pending.jobs[pending.head] = nil
                pending.head += 1
                if pending.head == pending.jobs.count {
                    pending.jobs.removeAll(keepingCapacity: true)
                    pending.head = 0
                }
                return job
            }
            guard let job else { return nil }
            job.run()
            return job.group
        }
    }

    private let jobs = Jobs()
    private let threads: [JoinedThread]
    private let spare = Mutex<[SheetChunk]>([])

    /// One thread per core by default.
    init(count: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let jobs = jobs
        threads = (0..<max(1, count)).map { _ in JoinedThread { jobs.work() } }
    }

    /// Runs `job` on one of the threads, counted in `group` until it has run and been released.
    func async(in group: DispatchGroup, _ job: @escaping @Sendable () -> Void) { jobs.add((job, group)) }

    /// An empty chunk to fill: a scored one whose arrays keep their memory, else a new one. A history
    /// reads 300,000 sheets: with a new chunk each time, a third of the reading thread went to the kernel
    /// handing out (and zeroing) fresh pages for the sheets' bytes.
    func spareChunk() -> SheetChunk {
        spare.withLock { $0.popLast() } ?? SheetChunk()
    }

    /// Takes back a scored chunk, emptied, for `spareChunk`.
    func recycle(_ chunk: inout SheetChunk) {
        var used = SheetChunk()
        swap(&used, &chunk)
        used.people.removeAll(keepingCapacity: true)
        used.bytes.removeAll(keepingCapacity: true)
        spare.withLock { $0.append(used) }
    }

    deinit {
        for _ in threads { jobs.add(nil) }
        for thread in threads { thread.join() }
    }
}
