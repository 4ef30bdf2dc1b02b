import Foundation
import Glibc
import Testing
@testable import HTTPCore

@Suite struct HTTPServerLifecycleTests {
    @Test func halfSentRequestGets408WhileOthersAreServed() throws {
        let server = try TestServer { $0.readTimeout = 1 }
        let slow = try server.client()
        let start = SocketSupport.monotonicSeconds()
        slow.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        let other = try server.client()
        for _ in 0..<3 {
            other.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try other.readResponse().status == 200)
        }
        // The other client was served while the half-sent request was still waiting for its timeout.
        #expect(slow.hasNothingToRead() || elapsed(since: start) >= 1)
        let response = try slow.readResponse()
        #expect(response.status == 408 && response.headers["Connection"] == "close")
        // Not before the read timeout; and not never (the bound only guards against a hang).
        #expect(elapsed(since: start) >= 0.9 && elapsed(since: start) < 20)
        #expect(slow.isClosedByServer())
    }

    @Test func tricklingBytesDoNotExtendTheReadTimeout() throws {
        let server = try TestServer { $0.readTimeout = 1 }
        let client = try server.client()
        // A byte every 0.1 s would keep the request going for 30 s if each byte restarted the clock.
        let trickle = Array("GET / HTTP/1.1\r\nX: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 300)
        var sent = 0
        while sent < trickle.count, client.hasNothingToRead() {
            client.send([trickle[sent]])
            sent += 1
            usleep(100_000)
        }
        #expect(try client.readResponse().status == 408)
        #expect(sent < trickle.count)
    }

    @Test func idleKeepAliveConnectionIsClosedWithoutAnAnswer() throws {
        let server = try TestServer { $0.idleTimeout = 0.5 }
        let client = try server.client()
        client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        let start = SocketSupport.monotonicSeconds()
        #expect(client.isClosedByServer())
        #expect(elapsed(since: start) >= 0.4 && elapsed(since: start) < 20)
    }

    @Test func connectionsPastTheCapGet503() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        let first = try server.client(), second = try server.client()
        for client in [first, second] {
            client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
        let third = try server.client()
        let refused = try third.readResponse()
        #expect(refused.status == 503 && refused.headers["Connection"] == "close")
        #expect(third.isClosedByServer())
        first.send("GET / HTTP/1.1\r\n\r\n")  // the first two are still served
        #expect(try first.readResponse().status == 200)
    }

    @Test func twoHundredConcurrentKeepAliveClients() throws {
        let server = try TestServer()
        let clients = try (0..<200).map { _ in try server.client() }
        for round in 0..<3 {
            for (index, client) in clients.enumerated() {
                client.send("POST /r\(round) HTTP/1.1\r\nContent-Length: \(String(index).utf8.count)\r\n\r\n\(index)")
            }
            for (index, client) in clients.enumerated() {
                let response = try client.readResponse()
                #expect(response.status == 200 && response.bodyText == String(index))
                #expect(response.headers["Connection"] == "keep-alive")
            }
        }
        #expect(server.server.activeConnections == 200)
    }

    @Test func gracefulShutdownLetsAnInFlightRequestFinish() throws {
        let server = try TestServer(handler: EchoHandler(slowSeconds: 0.6))
        let busy = try server.client()
        let idle = try server.client()
        idle.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try idle.readResponse().status == 200)
        busy.send("POST /slow HTTP/1.1\r\nContent-Length: 4\r\n\r\nwait")
        usleep(150_000)  // let the handler start
        let start = SocketSupport.monotonicSeconds()
        server.server.shutdown(gracePeriod: 5)
        #expect(elapsed(since: start) >= 0.3 && elapsed(since: start) < 20)
        #expect(server.server.activeConnections == 0)
        let response = try busy.readResponse()
        #expect(response.status == 200 && response.bodyText == "wait")
        #expect(response.headers["Connection"] == "close")
        #expect(idle.isClosedByServer())
        #expect(throws: TestClientError.self) { try server.client() }
        server.server.shutdown(gracePeriod: 1)  // idempotent
    }

    @Test func shutdownCutsOffWhatOutlastsTheGracePeriod() throws {
        let server = try TestServer(handler: EchoHandler(slowSeconds: 60))
        let busy = try server.client()
        busy.send("GET /slow HTTP/1.1\r\n\r\n")
        usleep(100_000)
        let start = SocketSupport.monotonicSeconds()
        server.server.shutdown(gracePeriod: 0.3)
        // Returns after the grace period, long before the 60 s handler would have finished.
        #expect(elapsed(since: start) >= 0.3 && elapsed(since: start) < 30)
    }

    @Test func startOnAPortInUseThrowsWithHostPortAndReason() throws {
        let first = try TestServer()
        let second = HTTPServer(configuration: HTTPServerConfiguration(host: "127.0.0.1", port: first.port),
                                handler: EchoHandler(), log: { _, _ in })
        let error = #expect(throws: HTTPServerError.self) { _ = try second.start() }
        #expect(error?.description == "cannot listen on 127.0.0.1:\(first.port): Address already in use")
        second.shutdown(gracePeriod: 0)
    }

    @Test func unresolvableHostThrows() {
        let server = HTTPServer(configuration: HTTPServerConfiguration(host: "no such host.invalid"),
                                handler: EchoHandler(), log: { _, _ in })
        #expect(throws: HTTPServerError.self) { _ = try server.start() }
    }

    @Test(arguments: ["::1", "localhost", "0.0.0.0"]) func listensOnIPv6AndNamedHosts(_ host: String) throws {
        let server = try TestServer { $0.host = host }
        let client = try TestClient(host: host == "0.0.0.0" ? "127.0.0.1" : host, port: server.port)
        client.send("GET /v6 HTTP/1.1\r\n\r\n")
        #expect(try client.readResponse().headers["X-Path"] == "/v6")
    }
}
