import Foundation

/// A command's run as a user sees it: wall time and peak resident memory.
public struct ChildRun: Sendable, Codable {
    public var seconds: Double
    public var peakMB: Double
}

/// Commands run as child processes, all started at once and timed until each exits (`merit bench`
/// times `merit import` this way, so the figures are what a user's command takes).
enum ChildProcesses {
    struct Command {
        var arguments: [String]
        /// Added to this process's environment.
        var environment: [String: String] = [:]
    }

    /// Starts every command, waits for all; each one's time from the common start to its exit. A command
    /// that fails throws with what it printed on standard error.
    ///
    /// The peak is the child's `VmHWM`, read while it runs: `wait4`'s `ru_maxrss` cannot be used, because
    /// Linux starts a spawned child's figure at the high-water mark of the process that spawned it (the
    /// parent's memory, shared until `exec`), and this parent holds the generated sheets; every run then
    /// reported the parent's 191 MB.
    static func run(_ commands: [Command], errorsIn folder: String) throws -> [ChildRun] {
        let start = DispatchTime.now().uptimeNanoseconds
        var children: [(pid: pid_t, errors: String, command: Command)] = []
        for (index, command) in commands.enumerated() {
            let errors = "\(folder)/child-\(index).stderr"
            children.append((try spawn(command, errors: errors), errors, command))
        }
        var runs = [ChildRun?](repeating: nil, count: children.count)
        var statuses = [Int32](repeating: 0, count: children.count)
        var peaks = [Int](repeating: 0, count: children.count)
        while runs.contains(where: { $0 == nil }) {
            for (index, child) in children.enumerated() where runs[index] == nil {
                let reaped = waitpid(child.pid, &statuses[index], WNOHANG)
                if reaped == child.pid {
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    runs[index] = ChildRun(seconds: seconds, peakMB: Double(peaks[index]) / 1024)
                } else if reaped < 0 && errno != EINTR {
                    throw BenchmarkError("lost the child process \(child.pid)")
                } else {
                    peaks[index] = max(peaks[index], highWaterKB(of: child.pid))
                }
            }
            usleep(5_000)
        }
        for (index, child) in children.enumerated() {
            let message = (try? String(contentsOfFile: child.errors, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: child.errors)
            guard statuses[index] == 0 else {
                throw BenchmarkError("\(child.command.arguments.dropFirst().prefix(3).joined(separator: " ")) failed: \(message.prefix(600))")
            }
        }
        return runs.map { $0! }
    }

    private static func spawn(_ command: Command, errors: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var environment = ProcessInfo.processInfo.environment
        environment.merge(command.environment) { $1 }
        var argv = command.arguments.map { strdup($0) } + [nil]
        var envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, command.arguments[0], &actions, nil, &argv, &envp) == 0 else {
            throw BenchmarkError("cannot start \(command.arguments[0])")
        }
        return pid
    }

    /// `VmHWM` of a running process, in KB (0 once it has exited).
    static func highWaterKB(of pid: pid_t) -> Int {
        // Read with read(2): proc files report a size of 0, which Foundation's readers trust.
        let descriptor = open("/proc/\(pid)/status", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 8192)
        let count = read(descriptor, &bytes, bytes.count)
        guard count > 0 else { return 0 }
        let status = String(decoding: bytes[..<count], as: UTF8.self)
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:\t  114592 kB": the figure is the first word after the tab and spaces.
            return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }
}
