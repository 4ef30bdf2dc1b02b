import Foundation  // fuzz tooling only, never linked into mock-cognito (tools/check-foundation-imports.sh)

/// What a fuzz target's executable does when it is built without `-sanitize=fuzzer`: runs the
/// check on every file of the directories (or files) named on the command line, so the corpus
/// stays exercised by a plain build. Exit status 0 when every input passed (a failing input traps).
public enum CorpusReplay {
    /// Replays, then exits the process with the status (never returns).
    public static func run(_ arguments: [String], check: ([UInt8]) -> Void) -> Int32 {
        exit(main(arguments, check: check))
    }

    public static func main(_ arguments: [String], check: ([UInt8]) -> Void) -> Int32 {
        guard !arguments.isEmpty else {
            print("usage: \(CommandLine.arguments.first ?? "fuzz-target") <corpus directory or file>...\n"
                + "(built with --sanitize=fuzzer this is a libFuzzer binary; see fuzz/run.sh)")
            return 64
        }
        var count = 0
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                print("no such file or directory: \(argument)")
                return 66
            }
            let paths = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []).sorted().map { argument + "/" + $0 }
                : [argument]
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                check(Array(data))
                count += 1
            }
        }
        print("replayed \(count) inputs: all passed")
        return 0
    }
}
