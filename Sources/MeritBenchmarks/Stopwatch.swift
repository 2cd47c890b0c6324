import Dispatch

/// Wall-clock timing of repeated runs; benchmarks report the median.
public struct Timing: Sendable, Codable {
    public var name: String
    public var seconds: [Double]

    public var median: Double {
        let sorted = seconds.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `body` `runs` times after one warm-up run.
    public static func measure(_ name: String, runs: Int, _ body: () throws -> Void) rethrows -> Timing {
        try body()
        var seconds: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return Timing(name: name, seconds: seconds)
    }

    /// Seconds one run of `body` took.
    static func clock(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
