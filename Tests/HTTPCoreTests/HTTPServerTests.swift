import Foundation
import Glibc
import Testing
@testable import HTTPCore

@Suite struct HTTPServerTests {
    @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
        let server = try TestServer()
        let client = try server.client()
        for index in 0..<5 {
            client.send("POST /echo?n=\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")
            let response = try client.readResponse()
            #expect(response.status == 200)
            #expect(response.bodyText == "hello")
            #expect(response.headers["X-Query"] == "n=\(index)")
            #expect(response.headers["Connection"] == "keep-alive")
            #expect(response.headers.values(for: "Content-Length") == ["5"])
        }
        #expect(server.server.activeConnections == 1)
    }

    @Test func connectionCloseIsHonoured() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
        #expect(try client.readResponse().headers["Connection"] == "close")
        #expect(client.isClosedByServer())

        let old = try server.client()
        old.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().headers["Connection"] == "close")
        #expect(old.isClosedByServer())

        let kept = try server.client()
        kept.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try kept.readResponse().headers["Connection"] == "keep-alive")
        kept.send("GET /close HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let closing = try kept.readResponse()
        #expect(closing.headers.values(for: "Connection") == ["close"])  // the handler's, replaced by the server's
        #expect(kept.isClosedByServer())
    }

    @Test func expectContinueGetsAnInterimResponse() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        #expect(try client.read(count: 25) == "HTTP/1.1 100 Continue\r\n\r\n")
        client.send("data")
        let response = try client.readResponse()
        #expect(response.status == 200 && response.bodyText == "data")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2;x\r\nde\r\n0\r\n\r\n")
        let responses = try (0..<3).map { _ in try client.readResponse() }
        #expect(responses.map { $0.headers["X-Path"] } == ["/1", "/2", "/3"])
        #expect(responses.map(\.bodyText) == ["", "abc", "de"])
    }

    @Test func headResponsesKeepTheLengthButNoBodyAndHandlerFramingIsReplaced() throws {
        let server = try TestServer()
        let client = try server.client()
        client.send("HEAD / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPOST /dup HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")
        let head = try client.readResponse(hasBody: false)
        #expect(head.status == 200 && head.headers["Content-Length"] == "3")
        let dup = try client.readResponse()  // would be garbage if HEAD had sent its 3 body bytes
        #expect(dup.headers["X-Path"] == "/dup" && dup.bodyText == "hi")
        #expect(dup.headers.values(for: "Content-Length") == ["2"])
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 16 * 1024) + "\r\n\r\n", 431),
        ("POST / HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413),
        ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", 400),
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
    ])
    func refusedRequestsAreAnsweredAndClosed(_ request: String, _ status: Int) throws {
        let server = try TestServer()
        let client = try server.client()
        client.send(request)
        let response = try client.readResponse()
        #expect(response.status == status)
        #expect(response.headers["Connection"] == "close")
        #expect(response.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(!response.body.isEmpty)
        #expect(client.isClosedByServer())
    }

    @Test func oversizedChunkedBodyIs413() throws {
        let server = try TestServer()
        let client = try server.client()
        let chunk = [UInt8](repeating: 0x62, count: 1 << 20)
        client.send(Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n100000\r\n".utf8) + chunk + Array("\r\n1\r\nx\r\n".utf8))
        let response = try client.readResponse()
        #expect(response.status == 413 && response.headers["Connection"] == "close")
    }
}
