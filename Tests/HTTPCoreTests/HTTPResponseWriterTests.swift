import Testing
@testable import HTTPCore

@Suite struct HTTPResponseWriterTests {
    func text(_ response: HTTPResponse, keepAlive: Bool = true, head: Bool = false) -> (String, Bool) {
        var writer = HTTPResponseWriter()
        let kept = writer.write(response, keepAlive: keepAlive, isHeadRequest: head)
        return (String(decoding: writer.bytes, as: UTF8.self), kept)
    }

    @Test func writesStatusHeadersLengthConnectionAndBody() {
        let (bytes, kept) = text(HTTPResponse(status: 200, headers: [("Content-Type", "application/x-amz-json-1.1")],
                                              body: Array("{}".utf8)))
        #expect(bytes == "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}")
        #expect(kept)
        #expect(text(HTTPResponse(status: 400), keepAlive: false).0 == "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    }

    @Test func handlerFramingFieldsAreReplacedAndItsCloseIsHonoured() {
        let response = HTTPResponse(status: 200, headers: [("content-length", "99"), ("Transfer-Encoding", "chunked"),
                                                           ("connection", "Close")], body: Array("abc".utf8))
        let (bytes, kept) = text(response)
        #expect(bytes == "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")
        #expect(!kept)
    }

    /// No header line over 8 KiB: a long value is cut on a character boundary and ends in `...`;
    /// the body is untouched.
    @Test func longHeaderValuesAreCutToEightKibibytes() {
        let long = String(repeating: "é", count: 10_000)
        let body = Array(long.utf8)
        var writer = HTTPResponseWriter()
        writer.write(HTTPResponse(status: 400, headers: [("x-amzn-ErrorMessage", long), ("X-Short", "ok")], body: body),
                     keepAlive: true)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        let header = try! #require(lines.first { $0.hasPrefix("x-amzn-ErrorMessage: ") })
        #expect(header.utf8.count <= HTTPResponseWriter.maxFieldLineBytes)
        #expect(header.utf8.count > HTTPResponseWriter.maxFieldLineBytes - 5)
        #expect(header.hasSuffix("é..."))
        #expect(lines.contains("X-Short: ok"))
        #expect(Array(writer.bytes.suffix(body.count)) == body)
    }

    @Test func fieldsThatCouldSplitTheResponseAreDropped() {
        let response = HTTPResponse(status: 200, headers: [("X-Evil", "a\r\nSet-Cookie: x"), ("Bad Name", "v"), ("", "v"), ("X-Ok", "fine")])
        #expect(text(response).0 == "HTTP/1.1 200 OK\r\nX-Ok: fine\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test func bodilessStatusesAndHead() {
        #expect(text(HTTPResponse(status: 204, body: [1, 2])).0 == "HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n")
        #expect(text(HTTPResponse(status: 304, body: [1])).0 == "HTTP/1.1 304 Not Modified\r\nConnection: keep-alive\r\n\r\n")
        #expect(text(HTTPResponse(status: 200, body: Array("hello".utf8)), head: true).0
            == "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n")
    }

    @Test(arguments: [-1, 0, 99, 1000, Int.max, Int.min]) func impossibleStatusesBecome500(_ status: Int) {
        #expect(text(HTTPResponse(status: status)).0.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"))
    }

    @Test func unknownStatusGetsAGenericReasonAndLargeLengthsAreWrittenInFull() {
        let (bytes, _) = text(HTTPResponse(status: 599, body: [UInt8](repeating: 0, count: 1_234_567)))
        #expect(bytes.hasPrefix("HTTP/1.1 599 Status\r\nContent-Length: 1234567\r\n"))
    }

    @Test func errorAnswersArePlainTextAndClose() {
        var writer = HTTPResponseWriter()
        writer.writeError(.headTooLarge)
        let bytes = String(decoding: writer.bytes, as: UTF8.self)
        #expect(bytes.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: text/plain; charset=utf-8\r\n"))
        #expect(bytes.hasSuffix("Connection: close\r\n\r\nRequest header fields too large\n"))
    }
}
