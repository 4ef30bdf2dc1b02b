import Foundation
import Testing
import FuzzChecks

/// Every input a fuzz target ever failed on (fuzz/regressions/<target>/) and the committed seed
/// corpus (fuzz/corpus/<target>/) run through the same checks the fuzz targets make.
@Suite struct FuzzRegressionTests {
    static let fuzzDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fuzz")

    static func inputs(_ kind: String, _ target: String) -> [String] {
        let directory = fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        try #require(FileManager.default.contents(atPath: path).map { Array($0) })
    }

    @Test func seedCorporaArePresent() {
        #expect(Self.inputs("corpus", "http").count >= 10)
        #expect(Self.inputs("corpus", "json").count >= 10)
        #expect(Self.inputs("corpus", "cbor").count >= 5)
    }

    @Test(arguments: inputs("regressions", "http") + inputs("corpus", "http"))
    func httpParser(_ path: String) throws {
        HTTPParserCheck.run(try Self.bytes(path))
    }

    @Test(arguments: inputs("regressions", "json") + inputs("corpus", "json"))
    func jsonInput(_ path: String) throws {
        JSONInputCheck.run(try Self.bytes(path))
    }

    @Test(arguments: inputs("regressions", "cbor") + inputs("corpus", "cbor"))
    func cborInput(_ path: String) throws {
        CBORCheck.run(try Self.bytes(path))
    }
}

/// Crashes the fuzz targets found, each with the input written out (also under fuzz/regressions/).
@Suite struct FuzzFindingTests {
    /// FuzzJSONInput: `1e309` parsed to +infinity, which serialized as `null`, so the value did not
    /// survive a round trip (and an echoing handler would have answered something it was not sent).
    /// Now such a number is unreadable: SerializationException.
    @Test func numberBeyondDoubleRange() {
        JSONInputCheck.run([0x0A] + Array("1e309\n".utf8))
        JSONInputCheck.run([0x07] + Array(#"{"UserPoolId":"us-east-1_abcdefghi","Limit":-1E+400}"#.utf8))
    }

    /// FuzzHTTPParser: a chunk size of exactly 2^59 (`8` and 14 zeros) passed the saturation test
    /// and the next hex digit overflowed `Int`: a trap, so one request killed the whole server.
    @Test(arguments: [14, 15, 16, 40])
    func chunkSizeAtTheOverflowEdge(_ zeros: Int) {
        let size = "8" + String(repeating: "0", count: zeros) + "1"
        let request = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nx\r\n0\r\n\r\n"
        HTTPParserCheck.run([0x12, 0x34] + Array(request.utf8))
    }
}
