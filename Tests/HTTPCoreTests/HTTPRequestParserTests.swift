import Testing
@testable import HTTPCore

@Suite struct HTTPRequestParserTests {
    @Test func simpleGet() throws {
        let events = try parseAll("GET /_mock/messages?x=y HTTP/1.1\r\nHost: localhost\r\nX-Dup: 1\r\nx-dup: 2\r\n\r\n")
        let request = try #require(requests(events).first)
        #expect(events.count == 1)
        #expect(request.method == "GET")
        #expect(request.target == "/_mock/messages?x=y")
        #expect(request.path == "/_mock/messages")
        #expect(request.query == "x=y")
        #expect(request.version == .http1_1)
        #expect(request.headers["HOST"] == "localhost")
        #expect(request.headers.values(for: "X-Dup") == ["1", "2"])
        #expect(request.headers.map(\.name) == ["Host", "X-Dup", "x-dup"])
        #expect(request.body.isEmpty)
        #expect(request.wantsKeepAlive)
    }

    @Test func postWithContentLengthBody() throws {
        let text = "POST / HTTP/1.1\r\nContent-Length: 13\r\nX-Amz-Target: A.B\r\n\r\n{\"a\":\"hello\"}"
        let request = try #require(requests(try parseAll(text)).first)
        #expect(request.bodyText == "{\"a\":\"hello\"}")
        #expect(request.headers["x-amz-target"] == "A.B")
        #expect(request.query == nil)
    }

    @Test func fieldValuesAreTrimmedAndMayBeEmpty() throws {
        let request = try #require(requests(try parseAll("GET / HTTP/1.1\r\nA: \t v w \t\r\nB:\r\n\r\n")).first)
        #expect(request.headers["a"] == "v w")
        #expect(request.headers["b"] == "")
    }

    @Test func byteByByteFeedingGivesTheSameRequests() throws {
        let text = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n0\r\nT: v\r\n\r\n"
        let whole = requests(try parseAll(text))
        let split = requests(try parseAll(text, step: 1))
        #expect(whole.map(\.bodyText) == ["hello", "abc"])
        #expect(split.map(\.bodyText) == ["hello", "abc"])
        #expect(split.map(\.path) == ["/a", "/b"])
    }

    @Test func pipelinedRequestsKeepTheirLeftoverBytes() throws {
        let text = "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nokGET /3 HTTP/1.1\r\n\r\nGET /4 HT"
        var parser = HTTPRequestParser()
        parser.append(Array(text.utf8))
        var paths: [String] = []
        while case .request(let request) = try parser.next() { paths.append(request.path) }
        #expect(paths == ["/1", "/2", "/3"])
        #expect(parser.hasPartialRequest)
        parser.append(Array("TP/1.1\r\n\r\n".utf8))
        guard case .request(let fourth) = try parser.next() else { Issue.record("no fourth request"); return }
        #expect(fourth.path == "/4")
        #expect(!parser.hasPartialRequest)
    }

    @Test func chunkedBodyWithExtensionsAndTrailers() throws {
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value;flag\r\nWiki\r\n5 ; q=\"x\"\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
            + "0;end\r\nExpires: never\r\nX-Trailer: 1\r\n\r\n"
        let request = try #require(requests(try parseAll(text)).first)
        #expect(request.bodyText == "Wikipedia in\r\n\r\nchunks.")
        #expect(request.headers["Expires"] == nil)  // trailers are discarded
    }

    @Test func chunkedCodingNamesAreCaseInsensitiveAndHexMayBeUppercase() throws {
        let text = "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n"
        #expect(requests(try parseAll(text, step: 3)).first?.bodyText == "0123456789")
    }

    @Test func expectContinueIsOfferedOnlyWhenTheBodyIsNotBuffered() throws {
        let head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n"
        var parser = HTTPRequestParser()
        parser.append(Array(head.utf8))
        guard case .sendContinue = try parser.next() else { Issue.record("no 100-continue"); return }
        guard case .needMoreData = try parser.next() else { Issue.record("offered twice"); return }
        parser.append(Array("ok".utf8))
        guard case .request(let request) = try parser.next() else { Issue.record("no request"); return }
        #expect(request.bodyText == "ok")

        let buffered = try parseAll(head + "ok")
        #expect(buffered.count == 1 && requests(buffered).count == 1)
        let chunked = try parseAll("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n")
        guard case .sendContinue = chunked.first else { Issue.record("no 100-continue for chunked"); return }
        let http10 = try parseAll("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(http10.isEmpty)
    }

    @Test func keepAliveRules() throws {
        func keepAlive(_ text: String) throws -> Bool {
            try #require(requests(try parseAll(text)).first).wantsKeepAlive
        }
        #expect(try keepAlive("GET / HTTP/1.1\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.0\r\n\r\n"))
        #expect(try keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
        #expect(try !keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n"))
        #expect(try keepAlive("GET / HTTP/1.2\r\n\r\n"))  // a higher 1.x minor is served as 1.1
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreTolerated() throws {
        let events = try parseAll("\r\n\nPOST / HTTP/1.1\nContent-Length: 1\r\n\nxGET / HTTP/1.1\n\n", step: 2)
        #expect(requests(events).map(\.bodyText) == ["x", ""])
        let chunked = "POST / HTTP/1.1\nTransfer-Encoding: chunked\n\n2\nab\n0\n\n"
        #expect(requests(try parseAll(chunked)).first?.bodyText == "ab")
    }

    @Test func zeroAndPaddedContentLengths() throws {
        #expect(requests(try parseAll("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).count == 1)
        let padded = "POST / HTTP/1.1\r\nContent-Length: 003\r\nContent-Length: 3, 3\r\n\r\nabc"
        #expect(requests(try parseAll(padded)).first?.bodyText == "abc")
    }
}
