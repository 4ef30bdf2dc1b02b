import AWSJSONProtocol
import CognitoIdentityProvider
import Foundation
import HTTPCore

/// The test-control paths under `/_mock/` (listed in the README): health, the message outbox and
/// the service clock.
struct MockControl {
    let cognito: CognitoService
    let logger: Logger

    func handle(_ request: HTTPRequest) throws -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/_mock/health"):
            return RequestRouter.json(200, ["status": "ok"])
        case ("GET", "/_mock/messages"):
            return try messages(query: Self.queryItems(request.query))
        case ("GET", "/_mock/clock"):
            return RequestRouter.json(200, clockState())
        case ("POST", "/_mock/clock"):
            guard let body = try? JSONParser.parse(request.body), let seconds = body["advanceSeconds"]?.doubleValue, seconds >= 0
            else { return RequestRouter.json(400, ["message": #"expected a JSON body {"advanceSeconds": <seconds, 0 or more>}"#]) }
            cognito.clock.advance(by: seconds)
            logger.log(.info, "clock advanced by \(seconds) s")
            return RequestRouter.json(200, clockState())
        default:
            return RequestRouter.json(404, ["message": "Not Found"])
        }
    }

    /// `GET /_mock/messages?userPoolId=<id>[&username=<name>]`: the outbox as a JSON array, newest
    /// last; 404 with a JSON error for an unknown (or missing) pool.
    private func messages(query: [String: String]) throws -> HTTPResponse {
        let poolId = query["userPoolId"] ?? ""
        guard let body = try cognito.outboxMessages(userPoolId: poolId, username: query["username"]) else {
            return RequestRouter.poolNotFound(poolId)
        }
        return HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
    }

    private func clockState() -> JSONValue {
        ["now": .double(cognito.clock.now()), "offsetSeconds": .double(cognito.clock.offset)]
    }

    /// `a=1&b=x%40y` → ["a": "1", "b": "x@y"] (`+` is a space, as in HTML forms).
    static func queryItems(_ query: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            items[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return items
    }
}
