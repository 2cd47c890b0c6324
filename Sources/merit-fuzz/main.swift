import CFuzzShim
import Foundation

// merit-fuzz TARGET [libFuzzer flags and corpus folders]: one of the readers under libFuzzer.
// Built and run by scripts/fuzz; an ordinary build links but says it has no libFuzzer.

// The target comes first on the command line, or from MERIT_FUZZ_TARGET (libFuzzer's -jobs starts
// workers with its own flags only, so scripts/fuzz names the target there).
let names = FuzzTarget.allCases.map(\.rawValue)
let fromArguments = CommandLine.arguments.count >= 2 ? FuzzTarget(rawValue: CommandLine.arguments[1]) : nil
guard let chosen = fromArguments ?? ProcessInfo.processInfo.environment["MERIT_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) else {
    FileHandle.standardError.write(Data("usage: merit-fuzz \(names.joined(separator: "|")) [libFuzzer flags] [corpus…] (or MERIT_FUZZ_TARGET=…)\n".utf8))
    exit(64)
}
nonisolated(unsafe) var target = chosen
_ = FuzzState.shared

// libFuzzer sees the program name and its own flags, not the target name.
var arguments = [CommandLine.arguments[0]] + CommandLine.arguments.dropFirst(fromArguments == nil ? 1 : 2)
var pointers = arguments.map { strdup($0) } + [nil]
let status = merit_fuzz_run(Int32(arguments.count), &pointers) { data, size in
    target.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
exit(status)
