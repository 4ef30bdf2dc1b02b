import AWSJSONProtocol
import CryptoPrimitives
import Foundation
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

/// USER_SRP_AUTH through the AWS JSON layer. The client's side is played with the server's own
/// primitives: the test reads the attempt's b from the session the SECRET_BLOCK names and derives
/// the key from the verifier the typed password gives, which equals the real client's key exactly
/// when the password is right. (The arithmetic itself is pinned by SRPServerTests' known answers,
/// and pycognito / warrant-lite sign in over HTTP in test_srp_sign_in.py.)
@Suite struct PasswordVerifierTests {
    static let password = "Corr3ct-Horse!"
    let harness: ServiceHarness
    let poolId: String
    let clientId: String

    init() throws {
        harness = try ServiceHarness()
        poolId = try harness.createPool()
        clientId = try Self.makeClient(harness, poolId: poolId)
        try Self.makeUser(harness, poolId: poolId, username: "alice")
    }

    static func makeClient(_ harness: ServiceHarness, poolId: String, flows: String = #"["ALLOW_USER_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]"#, secret: Bool = false) throws -> String {
        try #require(harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"app","GenerateSecret":\#(secret),"ExplicitAuthFlows":\#(flows)}"#
        ).body["UserPoolClient"]?["ClientId"]?.stringValue)
    }

    static func makeUser(_ harness: ServiceHarness, poolId: String, username: String, attributes: String = "[]", permanent: Bool = true) throws {
        let created = try harness.call(
            "AdminCreateUser",
            #"{"UserPoolId":"\#(poolId)","Username":"\#(username)","TemporaryPassword":"Temp0rary!pass","MessageAction":"SUPPRESS","UserAttributes":\#(attributes)}"#)
        #expect(created.status == 200)
        if permanent {
            let internalName = created.body["User"]?["Username"]?.stringValue ?? username
            #expect(try harness.call(
                "AdminSetUserPassword",
                #"{"UserPoolId":"\#(poolId)","Username":"\#(internalName)","Password":"\#(password)","Permanent":true}"#).status == 200)
        }
    }

    static let clientPublic = SRPServer.hex(SRPGroup.modExpG(exponent: SecureRandom.bytes(64)))

    func initiate(
        _ name: String = "alice", srpA: String = PasswordVerifierTests.clientPublic, client: String? = nil,
        extra: String = "", admin: Bool = false
    ) throws -> (status: Int, body: JSONValue) {
        let parameters = #""USERNAME":"\#(name)","SRP_A":"\#(srpA)"\#(extra)"#
        if admin {
            return try harness.call(
                "AdminInitiateAuth",
                #"{"UserPoolId":"\#(poolId)","ClientId":"\#(client ?? clientId)","AuthFlow":"USER_SRP_AUTH","AuthParameters":{\#(parameters)}}"#)
        }
        return try harness.call(
            "InitiateAuth", #"{"ClientId":"\#(client ?? clientId)","AuthFlow":"USER_SRP_AUTH","AuthParameters":{\#(parameters)}}"#)
    }

    /// The answer a client with `password` sends to `challenge`, signed at `timestamp`.
    func answer(
        _ challenge: JSONValue, password: String = PasswordVerifierTests.password, username: String? = nil,
        timestamp: String? = nil, secretBlock: String? = nil, client: String? = nil, extra: String = "",
        admin: Bool = false
    ) throws -> (status: Int, body: JSONValue) {
        let parameters = try #require(challenge["ChallengeParameters"])
        let userId = try #require(parameters["USER_ID_FOR_SRP"]?.stringValue)
        let block = secretBlock ?? parameters["SECRET_BLOCK"]?.stringValue ?? ""
        let time = timestamp ?? SRPTimestamp.format(harness.clock.now())
        let signature = try signature(parameters, password: password, userId: userId, secretBlock: block, timestamp: time)
        let responses = #""USERNAME":"\#(username ?? userId)","PASSWORD_CLAIM_SECRET_BLOCK":"\#(block)","PASSWORD_CLAIM_SIGNATURE":"\#(signature)","TIMESTAMP":"\#(time)"\#(extra)"#
        let pool = admin ? #""UserPoolId":"\#(poolId)","# : ""
        return try harness.call(
            admin ? "AdminRespondToAuthChallenge" : "RespondToAuthChallenge",
            #"{\#(pool)"ClientId":"\#(client ?? clientId)","ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{\#(responses)}}"#)
    }

    func signature(_ parameters: JSONValue, password: String, userId: String, secretBlock: String, timestamp: String) throws -> String {
        let issuedText = try #require(parameters["SECRET_BLOCK"]?.stringValue)
        let issued = try #require(Data(base64Encoded: issuedText))
        let sessionId = try #require(String(data: issued, encoding: .utf8))
        let state = try #require(try harness.database.read { connection in
            try connection.query("SELECT state FROM auth_sessions WHERE id = ?1", [.text(sessionId)]).first?.text(0)
        })
        let stored = try JSONParser.parse(Array(state.utf8))
        func value(_ key: String) throws -> [UInt8] {
            let text = try #require(stored[key]?.stringValue)
            return try #require(SRPServer.bytes(hex: text, maxDigits: 1_000))
        }
        let saltText = try #require(parameters["SALT"]?.stringValue)
        let salt = try #require(SRPServer.bytes(hex: saltText, maxDigits: 64))
        let verifier = SRPVerifier.verifier(poolName: User.srpPoolName(poolId), userId: userId, password: password, salt: salt)
        let ephemeral = SRPServer.Ephemeral(privateValue: try value("b"), publicValue: try value("B"))
        let clientPublic = try value("A")
        let key = try #require(SRPServer.sessionKey(clientPublic: clientPublic, ephemeral: ephemeral, verifier: verifier))
        let block = Array(Data(base64Encoded: secretBlock) ?? Data())
        let mac = SRPServer.claimSignature(
            key: key, poolName: User.srpPoolName(poolId), userIdForSrp: userId, secretBlock: block, timestamp: timestamp)
        return Data(mac).base64EncodedString()
    }

    static let incorrect: JSONValue = ["__type": "NotAuthorizedException", "message": "Incorrect username or password."]

    @Test func passwordVerifierChallengeThenTokens() throws {
        let challenge = try initiate().body
        #expect(challenge["ChallengeName"] == "PASSWORD_VERIFIER")
        #expect(challenge["Session"] == nil)
        let parameters = try #require(challenge["ChallengeParameters"]?.objectValue)
        #expect(Set(parameters.keys) == ["SALT", "SRP_B", "SECRET_BLOCK", "USERNAME", "USER_ID_FOR_SRP"])
        #expect(parameters["USERNAME"] == "alice" && parameters["USER_ID_FOR_SRP"] == "alice")
        #expect(parameters["SALT"]?.stringValue?.count == 32)
        let result = try answer(challenge)
        #expect(result.status == 200)
        #expect(result.body["AuthenticationResult"]?["AccessToken"]?.stringValue != nil)
        #expect(result.body["ChallengeParameters"] == [:])
    }

    @Test func eachAttemptGetsItsOwnSaltedChallenge() throws {
        let first = try initiate().body["ChallengeParameters"]
        let second = try initiate().body["ChallengeParameters"]
        #expect(first?["SALT"] == second?["SALT"])
        #expect(first?["SRP_B"] != second?["SRP_B"] && first?["SECRET_BLOCK"] != second?["SECRET_BLOCK"])
    }

    @Test func wrongPasswordsCountTowardTheLockout() throws {
        for _ in 1...5 {
            #expect(try answer(try initiate().body, password: "Wr0ng!password").body == Self.incorrect)
        }
        // The fifth failure locks sign-in for 2^0 s; even the right password is refused meanwhile.
        let locked = try answer(try initiate().body)
        #expect(locked.body == ["__type": "NotAuthorizedException", "message": "Password attempts exceeded"])
        harness.clock.advance(by: 2)
        #expect(try answer(try initiate().body).status == 200)
        // Success reset the count: one more failure does not lock.
        #expect(try answer(try initiate().body, password: "Wr0ng!password").body == Self.incorrect)
        #expect(try answer(try initiate().body).status == 200)
    }

    @Test func aSecretBlockIsAnsweredOnceWithinTheSessionValidity() throws {
        let challenge = try initiate().body
        #expect(try answer(challenge).status == 200)
        #expect(try answer(challenge).body["message"] == "Invalid session for the user, session can only be used once.")
        // A wrong answer uses it up too.
        let failed = try initiate().body
        #expect(try answer(failed, password: "Wr0ng!password").body == Self.incorrect)
        #expect(try answer(failed).body["message"] == "Invalid session for the user, session can only be used once.")
        let late = try initiate().body
        harness.clock.advance(by: 181)
        #expect(try answer(late).body["message"] == "Invalid session for the user, session is expired.")
    }

    @Test func aSecretBlockThatWasNotIssuedIsRefused() throws {
        let challenge = try initiate().body
        let forged = Data("AYABe-not-one-of-ours".utf8).base64EncodedString()
        #expect(try answer(challenge, secretBlock: forged).body == Self.incorrect)
        #expect(try answer(challenge, secretBlock: "%%% not base64 %%%").body == Self.incorrect)
        // Issued to another client of the pool: not this client's to answer.
        let other = try Self.makeClient(harness, poolId: poolId)
        #expect(try answer(challenge, client: other).body == Self.incorrect)
        #expect(try answer(challenge).status == 200)
    }

    @Test func timestampsMustBeWellFormedAndNearTheClock() throws {
        let now = harness.clock.now()
        #expect(try answer(try initiate().body, timestamp: SRPTimestamp.format(now - 360)).body == Self.incorrect)
        #expect(try answer(try initiate().body, timestamp: SRPTimestamp.format(now + 360)).body == Self.incorrect)
        let formatted = SRPTimestamp.format(now)
        let weekday = try #require(SRPTimestamp.weekdays.firstIndex(of: String(formatted.prefix(3))))
        let wrongDay = SRPTimestamp.weekdays[(weekday + 1) % 7] + formatted.dropFirst(3)
        #expect(try answer(try initiate().body, timestamp: wrongDay).body == Self.incorrect)
        // Malformed timestamps do not count as wrong passwords: still no lockout after these three.
        #expect(try answer(try initiate().body, timestamp: SRPTimestamp.format(now - 240)).status == 200)
    }

    @Test func timestampFormat() {
        #expect(SRPTimestamp.parse("Sun Nov 29 12:03:01 UTC 2026") == 1_795_953_781)
        #expect(SRPTimestamp.format(1_795_953_781) == "Sun Nov 29 12:03:01 UTC 2026")
        #expect(SRPTimestamp.format(1_788_606_000) == "Sat Sep 5 11:00:00 UTC 2026")
        #expect(SRPTimestamp.parse("Sat Sep 5 11:00:00 UTC 2026") == 1_788_606_000)
        #expect(SRPTimestamp.parse("Sat Sep 05 11:00:00 UTC 2026") == nil)  // zero-padded day
        #expect(SRPTimestamp.parse("Fri Sep 5 11:00:00 UTC 2026") == nil)  // wrong weekday
        #expect(SRPTimestamp.parse("Sat Sep  5 11:00:00 UTC 2026") == nil)  // double space
        #expect(SRPTimestamp.parse("Sat Sep 5 11:00:00 GMT 2026") == nil)
        #expect(SRPTimestamp.parse("Sat Sep 5 1:00:00 UTC 2026") == nil)
        #expect(SRPTimestamp.parse("Sat Sep 5 24:00:00 UTC 2026") == nil)
        #expect(SRPTimestamp.parse("Sat sep 5 11:00:00 UTC 2026") == nil)
        #expect(SRPTimestamp.parse("Tue Feb 29 00:00:00 UTC 2028") == 1_835_395_200)
        #expect(SRPTimestamp.parse("Thu Feb 29 00:00:00 UTC 2029") == nil)
        #expect(SRPTimestamp.parse("Thu Jan 1 00:00:00 UTC 1970") == 0)
        #expect(SRPTimestamp.parse("") == nil)
    }

    @Test func invalidAndMissingSrpA() throws {
        let invalid: JSONValue = ["__type": "InvalidParameterException", "message": "Invalid SRP_A"]
        let n = SRPServer.hex(SRPGroup.prime)
        #expect(try initiate(srpA: "0").body == invalid)
        #expect(try initiate(srpA: n).body == invalid)
        #expect(try initiate(srpA: "not-hex").body == invalid)
        let missing = try harness.call(
            "InitiateAuth", #"{"ClientId":"\#(clientId)","AuthFlow":"USER_SRP_AUTH","AuthParameters":{"USERNAME":"alice"}}"#)
        #expect(missing.body == ["__type": "InvalidParameterException", "message": "Missing required parameter SRP_A"])
        let challenge = try initiate().body
        let incomplete = try harness.call(
            "RespondToAuthChallenge",
            #"{"ClientId":"\#(clientId)","ChallengeName":"PASSWORD_VERIFIER","ChallengeResponses":{"USERNAME":"alice","PASSWORD_CLAIM_SECRET_BLOCK":"\#(challenge["ChallengeParameters"]?["SECRET_BLOCK"]?.stringValue ?? "")"}}"#)
        #expect(incomplete.body["message"] == "Missing required parameter PASSWORD_CLAIM_SIGNATURE")
    }

    @Test func theClientMustAllowTheFlow() throws {
        let passwordOnly = try Self.makeClient(harness, poolId: poolId, flows: #"["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]"#)
        let expected: JSONValue = ["__type": "InvalidParameterException", "message": "USER_SRP_AUTH is not enabled for the client."]
        #expect(try initiate(client: passwordOnly).body == expected)
        #expect(try initiate(client: passwordOnly, admin: true).body == expected)
    }

    @Test func unknownUsersFollowPreventUserExistenceErrors() throws {
        #expect(try initiate("bob").body == ["__type": "UserNotFoundException", "message": "User does not exist."])
        // USER_ID_FOR_SRP-style names other than the username are not sign-in names in a username pool.
        #expect(try initiate("alice@example.com").body["__type"] == "UserNotFoundException")
    }

    @Test func theAnswerMustNameTheChallengedUser() throws {
        try Self.makeUser(harness, poolId: poolId, username: "bob")
        let challenge = try initiate().body
        #expect(try answer(challenge, username: "bob").body == Self.incorrect)
    }

    @Test func adminInitiateAuthAndAdminRespond() throws {
        let challenge = try initiate(admin: true).body
        #expect(challenge["ChallengeName"] == "PASSWORD_VERIFIER")
        #expect(try answer(challenge, admin: true).body["AuthenticationResult"]?["IdToken"] != nil)
    }

    @Test func temporaryPasswordsLeadToNewPasswordRequired() throws {
        try Self.makeUser(harness, poolId: poolId, username: "carol", permanent: false)
        let challenge = try initiate("carol").body
        let next = try answer(challenge, password: "Temp0rary!pass").body
        #expect(next["ChallengeName"] == "NEW_PASSWORD_REQUIRED")
        #expect(next["Session"]?.stringValue?.hasPrefix("AYABe") == true)
    }

    @Test func emailAsUsernamePools() throws {
        let pool = try #require(harness.call(
            "CreateUserPool", #"{"PoolName":"emails","UsernameAttributes":["email"]}"#).body["UserPool"]?["Id"]?.stringValue)
        let client = try Self.makeClient(harness, poolId: pool)
        try Self.makeUser(harness, poolId: pool, username: "dana@example.com", attributes: #"[{"Name":"email","Value":"dana@example.com"}]"#)
        let scoped = PasswordVerifierTests(harness: harness, poolId: pool, clientId: client)
        let challenge = try scoped.initiate("dana@example.com").body
        let sub = try #require(challenge["ChallengeParameters"]?["USER_ID_FOR_SRP"]?.stringValue)
        #expect(sub != "dana@example.com" && sub.count == 36)
        #expect(challenge["ChallengeParameters"]?["USERNAME"] == .string(sub))
        // Either the internal name or the typed one may come back as USERNAME.
        #expect(try scoped.answer(challenge).status == 200)
        #expect(try scoped.answer(try scoped.initiate("dana@example.com").body, username: "dana@example.com").status == 200)
        // The proof is over USER_ID_FOR_SRP: one made over the email fails.
        let other = try scoped.initiate("dana@example.com").body
        var parameters = try #require(other["ChallengeParameters"]?.objectValue)
        parameters["USER_ID_FOR_SRP"] = "dana@example.com"
        #expect(try scoped.answer(.object(["ChallengeParameters": .object(parameters)]), username: sub).body == Self.incorrect)
    }

    @Test func clientsWithASecretNeedSecretHashOnBothSteps() throws {
        let client = try Self.makeClient(harness, poolId: poolId, secret: true)
        let described = try harness.call("DescribeUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(client)"}"#)
        let secret = try #require(described.body["UserPoolClient"]?["ClientSecret"]?.stringValue)
        let hash = SecretHash.expectedHash(username: "alice", clientId: client, clientSecret: secret)
        #expect(try initiate(client: client).body["__type"] == "NotAuthorizedException")
        let challenge = try initiate(client: client, extra: #","SECRET_HASH":"\#(hash)""#).body
        #expect(challenge["ChallengeName"] == "PASSWORD_VERIFIER")
        #expect(try answer(challenge, client: client).body["__type"] == "NotAuthorizedException")
        #expect(try answer(challenge, client: client, extra: #","SECRET_HASH":"\#(hash)""#).status == 200)
    }

    init(harness: ServiceHarness, poolId: String, clientId: String) {
        self.harness = harness
        self.poolId = poolId
        self.clientId = clientId
    }
}
