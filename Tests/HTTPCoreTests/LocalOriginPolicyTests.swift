import Testing
@testable import HTTPCore

/// The control paths' gate: Host names that name this machine, no foreign Origin, JSON POSTs.
@Suite struct LocalOriginPolicyTests {
    let policy = LocalOriginPolicy(allowedHosts: ["mock-cognito"], machineHostName: "devbox")

    func check(_ headers: [(String, String)], method: String = "GET") -> LocalOriginPolicy.Refusal? {
        policy.check(HTTPRequest(method: method, target: "/_mock/reset", headers: HTTPHeaders(headers)))
    }

    @Test func hostsThatNameThisMachineAreAccepted() {
        for host in ["localhost", "localhost:9229", "LocalHost.", "a.b.localhost", "127.0.0.1:9229", "192.168.1.9",
                     "[::1]", "[::1]:9229", "[fe80::1]", "devbox", "DEVBOX:1", "mock-cognito:9229"] {
            #expect(check([("Host", host)]) == nil, "\(host)")
        }
    }

    @Test func otherHostsAreRefused() {
        for host in ["", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "[::1", "mock-cognito.evil",
                     "user@localhost", "localhost/x", "999.1.1.1"] {
            #expect(check([("Host", host)]) == .hostNotAllowed(host), "\(host)")
        }
        #expect(check([]) == .hostNotAllowed(""))
    }

    @Test func originMustNameTheRequestsHost() {
        #expect(check([("Host", "localhost:9229"), ("Origin", "http://localhost:3000")]) == nil)
        #expect(check([("Host", "localhost"), ("Origin", "http://evil.example")]) == .crossOrigin("http://evil.example"))
        #expect(check([("Host", "localhost"), ("Origin", "null")]) == .crossOrigin("null"))
        #expect(check([("Host", "127.0.0.1"), ("Origin", "http://localhost")]) == .crossOrigin("http://localhost"))
    }

    @Test func postsMustBeJSON() {
        #expect(check([("Host", "localhost")], method: "POST") == .notJSON)
        #expect(check([("Host", "localhost"), ("Content-Type", "text/plain")], method: "POST") == .notJSON)
        #expect(check([("Host", "localhost"), ("Content-Type", "application/x-www-form-urlencoded")], method: "POST")?.status == 415)
        #expect(check([("Host", "localhost"), ("Content-Type", "application/json; charset=utf-8")], method: "POST") == nil)
        #expect(check([("Host", "evil.example"), ("Content-Type", "text/plain")], method: "POST")?.status == 403)
    }
}
