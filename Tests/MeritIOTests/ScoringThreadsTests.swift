import Dispatch
import Foundation
@testable import MeritIO
import Synchronization
import Testing

/// The scoring threads run every job given, on as many threads as asked for, and a group's wait returns
/// only when its own jobs have run.
@Suite struct ScoringThreadsTests {
    @Test func everyJobRunsOnTheThreadsAskedFor() {
        let threads = ScoringThreads(count: 2)
        let group = DispatchGroup()
        let seen = Mutex<(runs: Int, threads: Set<pthread_t>, together: Bool)>((0, [], false))
        // The first job waits for the second to start: on one thread it would time out.
        let secondStarted = DispatchSemaphore(value: 0)
        threads.async(in: group) {
            let together = secondStarted.wait(timeout: .now() + 10) == .success
            seen.withLock { $0.together = together }
        }
        for _ in 0..<100 {
            threads.async(in: group) {
                secondStarted.signal()
                seen.withLock {
                    $0.runs += 1
                    $0.threads.insert(pthread_self())
                }
            }
        }
        group.wait()
        let result = seen.withLock { $0 }
        #expect(result.together)
        #expect(result.runs == 100)
        #expect(result.threads.count <= 2)
    }

    @Test func aGroupWaitsForItsOwnJobsOnly() {
        let threads = ScoringThreads(count: 1)
        let first = DispatchGroup()
        let second = DispatchGroup()
        let release = DispatchSemaphore(value: 0)
        let done = Mutex(false)
        threads.async(in: first) { done.withLock { $0 = true } }
        // Given after the first group's job, and held: the first group's wait must not wait for it.
        threads.async(in: second) { release.wait() }
        first.wait()
        #expect(done.withLock { $0 })
        #expect(second.wait(timeout: .now()) == .timedOut)
        release.signal()
        second.wait()
    }

    @Test func chunksGivenBackAreReusedEmpty() {
        let threads = ScoringThreads(count: 1)
        var chunk = threads.spareChunk()
        chunk.bytes = Array(repeating: 7, count: 1_000)
        threads.recycle(&chunk)
        #expect(chunk.bytes.isEmpty)
        let reused = threads.spareChunk()
        #expect(reused.bytes.isEmpty && reused.people.isEmpty)
        #expect(reused.bytes.capacity >= 1_000)
    }
}
