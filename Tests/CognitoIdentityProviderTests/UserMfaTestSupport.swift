import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore
@testable import CognitoIdentityProvider

/// A pool with TOTP enabled (OPTIONAL), a password client and one signed-in user, for the per-user
/// MFA operations. Requests are JSON values; `error` gives [status, __type, message].
struct UserMfaFixture {
    let harness: ServiceHarness
    let poolId: String
    let clientId: String
    let accessToken: String
    static let password = "Corr3ct-Horse!"

    init(attributes: JSONValue = [["Name": "email", "Value": "alice@example.com"]], poolBody: String = #"{"PoolName":"mfa"}"#) throws {
        harness = try ServiceHarness()
        poolId = try harness.call("CreateUserPool", poolBody).body["UserPool"]?["Id"]?.stringValue ?? ""
        clientId = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"app","ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}"#
        ).body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        let harness = self.harness
        let poolId = self.poolId
        func ok(_ operation: String, _ body: JSONValue) throws {
            let answer = try harness.call(operation, String(decoding: JSONSerializer.serialize(body), as: UTF8.self))
            guard answer.status == 200 else { throw FixtureFailure(operation: operation, body: answer.body) }
        }
        try ok("AdminCreateUser", [
            "UserPoolId": .string(poolId), "Username": "alice", "TemporaryPassword": "Temp0rary!pass",
            "MessageAction": "SUPPRESS", "UserAttributes": attributes,
        ])
        try ok("AdminSetUserPassword", ["UserPoolId": .string(poolId), "Username": "alice", "Password": .string(Self.password), "Permanent": true])
        try ok("SetUserPoolMfaConfig", ["UserPoolId": .string(poolId), "MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": ["Enabled": true]])
        let signIn = try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice","PASSWORD":"\#(Self.password)"}}"#)
        guard let token = signIn.body["AuthenticationResult"]?["AccessToken"]?.stringValue else {
            throw FixtureFailure(operation: "InitiateAuth", body: signIn.body)
        }
        accessToken = token
        alignToStep()
    }

    /// Moves the clock just past the start of the next 30-second TOTP step, so that a test has
    /// the whole step before real time crosses into the next one.
    func alignToStep() {
        let now = harness.clock.now()
        harness.clock.advance(by: TOTP.stepSeconds - now.truncatingRemainder(dividingBy: TOTP.stepSeconds) + 0.01)
    }

    func call(_ operation: String, _ body: JSONValue) throws -> (status: Int, body: JSONValue) {
        try harness.call(operation, String(decoding: JSONSerializer.serialize(body), as: UTF8.self))
    }

    /// The body of a call that must succeed.
    @discardableResult
    func ok(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        let answer = try call(operation, body)
        guard answer.status == 200 else { throw FixtureFailure(operation: operation, body: answer.body) }
        return answer.body
    }

    func error(_ operation: String, _ body: JSONValue) throws -> [String] {
        let answer = try call(operation, body)
        return [String(answer.status), answer.body["__type"]?.stringValue ?? "-", answer.body["message"]?.stringValue ?? "-"]
    }

    /// `body` with the access token added.
    func withToken(_ body: [String: JSONValue] = [:]) -> JSONValue {
        var body = body
        body["AccessToken"] = .string(accessToken)
        return .object(body)
    }

    /// `body` with the pool and user named, for the Admin operations.
    func admin(_ body: [String: JSONValue] = [:]) -> JSONValue {
        var body = body
        body["UserPoolId"] = .string(poolId)
        body["Username"] = "alice"
        return .object(body)
    }

    func setPool(_ body: [String: JSONValue]) throws {
        var body = body
        body["UserPoolId"] = .string(poolId)
        try ok("SetUserPoolMfaConfig", .object(body))
    }

    /// Associates a new authenticator; its raw secret.
    func associate() throws -> [UInt8] {
        let code = try ok("AssociateSoftwareToken", withToken())["SecretCode"]?.stringValue ?? ""
        return Base32.decode(code) ?? []
    }

    /// The code an authenticator app shows now (or `steps` steps away).
    func code(_ secret: [UInt8], steps: Int64 = 0) -> String {
        TOTP.code(secret: secret, atTimeStep: TOTP.timeStep(at: harness.clock.now()) + steps)
    }

    /// Associates and verifies an authenticator; its secret.
    @discardableResult
    func enrol(deviceName: String? = nil) throws -> [UInt8] {
        let secret = try associate()
        var body: [String: JSONValue] = ["UserCode": .string(code(secret))]
        if let deviceName { body["FriendlyDeviceName"] = .string(deviceName) }
        try ok("VerifySoftwareToken", withToken(body))
        return secret
    }

    func storedMfa() throws -> UserMfa {
        let sub = try ok("AdminGetUser", admin())["UserAttributes"]?.arrayValue?.first { $0["Name"] == "sub" }?["Value"]?.stringValue ?? ""
        return try harness.database.read { try UserMfaStore.load(poolId: poolId, sub: sub, in: $0) }
    }

    /// A challenge session for alice as sign-in would start it.
    func startSession(challenge: String, state: JSONValue = [:]) throws -> String {
        try harness.database.write { connection in
            let pool = try harness.cognito.environment.pools.require(poolId)
            guard let alice = try UserStore.find(pool: pool, username: "alice", in: connection) else {
                throw FixtureFailure(operation: "startSession", body: "alice does not exist")
            }
            return try AuthSessions.start(
                poolId: poolId, clientId: clientId, subject: SessionSubject(alice), challenge: challenge, state: state,
                now: harness.clock.now(), validityMinutes: 3, in: connection)
        }
    }
}

struct FixtureFailure: Error, CustomStringConvertible {
    let operation: String
    let body: JSONValue
    var description: String { "\(operation) failed: \(body)" }
}
