import Foundation
import Glibc
import Testing
@testable import HTTPCore

/// Echoes the request: body back, method/path/query in headers. `/slow` sleeps first;
/// `/close` asks the server to close via its own `Connection` header.
struct EchoHandler: HTTPHandler {
    var slowSeconds: Double = 0.5

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.path == "/slow" { usleep(UInt32(slowSeconds * 1_000_000)) }
        var headers = [("X-Method", request.method), ("X-Path", request.path), ("X-Query", request.query ?? "")]
        if request.path == "/close" { headers.append(("Connection", "close")) }
        if request.path == "/dup" { headers.append(("Content-Length", "999")) }
        return HTTPResponse(status: 200, headers: headers, body: request.body)
    }
}

/// A running server on a free port, shut down when the test is done with it.
final class TestServer: Sendable {
    let server: HTTPServer
    let port: UInt16

    init(_ configure: (inout HTTPServerConfiguration) -> Void = { _ in }, handler: any HTTPHandler = EchoHandler()) throws {
        var configuration = HTTPServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, handler: handler, log: { _, _ in })
        port = try server.start()
    }

    func client() throws -> TestClient { try TestClient(host: server.configuration.host, port: port) }

    deinit { server.shutdown(gracePeriod: 2) }
}

struct TestResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

struct TestClientError: Error, CustomStringConvertible { let description: String }

/// A blocking test client with a receive timeout, so a broken server fails the test instead of hanging it.
final class TestClient {
    let fd: Int32
    private var pending: [UInt8] = []

    init(host: String = "127.0.0.1", port: UInt16, timeout: Double = 5) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let address = list?.pointee else {
            throw TestClientError(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        fd = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard fd >= 0 else { throw TestClientError(description: "socket failed") }
        SocketSupport.setTimeout(fd, SO_RCVTIMEO, seconds: timeout)
        guard connect(fd, address.ai_addr, address.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw TestClientError(description: "connect failed: \(SocketSupport.errorText(code))")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        _ = SocketSupport.sendAll(fd, bytes)
    }

    /// Reads more bytes into `pending`; false on EOF, error or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        pending += chunk[..<count]
        return true
    }

    /// Reads exactly the bytes of `text`'s length and returns them as a string.
    func read(count: Int) throws -> String {
        while pending.count < count { guard fill() else { throw TestClientError(description: "closed early") } }
        defer { pending.removeFirst(count) }
        return String(decoding: pending[..<count], as: UTF8.self)
    }

    func readResponse(hasBody: Bool = true) throws -> TestResponse {
        var headEnd: Int?
        while true {
            if let end = findHeadEnd() { headEnd = end; break }
            guard fill() else { throw TestClientError(description: "connection closed before a response head") }
        }
        let head = String(decoding: pending[..<headEnd!], as: UTF8.self)
        pending.removeFirst(headEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw TestClientError(description: "bad status line \(head)")
        }
        var headers = HTTPHeaders()
        for line in lines {
            let parts = line.split(separator: ":", maxSplits: 1)
            headers.append(name: String(parts[0]), value: String(parts.count > 1 ? parts[1] : "").trimmingCharacters(in: .whitespaces))
        }
        let length = hasBody ? Int(headers["Content-Length"] ?? "0") ?? 0 : 0
        while pending.count < length { guard fill() else { throw TestClientError(description: "short body") } }
        let body = Array(pending[..<length])
        pending.removeFirst(length)
        return TestResponse(status: status, headers: headers, body: body)
    }

    /// True when nothing has arrived from the server yet (no byte, no EOF), without waiting.
    func hasNothingToRead() -> Bool {
        guard pending.isEmpty else { return false }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    /// True when the server closes the connection (EOF or reset) with nothing more to read.
    func isClosedByServer() -> Bool {
        pending.isEmpty && !fill()
    }

    private func findHeadEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4)
        where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }
}

func elapsed(since start: Double) -> Double { SocketSupport.monotonicSeconds() - start }
