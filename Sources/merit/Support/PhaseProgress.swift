import Foundation
import Synchronization

/// A long command's progress on a terminal: the phase, done of total and an estimate of the time left, on
/// one line of standard error that updates (at most five times a second); nothing when standard error
/// is not a terminal, so files and pipes get only the results.
final class PhaseProgress: Sendable {
    private struct State {
        var phase = ""
        var total = 0
        var done = 0
        var started = DispatchTime.now().uptimeNanoseconds
        var shown: UInt64 = 0
    }

    private let label: String
    private let enabled: Bool
    private let state = Mutex(State())

    init(label: String, enabled: Bool = Terminal.stderrIsTerminal) {
        self.label = label
        self.enabled = enabled
    }

    /// A new phase of `total` steps (0 when the count is not known).
    func start(_ phase: String, total: Int = 0) {
        guard enabled else { return }
        let line = state.withLock { state -> String in
            state = State(phase: phase, total: total)
            return Self.line(label, state, now: state.started)
        }
        write(line)
    }

    /// One more step done (from any thread).
    func advance(by steps: Int = 1) {
        guard enabled else { return }
        let line = state.withLock { state -> String? in
            state.done += steps
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - state.shown > 200_000_000 || state.done == state.total else { return nil }
            state.shown = now
            return Self.line(label, state, now: now)
        }
        if let line { write(line) }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data("\r\(line)\u{1B}[K".utf8))
    }

    /// "run: plans 1200 of 10000 · about 1 min 20 s left".
    private static func line(_ label: String, _ state: State, now: UInt64) -> String {
        var text = "\(label): \(state.phase)"
        guard state.total > 0 else { return text }
        text += " \(state.done) of \(state.total)"
        let elapsed = Double(now - state.started) / 1e9
        if state.done > 0 && state.done < state.total && elapsed > 1 {
            let left = elapsed / Double(state.done) * Double(state.total - state.done)
            text += " · about \(duration(left)) left"
        }
        return text
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}
