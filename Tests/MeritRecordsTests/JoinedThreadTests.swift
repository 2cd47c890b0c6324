import Testing
@testable import MeritRecords

@Suite struct JoinedThreadTests {
    final class Held: @unchecked Sendable {
        var touched = false
    }

    @Test func joinReturnsOnlyWhenTheBodyAndWhatItCapturedAreReleased() {
        // Repeated: the release racing the caller's return showed only now and then (issue 10's leaks).
        for _ in 0..<200 {
            weak var watched: Held?
            let thread: JoinedThread
            do {
                let held = Held()
                watched = held
                thread = JoinedThread { held.touched = true }
            }
            thread.join()
            #expect(watched == nil)
        }
    }

    @Test func theBodyRunsOnceAndJoiningTwiceIsHarmless() {
        let held = Held()
        let thread = JoinedThread { held.touched = true }
        thread.join()
        thread.join()
        #expect(held.touched)
    }
}
