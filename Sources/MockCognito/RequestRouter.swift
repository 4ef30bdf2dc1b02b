import AWSJSONProtocol
import CognitoIdentityProvider
import Foundation
import HTTPCore

/// Turns HTTP requests into AWS JSON 1.1 calls (`POST /` with `X-Amz-Target`) and serves the
/// test-control paths under `/_mock/`, which never collide with AWS paths. Logs one line per request.
struct RequestRouter: HTTPHandler {
    let service: AWSJSONService
    let defaultRegion: String
    let logger: Logger
    /// Answers `GET /_mock/messages`; nil leaves the path unrouted.
    var cognito: CognitoService? = nil

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestId = RequestID.make()
        let response: HTTPResponse
        let label: String
        if request.path.hasPrefix("/_mock/") {
            (response, label) = (control(request), "\(request.method) \(request.path)")
        } else if request.method == "POST" {
            let context = RequestContext(
                requestId: requestId,
                region: SigV4.region(fromAuthorization: request.headers["Authorization"]) ?? defaultRegion,
                host: request.headers["Host"])
            let answer = service.respond(target: request.headers["X-Amz-Target"], body: request.body, context: context)
            response = HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            label = (answer.operation ?? "-") + (answer.errorType.map { " \($0)" } ?? "")
        } else {
            (response, label) = (Self.notFound, "\(request.method) \(request.path)")
        }
        if logger.minimumLevel <= .info {
            let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
            let millis = "\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())"
            logger.log(.info, "\(label) \(response.status) \(millis)ms \(requestId)")
        }
        return response
    }

    private func control(_ request: HTTPRequest) -> HTTPResponse {
        switch (request.method, request.path) {
        case ("GET", "/_mock/health"):
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")], body: Array(#"{"status":"ok"}"#.utf8))
        case ("GET", "/_mock/messages") where cognito != nil:
            return messages(query: Self.queryItems(request.query))
        default:
            return Self.notFound
        }
    }

    /// `GET /_mock/messages?userPoolId=<id>[&username=<name>]`: the outbox as a JSON array, newest
    /// last; 404 with a JSON error for an unknown (or missing) pool.
    private func messages(query: [String: String]) -> HTTPResponse {
        let json = [("Content-Type", "application/json")]
        let poolId = query["userPoolId"] ?? ""
        do {
            if let body = try cognito?.outboxMessages(userPoolId: poolId, username: query["username"]) {
                return HTTPResponse(status: 200, headers: json, body: body)
            }
            let error: JSONValue = [
                "__type": "ResourceNotFoundException", "message": .string("User pool \(poolId) does not exist."),
            ]
            return HTTPResponse(status: 404, headers: json, body: JSONSerializer.serialize(error))
        } catch {
            logger.log(.error, "/_mock/messages failed: \(error)")
            return HTTPResponse(status: 500, headers: json, body: Array(#"{"message":"internal error"}"#.utf8))
        }
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

    private static let notFound = HTTPResponse(
        status: 404, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("Not Found\n".utf8))
}
