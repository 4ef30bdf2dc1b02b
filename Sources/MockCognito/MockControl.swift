import Glibc
import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import HTTPCore
import ManagedLogin

/// The test-control paths under `/_mock/` (listed in the README): health, the message outbox, the
/// service clock, reset, users' current TOTP codes and the state as a seed file.
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
        case ("GET", "/_mock/stats"):
            // For bench/run.sh: WAL checkpoints run off the request path, and those that held writers.
            let counts = cognito.checkpointCounts
            return RequestRouter.json(200, ["walCheckpoints": ["passive": .int(Int64(counts.passive)),
                                                               "holdingWriters": .int(Int64(counts.locked))]])
        case ("POST", "/_mock/clock"):
            guard let body = try? JSONParser.parse(request.body), let seconds = body["advanceSeconds"]?.doubleValue
            else { return RequestRouter.json(400, ["message": #"expected a JSON body {"advanceSeconds": <seconds, 0 or more>}"#]) }
            // Refused (400, clock unchanged): negative, non-finite, or past 9999-12-31T23:59:59Z.
            if let refusal = cognito.clock.advance(by: seconds) {
                return RequestRouter.json(400, ["message": .string(refusal.description)])
            }
            logger.log(.info, "clock advanced by \(seconds) s")
            return RequestRouter.json(200, clockState())
        case ("POST", "/_mock/reset"):
            return try reset(query: Self.queryItems(request.query))
        case ("GET", "/_mock/totp"):
            return try totp(query: Self.queryItems(request.query))
        case ("GET", "/_mock/export"):
            let withVerifiers = Self.queryItems(request.query)["withPasswordVerifiers"] == "true"
            return RequestRouter.json(200, try cognito.exportSeed(includePasswordVerifiers: withVerifiers))
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

    /// `POST /_mock/reset[?userPoolId=<id>]`: everything (or one pool) back to the start-up seeds.
    private func reset(query: [String: String]) throws -> HTTPResponse {
        let poolId = query["userPoolId"].flatMap { $0.isEmpty ? nil : $0 }
        do {
            guard try cognito.reset(userPoolId: poolId) else { return RequestRouter.poolNotFound(poolId ?? "") }
        } catch let error as SeedError {
            return RequestRouter.json(500, ["message": .string("reset failed, nothing changed: seed file \(error.description)")])
        }
        // A whole reset also puts the clock back to real time: the server is as it was at start.
        if poolId == nil { cognito.clock.reset() }
        logger.log(.info, poolId.map { "reset pool \($0)" } ?? "reset everything, clock back to real time")
        var body: [String: JSONValue] = ["reset": .string(poolId ?? "all")]
        if let poolId { body["userPoolId"] = .string(poolId) }
        return RequestRouter.json(200, .object(body))
    }

    /// `GET /_mock/totp?userPoolId=<id>&username=<name>[&step=current|next]`:
    /// `{"code":"123456","expiresIn":N,"timeStep":T}`, by the service clock.
    private func totp(query: [String: String]) throws -> HTTPResponse {
        let poolId = query["userPoolId"] ?? ""
        let username = query["username"] ?? ""
        let offset: Int64
        switch query["step"] ?? "current" {
        case "current", "": offset = 0
        case "next": offset = 1
        default: return RequestRouter.json(400, ["message": "step must be current or next"])
        }
        switch try cognito.currentTotp(userPoolId: poolId, username: username, stepOffset: offset) {
        case .code(let code, let expiresIn, let step):
            return RequestRouter.json(200, ["code": .string(code), "expiresIn": .int(Int64(expiresIn)), "timeStep": .int(step)])
        case .poolNotFound:
            return RequestRouter.poolNotFound(poolId)
        case .userNotFound:
            return RequestRouter.json(404, ["__type": "UserNotFoundException", "message": "User does not exist."])
        case .noVerifiedToken:
            return RequestRouter.json(404, [
                "__type": "SoftwareTokenMFANotFoundException",
                "message": .string("User \(username) has no verified software token."),
            ])
        }
    }

    /// `now` is what TOTP libraries take as the time (`pyotp.TOTP(secret).at(now)`); `timeStep`
    /// is RFC 6238's T at that time (now / 30, rounded down).
    private func clockState() -> JSONValue {
        let now = cognito.clock.now()
        return ["now": .double(now), "offsetSeconds": .double(cognito.clock.offset), "timeStep": .int(CognitoService.totpTimeStep(at: now))]
    }

    static func queryItems(_ query: String?) -> [String: String] {
        FormEncoding.decode(query)
    }
}
