#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import HTTPCore

/// The outgoing client: a round trip through this module's own server, response framing, the
/// size cap, and the two ways of getting no answer (nobody listening, nobody answering in time).
@Suite struct HTTPClientTests {
    struct Echo: HTTPHandler {
        func handle(_ request: HTTPRequest) -> HTTPResponse {
            let seen = "\(request.method) \(request.target) \(request.headers.values(for: "x-test").first ?? "-") \(request.body.count)"
            return HTTPResponse(status: 201, headers: [("X-Seen", seen)], body: request.body.reversed())
        }
    }

    @Test func roundTripThroughTheServer() throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: Echo()) { _, _ in }
        let port = try server.start()
        defer { server.shutdown(gracePeriod: 1) }
        let response = try HTTPClient.send(
            host: "127.0.0.1", port: port, method: "POST", path: "/2015-03-31/functions/f/invocations?Qualifier=1",
            headers: [("X-Test", "yes")], body: Array("abc".utf8), timeout: 5, maxResponseBytes: 1024)
        #expect(response.status == 201)
        #expect(response.header("x-seen") == "POST /2015-03-31/functions/f/invocations?Qualifier=1 yes 3")
        #expect(response.body == Array("cba".utf8))
    }

    @Test func framings() throws {
        let length = try #require(try HTTPClient.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".utf8), complete: false, limit: 10))
        #expect(length.body == Array("hi".utf8))
        #expect(try HTTPClient.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nhi".utf8), complete: false, limit: 10) == nil)
        let chunked = try #require(try HTTPClient.parse(
            Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n1\r\n!\r\n0\r\n\r\n".utf8), complete: false, limit: 10))
        #expect(chunked.body == Array("hi!".utf8))
        let closed = try #require(try HTTPClient.parse(Array("HTTP/1.0 404 Not Found\r\nX: y\r\n\r\nnope".utf8), complete: true, limit: 10))
        #expect(closed.status == 404 && closed.body == Array("nope".utf8) && closed.header("X") == "y")
    }

    @Test func malformedAndOversizedResponses() {
        #expect(throws: HTTPClientError.malformedResponse("bad status line")) {
            try HTTPClient.parse(Array("SMTP ready\r\n\r\n".utf8), complete: true, limit: 10)
        }
        #expect(throws: HTTPClientError.responseTooLarge) {
            try HTTPClient.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n".utf8), complete: false, limit: 10)
        }
        #expect(throws: HTTPClientError.malformedResponse("the body ended early")) {
            try HTTPClient.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab".utf8), complete: true, limit: 10)
        }
    }

    @Test func nobodyListeningIsUnreachable() throws {
        // A port that was free a moment ago: bound, then closed.
        let (fd, port) = try SocketSupport.listen(host: "127.0.0.1", port: 0, backlog: 1)
        close(fd)
        #expect(throws: HTTPClientError.self) {
            try HTTPClient.send(host: "127.0.0.1", port: port, method: "GET", path: "/", headers: [], body: [],
                                timeout: 2, maxResponseBytes: 10)
        }
    }

    @Test func aSilentPeerTimesOut() throws {
        // Listening but never accepting or answering: the deadline ends the wait.
        let (fd, port) = try SocketSupport.listen(host: "127.0.0.1", port: 0, backlog: 4)
        defer { close(fd) }
        #expect(throws: HTTPClientError.timedOut) {
            try HTTPClient.send(host: "127.0.0.1", port: port, method: "POST", path: "/", headers: [], body: [],
                                timeout: 0.3, maxResponseBytes: 10)
        }
    }
}
