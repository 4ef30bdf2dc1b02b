import AWSJSONProtocol
import CognitoIdentityProvider
import Foundation
import HTTPCore

/// Turns HTTP requests into AWS JSON 1.1 calls (`POST /` with `X-Amz-Target`), serves each pool's
/// `/.well-known/` documents, and the test-control paths under `/_mock/`, which never collide with
/// AWS paths. Logs one line per request.
struct RequestRouter: HTTPHandler {
    let service: AWSJSONService
    let cognito: CognitoService
    let defaultRegion: String
    let logger: Logger

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        let requestId = RequestID.make()
        let response: HTTPResponse
        let label: String
        if request.method == "POST", !request.path.hasPrefix("/_mock/") {
            let context = RequestContext(
                requestId: requestId,
                region: SigV4.region(fromAuthorization: request.headers["Authorization"]) ?? defaultRegion,
                host: request.headers["Host"])
            let answer = service.respond(target: request.headers["X-Amz-Target"], body: request.body, context: context)
            response = HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            label = (answer.operation ?? "-") + (answer.errorType.map { " \($0)" } ?? "")
        } else {
            response = (try? resource(request)) ?? Self.json(500, ["message": "Internal error"])
            label = "\(request.method) \(request.path)"
        }
        if logger.minimumLevel <= .info {
            let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
            let millis = "\(micros / 1000).\(String(micros % 1000 + 1000).dropFirst())"
            logger.log(.info, "\(label) \(response.status) \(millis)ms \(requestId)")
        }
        return response
    }

    /// GET resources: the test-control paths and each pool's discovery documents.
    private func resource(_ request: HTTPRequest) throws -> HTTPResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if segments.first == "_mock" {
            return control(request, segments.dropFirst().joined(separator: "/"))
        }
        if request.method == "GET", segments.count == 3, segments[1] == ".well-known" {
            let poolId = segments[0]
            switch segments[2] {
            case "jwks.json":
                guard let keys = try cognito.jsonWebKeySet(poolId: poolId) else { return Self.poolNotFound(poolId) }
                return Self.json(200, keys)
            case "openid-configuration":
                guard let document = cognito.openIDConfiguration(poolId: poolId, host: request.headers["Host"]) else {
                    return Self.poolNotFound(poolId)
                }
                return Self.json(200, document)
            default:
                break
            }
        }
        return Self.json(404, ["message": "Not Found"])
    }

    /// The test-control paths: `health`, `clock`.
    private func control(_ request: HTTPRequest, _ path: String) -> HTTPResponse {
        switch (request.method, path) {
        case ("GET", "health"):
            return Self.json(200, ["status": "ok"])
        case ("GET", "clock"):
            return Self.json(200, clockState())
        case ("POST", "clock"):
            guard let body = try? JSONParser.parse(request.body), let seconds = body["advanceSeconds"]?.doubleValue, seconds >= 0
            else { return Self.json(400, ["message": #"expected a JSON body {"advanceSeconds": <seconds, 0 or more>}"#]) }
            cognito.clock.advance(by: seconds)
            logger.log(.info, "clock advanced by \(seconds) s")
            return Self.json(200, clockState())
        default:
            return Self.json(404, ["message": "Not Found"])
        }
    }

    private func clockState() -> JSONValue {
        ["now": .double(cognito.clock.now()), "offsetSeconds": .double(cognito.clock.offset)]
    }

    private static func poolNotFound(_ poolId: String) -> HTTPResponse {
        json(404, ["message": .string("User pool \(poolId) does not exist.")])
    }

    private static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: JSONSerializer.serialize(body))
    }
}
