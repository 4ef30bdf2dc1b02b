import AWSJSONProtocol
import CryptoPrimitives
import Testing
@testable import CognitoIdentityProvider

/// Sign-in, sessions, tokens and revocation through the AWS JSON layer (the boto3 suite repeats
/// them over HTTP with PyJWT as the verifier).
@Suite struct SignInTests {
    let harness: ServiceHarness
    let poolId: String
    let clientId: String

    init() throws {
        harness = try ServiceHarness()
        poolId = try harness.createPool()
        clientId = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"app","ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}"#
        ).body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        _ = try harness.call(
            "AdminCreateUser",
            #"{"UserPoolId":"\#(poolId)","Username":"alice","TemporaryPassword":"Temp0rary!pass","MessageAction":"SUPPRESS"}"#)
    }

    func signIn(_ password: String) throws -> (status: Int, body: JSONValue) {
        try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice","PASSWORD":"\#(password)"}}"#)
    }

    func answerNewPassword(_ session: String) throws -> (status: Int, body: JSONValue) {
        try harness.call(
            "RespondToAuthChallenge",
            #"{"ClientId":"\#(clientId)","ChallengeName":"NEW_PASSWORD_REQUIRED","Session":"\#(session)","ChallengeResponses":{"USERNAME":"alice","NEW_PASSWORD":"Perm4nent!pass"}}"#
        )
    }

    /// The claims of `token` after checking its RS256 signature with the pool's published key.
    func verifiedClaims(_ token: String) throws -> JSONValue {
        let keys = try #require(try harness.cognito.jsonWebKeySet(poolId: poolId))
        let jwk = try #require(keys["keys"]?.arrayValue?.first)
        let key = try RSAPublicKey(
            modulus: try #require(Base64URL.decode(jwk["n"]?.stringValue ?? "")),
            exponent: try #require(Base64URL.decode(jwk["e"]?.stringValue ?? "")))
        let verified = try #require(JSONWebSignature.verifyRS256(token, key: key))
        return try JSONParser.parse(verified.payload)
    }

    @Test func newPasswordRequiredThenSignedTokens() throws {
        let challenge = try signIn("Temp0rary!pass").body
        #expect(challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED")
        let session = try #require(challenge["Session"]?.stringValue)
        let result = try answerNewPassword(session).body["AuthenticationResult"]
        let access = try verifiedClaims(try #require(result?["AccessToken"]?.stringValue))
        let id = try verifiedClaims(try #require(result?["IdToken"]?.stringValue))
        #expect(access["token_use"] == "access" && access["username"] == "alice" && access["client_id"] == .string(clientId))
        #expect(id["token_use"] == "id" && id["aud"] == .string(clientId) && id["cognito:username"] == "alice")
        #expect(access["iss"] == .string("http://localhost/\(poolId)"))
        #expect(access["origin_jti"] == id["origin_jti"])
        #expect(result?["ExpiresIn"] == 3600 && result?["TokenType"] == "Bearer")
    }

    @Test func aSessionIsUsedOnceAndExpiresWithTheClock() throws {
        let first = try #require(try signIn("Temp0rary!pass").body["Session"]?.stringValue)
        let second = try #require(try signIn("Temp0rary!pass").body["Session"]?.stringValue)
        #expect(try answerNewPassword(first).status == 200)
        #expect(try answerNewPassword(first).body["message"] == "Invalid session for the user, session can only be used once.")
        harness.clock.advance(by: 181)
        #expect(try answerNewPassword(second).body["message"] == "Invalid session for the user, session is expired.")
        #expect(try answerNewPassword("AYABe-not-a-session-at-all").body["message"] == "Invalid session for the user.")
    }

    @Test func accessTokensExpireAndAreRevokedBySignOut() throws {
        let session = try #require(try signIn("Temp0rary!pass").body["Session"]?.stringValue)
        let result = try #require(try answerNewPassword(session).body["AuthenticationResult"])
        let access = try #require(result["AccessToken"]?.stringValue)
        let refresh = try #require(result["RefreshToken"]?.stringValue)
        #expect(try harness.call("GlobalSignOut", #"{"AccessToken":"\#(access)"}"#).status == 200)
        #expect(try harness.call("GlobalSignOut", #"{"AccessToken":"\#(access)"}"#).body["message"] == "Access Token has been revoked")
        let refused = try harness.call(
            "InitiateAuth", #"{"ClientId":"\#(clientId)","AuthFlow":"REFRESH_TOKEN_AUTH","AuthParameters":{"REFRESH_TOKEN":"\#(refresh)"}}"#)
        #expect(refused.body["message"] == "Refresh Token has been revoked")

        let fresh = try #require(try signIn("Perm4nent!pass").body["AuthenticationResult"]?["AccessToken"]?.stringValue)
        harness.clock.advance(by: 3600)
        #expect(try harness.call("GlobalSignOut", #"{"AccessToken":"\#(fresh)"}"#).body["message"] == "Access Token has expired")
        let tampered = fresh.dropLast(4) + "AAAA"
        #expect(try harness.call("GlobalSignOut", #"{"AccessToken":"\#(tampered)"}"#).body["message"] == "Invalid Access Token")
    }

    @Test func wrongPasswordsAndUnknownUsers() throws {
        #expect(try signIn("Wr0ng!password").body == ["__type": "NotAuthorizedException", "message": "Incorrect username or password."])
        let unknown = try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"bob","PASSWORD":"x"}}"#)
        // API-created clients default to PreventUserExistenceErrors LEGACY, which reveals it.
        #expect(unknown.body == ["__type": "UserNotFoundException", "message": "User does not exist."])
    }
}
