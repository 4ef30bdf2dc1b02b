import FuzzChecks

// Built by fuzz/run.sh (--sanitize=fuzzer, -DFUZZING), libFuzzer supplies main() and calls this
// function, and the file holds nothing else. Built plainly, the top-level code replays a corpus.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCBOR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    CBORCheck.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if !FUZZING
// A declaration, not a statement: fuzzer builds compile this file in library mode, where only
// declarations may stand at the top level. In a plain build it runs as top-level code and exits.
let replayStatus: Int32 = CorpusReplay.run(Array(CommandLine.arguments.dropFirst()), check: CBORCheck.run)
#endif
