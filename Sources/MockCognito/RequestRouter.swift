import Glibc
import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import HTTPCore
import ManagedLogin

/// Turns HTTP requests into AWS JSON 1.1 calls (`POST /` with `X-Amz-Target`), serves each pool's
/// `/.well-known/` documents and the test-control paths under `/_mock/` (see `MockControl`), which
/// never collide with AWS paths. Logs one line per request.
struct RequestRouter: HTTPHandler {
    let service: AWSJSONService
    let cognito: CognitoService
    let defaultRegion: String
    let logger: Logger
    /// The pools' domains (OAuth 2.0 endpoints, managed login), reached by Host or `/_domain/<domain>/`.
    let domains: DomainRouter
    /// Whether `service` checks SigV4 (then it needs the signed parts of each request).
    var verifiesSignatures = false
    /// `--control-api`: whether /_mock/ paths other than health are served at all.
    var controlAPI = true
    /// Which Hosts, Origins and content types may use the control paths.
    var controlPolicy = LocalOriginPolicy(allowedHosts: [])

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = Logger.monotonicMicros()
        let requestId = RequestID.make()
        let response: HTTPResponse
        let label: String
        var errorType: String?
        if let answer = domains.route(request) {
            response = answer
            label = "\(request.method) \(request.path)"
        } else if request.method == "POST", !request.path.hasPrefix("/_mock/") {
            let context = RequestContext(
                requestId: requestId,
                region: SigV4.region(fromAuthorization: request.headers["Authorization"]) ?? defaultRegion,
                host: request.headers["Host"])
            let signed = verifiesSignatures
                ? SignedRequestParts(method: request.method, path: request.path, query: request.query,
                                     headers: request.headers.map { ($0.name, $0.value) }, body: request.body)
                : nil
            let answer = service.respond(target: request.headers["X-Amz-Target"], body: request.body, context: context,
                                         signed: signed)
            response = HTTPResponse(status: answer.status, headers: answer.headers, body: answer.body)
            label = answer.operation ?? "-"
            errorType = answer.errorType
        } else {
            do {
                response = try resource(request)
            } catch {
                logger.log(.error, "\(request.method) \(request.path) failed: \(error)")
                response = Self.json(500, ["message": "Internal error"])
            }
            label = "\(request.method) \(request.path)"
        }
        logger.request(label, errorType, status: response.status, micros: Logger.monotonicMicros() - started,
                       requestId: requestId)
        return response
    }

    /// Everything but AWS calls: the test-control paths and each pool's discovery documents.
    private func resource(_ request: HTTPRequest) throws -> HTTPResponse {
        if request.path.hasPrefix("/_mock/") {
            // Health stays reachable for container health checks whatever the settings: it tells nothing.
            let isHealth = request.method == "GET" && request.path == "/_mock/health"
            if !isHealth {
                guard controlAPI else { return Self.json(404, ["message": "Not Found"]) }
                if let refusal = controlPolicy.check(request) {
                    logger.log(.warning, "refused \(request.method) \(request.path): \(refusal.message)")
                    return Self.json(refusal.status, ["message": .string(refusal.message)])
                }
            }
            return try MockControl(cognito: cognito, logger: logger).handle(request)
        }
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
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

    static func poolNotFound(_ poolId: String) -> HTTPResponse {
        json(404, ["__type": "ResourceNotFoundException", "message": .string("User pool \(poolId) does not exist.")])
    }

    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: JSONSerializer.serialize(body))
    }
}
