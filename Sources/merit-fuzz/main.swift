import CFuzzShim
import Foundation

// merit-fuzz TARGET [libFuzzer flags and corpus folders]: one of the readers under libFuzzer.
// Built and run by scripts/fuzz; an ordinary build links but says it has no libFuzzer.

let names = FuzzTarget.allCases.map(\.rawValue)
guard CommandLine.arguments.count >= 2, let chosen = FuzzTarget(rawValue: CommandLine.arguments[1]) else {
    FileHandle.standardError.write(Data("usage: merit-fuzz \(names.joined(separator: "|")) [libFuzzer flags] [corpus…]\n".utf8))
    exit(64)
}
nonisolated(unsafe) var target = chosen
_ = FuzzState.shared

// libFuzzer sees the program name and its own flags, not the target name.
var arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(2)
var pointers = arguments.map { strdup($0) } + [nil]
let status = merit_fuzz_run(Int32(arguments.count), &pointers) { data, size in
    target.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
exit(status)
