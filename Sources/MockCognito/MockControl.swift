import Glibc
import AWSJSONProtocol
import CognitoIdentityProvider
import FoundationEssentials
import HTTPCore

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
            guard let body = try? JSONParser.parse(request.body), let seconds = body["advanceSeconds"]?.doubleValue, seconds >= 0
            else { return RequestRouter.json(400, ["message": #"expected a JSON body {"advanceSeconds": <seconds, 0 or more>}"#]) }
            cognito.clock.advance(by: seconds)
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
        logger.log(.info, poolId.map { "reset pool \($0)" } ?? "reset everything")
        var body: [String: JSONValue] = ["reset": .string(poolId ?? "all")]
        if let poolId { body["userPoolId"] = .string(poolId) }
        return RequestRouter.json(200, .object(body))
    }

    /// `GET /_mock/totp?userPoolId=<id>&username=<name>`: `{"code":"123456","expiresIn":N}`.
    private func totp(query: [String: String]) throws -> HTTPResponse {
        let poolId = query["userPoolId"] ?? ""
        let username = query["username"] ?? ""
        switch try cognito.currentTotp(userPoolId: poolId, username: username) {
        case .code(let code, let expiresIn):
            return RequestRouter.json(200, ["code": .string(code), "expiresIn": .int(Int64(expiresIn))])
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

    private func clockState() -> JSONValue {
        ["now": .double(cognito.clock.now()), "offsetSeconds": .double(cognito.clock.offset)]
    }

    /// `a=1&b=x%40y` → ["a": "1", "b": "x@y"] (`+` is a space, as in HTML forms).
    static func queryItems(_ query: String?) -> [String: String] {
        var items: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = String(text).replacing("+", with: " ")
                return Self.percentDecoded(spaced) ?? spaced
            }
            items[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return items
    }

    /// `%XX` escapes decoded (what Foundation's `removingPercentEncoding` did): nil when an escape is
    /// malformed or the bytes are not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
