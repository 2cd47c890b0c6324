import Foundation
import Testing

@testable import MeritBenchmarks

/// `merit bench xlsx` reports each child's peak memory from `/proc/PID/status`; a parse that reads 0
/// would print "peak 0 MB" for every run, which looks like a figure.
struct PeakMemoryTests {
    @Test func theHighWaterMarkFollowsMemoryTouched() {
        let before = ChildProcesses.highWaterKB(of: getpid())
        #expect(before > 1_024)
        // Touch 64 MB more than the process has ever held, page by page.
        let size = (64 << 20) + before * 1_024
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        defer { block.deallocate() }
        for page in stride(from: 0, to: size, by: 4_096) { block[page] = 1 }
        let after = ChildProcesses.highWaterKB(of: getpid())
        #expect(after - before >= 60 * 1_024)
    }

    @Test func anExitedProcessHasNone() {
        #expect(ChildProcesses.highWaterKB(of: pid_t(Int32.max)) == 0)
    }
}
