import Testing
@testable import HTTPCore

@Suite struct HTTPParserRejectionTests {
    static let malformedHeads: [String] = [
        "GET /\r\n\r\n",                                   // two parts
        "GET  / HTTP/1.1\r\n\r\n",                         // double space
        "GET / HTTP/1.1 \r\n\r\n",                         // trailing space
        " GET / HTTP/1.1\r\n\r\n",                         // leading space
        "G(T / HTTP/1.1\r\n\r\n",                          // method not a token
        "GET /a\u{7F}b HTTP/1.1\r\n\r\n",                  // control in target
        "GET / HTTPS/1.1\r\n\r\n",
        "GET / HTTP/1.10\r\n\r\n",
        "GET / HTTP/1\r\n\r\n",
        "GET / http/1.1\r\n\r\n",
        "GET / HTTP/1.1\rX\r\n\r\n",                      // bare CR
        "GET / HTTP/1.1\r\nHost\r\n\r\n",                  // no colon
        "GET / HTTP/1.1\r\nHost : x\r\n\r\n",              // space before colon
        "GET / HTTP/1.1\r\n: x\r\n\r\n",                   // empty name
        "GET / HTTP/1.1\r\nX(y): z\r\n\r\n",               // name not a token
        "GET / HTTP/1.1\r\nA: b\r\n c\r\n\r\n",            // obs-fold
        "GET / HTTP/1.1\r\nA: b\r\n\tc\r\n\r\n",           // obs-fold with HTAB
        "GET / HTTP/1.1\r\nA: b\u{0}c\r\n\r\n",            // NUL in value
        "GET / HTTP/1.1\r\nA: b\rc\r\n\r\n",               // bare CR in value
    ]

    @Test(arguments: malformedHeads) func malformedHeadIs400(_ text: String) {
        guard case .badRequest = parseError(text) else {
            Issue.record("expected 400 for \(text.debugDescription), got \(String(describing: parseError(text)))")
            return
        }
    }

    static let badFraming: [String] = [
        "Content-Length: -1",
        "Content-Length: +5",
        "Content-Length: 5x",
        "Content-Length: 0x10",
        "Content-Length: 1 2",
        "Content-Length: ",
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: 5, 6",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Transfer-Encoding: gzip",
        "Transfer-Encoding: chunked, gzip",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: ",
    ]

    @Test(arguments: badFraming) func badFramingIs400(_ field: String) {
        let error = parseError("POST / HTTP/1.1\r\n\(field)\r\n\r\n")
        #expect(error?.status == 400, "\(field.debugDescription) gave \(String(describing: error))")
    }

    @Test func transferEncodingInHTTP10Is400() {
        #expect(parseError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")?.status == 400)
    }

    @Test func unknownCodingBeforeChunkedIs501() {
        #expect(parseError("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") == .unsupportedTransferCoding("gzip"))
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/0.9", "HTTP/3.1"]) func otherMajorVersionsAre505(_ version: String) {
        #expect(parseError("GET / \(version)\r\n\r\n") == .versionNotSupported)
    }

    static let badChunks: [String] = [
        "x\r\n",                   // not hex
        "\r\n",                    // empty size
        "-1\r\n",
        "5 x\r\nhello\r\n",        // junk after size that is not an extension
        "5;a\u{1}\r\nhello\r\n",   // control in extension
        "3\r\nabcd\r\n0\r\n\r\n",  // more data than the size
        "3\r\nabc\rx",             // CR not followed by LF
        "0\r\nBad Trailer\r\n\r\n",
    ]

    @Test(arguments: badChunks) func malformedChunkIs400(_ chunks: String) {
        let error = parseError("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks)
        #expect(error?.status == 400, "\(chunks.debugDescription) gave \(String(describing: error))")
    }

    @Test func overlongChunkSizeLineIs400() {
        let line = "1;" + String(repeating: "a", count: ChunkedBodyDecoder.maxChunkLineBytes)
        #expect(parseError("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + line, step: 100)?.status == 400)
    }

    // MARK: - Limits

    /// A head of exactly `length` bytes: request line, one padding field, empty line.
    static func head(length: Int) -> String {
        let fixed = "GET / HTTP/1.1\r\nX-Pad: \r\n\r\n"
        return "GET / HTTP/1.1\r\nX-Pad: " + String(repeating: "p", count: length - fixed.utf8.count) + "\r\n\r\n"
    }

    @Test func headOfExactly16KiBIsAccepted() throws {
        let text = Self.head(length: 16 * 1024)
        #expect(text.utf8.count == 16384)
        #expect(requests(try parseAll(text)).count == 1)
        #expect(requests(try parseAll(text, step: 1000)).count == 1)
    }

    @Test func headOf16KiBPlusOneIs431() {
        let text = Self.head(length: 16 * 1024 + 1)
        #expect(parseError(text) == .headTooLarge)
        #expect(parseError(text, step: 1000) == .headTooLarge)
        // Without its end in sight: refused as soon as more than the limit is buffered.
        #expect(parseError("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 16 * 1024), step: 4096) == .headTooLarge)
    }

    @Test func contentLengthOfExactly1MiBIsAccepted() throws {
        let body = [UInt8](repeating: 0x61, count: 1 << 20)
        let request = requests(try parseAll(Array("POST / HTTP/1.1\r\nContent-Length: 1048576\r\n\r\n".utf8) + body))
        #expect(request.first?.body.count == 1 << 20)
    }

    @Test func contentLengthOf1MiBPlusOneIs413BeforeTheBody() {
        #expect(parseError("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n") == .bodyTooLarge)
    }

    @Test(arguments: ["99999999999999999999", "18446744073709551616", "9223372036854775808", "00000000000000000000000000002000000"])
    func hugeContentLengthIs413WithoutOverflow(_ value: String) {
        #expect(parseError("POST / HTTP/1.1\r\nContent-Length: \(value)\r\n\r\n") == .bodyTooLarge)
    }

    @Test func chunkedBodyOf1MiBIsAcceptedAndOneMoreByteIs413() throws {
        let chunk = String(repeating: "b", count: 1 << 19)
        let exact = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n80000\r\n\(chunk)\r\n80000\r\n\(chunk)\r\n"
        #expect(requests(try parseAll(exact + "0\r\n\r\n", step: 65536)).first?.body.count == 1 << 20)
        #expect(parseError(exact + "1\r\n") == .bodyTooLarge)
        // A single huge chunk size is refused before its data arrives, and never overflows.
        let huge = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFFFFFFFFF\r\n"
        #expect(parseError(huge) == .bodyTooLarge)
    }

    @Test func trailersCountAgainstTheHeadLimit() {
        let trailer = "X: " + String(repeating: "t", count: 200) + "\r\n"
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n" + trailer + trailer + "\r\n"
        #expect(parseError(text, maxHeadBytes: 300) == .headTooLarge)
        #expect(parseError(text, maxHeadBytes: 1000) == nil)
    }

    @Test func arbitraryBytesNeverCrashTheParser() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("GET POST / HTTP/1.1\r\n:;0123456789abcdefABCDEF Content-Length Transfer-Encoding chunked \t\u{0}\u{7F}".utf8)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<300, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            _ = parseError(bytes, step: Int.random(in: 1...64, using: &generator), maxHeadBytes: 128, maxBodyBytes: 64)
        }
    }
}
