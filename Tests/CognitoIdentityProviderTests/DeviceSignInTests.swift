import AWSJSONProtocol
import CryptoPrimitives
import Foundation
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

/// Remembered devices through the AWS JSON layer: NewDeviceMetadata, ConfirmDevice, DEVICE_SRP_AUTH
/// and DEVICE_PASSWORD_VERIFIER, and the MFA challenge a remembered device replaces. The device's
/// side of SRP is played as in `PasswordVerifierTests` (the session's b with the verifier the device
/// password gives); pycognito plays it for real in test_devices.py.
@Suite struct DeviceSignInTests {
    static let password = "Corr3ct-Horse!"
    let harness: ServiceHarness
    let poolId: String
    let clientId: String

    init() throws {
        harness = try ServiceHarness()
        poolId = try #require(try harness.call(
            "CreateUserPool",
            #"{"PoolName":"devices","DeviceConfiguration":{"ChallengeRequiredOnNewDevice":true,"DeviceOnlyRememberedOnUserPrompt":false},"SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns","ExternalId":"x"},"AccountRecoverySetting":{"RecoveryMechanisms":[{"Name":"admin_only","Priority":1}]}}"#
        ).body["UserPool"]?["Id"]?.stringValue)
        clientId = try PasswordVerifierTests.makeClient(
            harness, poolId: poolId, flows: #"["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]"#)
        try PasswordVerifierTests.makeUser(
            harness, poolId: poolId, username: "alice", attributes: #"[{"Name":"phone_number","Value":"+15555550100"}]"#)
    }

    func signIn(device: String? = nil) throws -> (status: Int, body: JSONValue) {
        let extra = device.map { #","DEVICE_KEY":"\#($0)""# } ?? ""
        return try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice","PASSWORD":"\#(Self.password)"\#(extra)}}"#)
    }

    func respond(_ challenge: String, session: String?, _ responses: String) throws -> (status: Int, body: JSONValue) {
        let sessionMember = session.map { #","Session":"\#($0)""# } ?? ""
        return try harness.call(
            "RespondToAuthChallenge",
            #"{"ClientId":"\#(clientId)","ChallengeName":"\#(challenge)"\#(sessionMember),"ChallengeResponses":{\#(responses)}}"#)
    }

    /// A sign-in's new device, confirmed with the verifier of `devicePassword`.
    func confirmedDevice(devicePassword: String) throws -> (key: String, group: String, access: String) {
        let result = try #require(try signIn().body["AuthenticationResult"])
        let key = try #require(result["NewDeviceMetadata"]?["DeviceKey"]?.stringValue)
        let group = try #require(result["NewDeviceMetadata"]?["DeviceGroupKey"]?.stringValue)
        let access = try #require(result["AccessToken"]?.stringValue)
        let made = SRPVerifier.make(poolName: group, userId: key, password: devicePassword)
        let confirmed = try harness.call(
            "ConfirmDevice",
            #"{"AccessToken":"\#(access)","DeviceKey":"\#(key)","DeviceName":"phone","DeviceSecretVerifierConfig":{"PasswordVerifier":"\#(Data(made.verifier).base64EncodedString())","Salt":"\#(Data(made.salt).base64EncodedString())"}}"#)
        #expect(confirmed.status == 200)
        #expect(confirmed.body["UserConfirmationNecessary"] == .bool(false))
        return (key, group, access)
    }

    /// DEVICE_SRP_AUTH answered, then DEVICE_PASSWORD_VERIFIER answered with `devicePassword`'s claim.
    func deviceSignIn(_ device: (key: String, group: String, access: String), devicePassword: String) throws -> (status: Int, body: JSONValue) {
        let challenge = try signIn(device: device.key).body
        #expect(challenge["ChallengeName"]?.stringValue == "DEVICE_SRP_AUTH")
        let srpA = SRPServer.hex(SRPGroup.modExpG(exponent: SecureRandom.bytes(64)))
        let verifier = try respond(
            "DEVICE_SRP_AUTH", session: challenge["Session"]?.stringValue,
            #""USERNAME":"alice","DEVICE_KEY":"\#(device.key)","SRP_A":"\#(srpA)""#).body
        let parameters = try #require(verifier["ChallengeParameters"])
        let block = try #require(parameters["SECRET_BLOCK"]?.stringValue)
        let blockBytes = try #require(Data(base64Encoded: block))
        let sessionId = try #require(String(data: blockBytes, encoding: .utf8))
        let stateText = try harness.database.read {
            try $0.query("SELECT state FROM auth_sessions WHERE id = ?1", [.text(sessionId)]).first?.text(0)
        }
        let state = try JSONParser.parse(Array(try #require(stateText).utf8))
        func value(_ name: String) throws -> [UInt8] { try #require(state[name]?.stringValue.flatMap { SRPServer.bytes(hex: $0, maxDigits: 1_000) }) }
        let salt = try #require(parameters["SALT"]?.stringValue.flatMap { SRPServer.bytes(hex: $0, maxDigits: 64) })
        let typed = SRPVerifier.verifier(poolName: device.group, userId: device.key, password: devicePassword, salt: salt)
        let key = try #require(SRPServer.sessionKey(
            clientPublic: try value("A"), ephemeral: SRPServer.Ephemeral(privateValue: try value("b"), publicValue: try value("B")),
            verifier: typed))
        let timestamp = SRPTimestamp.format(harness.clock.now())
        let signature = SRPServer.claimSignature(
            key: key, poolName: device.group, userIdForSrp: device.key, secretBlock: Array(Data(base64Encoded: block) ?? Data()),
            timestamp: timestamp)
        return try respond(
            "DEVICE_PASSWORD_VERIFIER", session: nil,
            #""USERNAME":"alice","DEVICE_KEY":"\#(device.key)","PASSWORD_CLAIM_SECRET_BLOCK":"\#(block)","PASSWORD_CLAIM_SIGNATURE":"\#(Data(signature).base64EncodedString())","TIMESTAMP":"\#(timestamp)""#)
    }

    func accessClaims(_ token: String?) throws -> JSONValue {
        let payload = try #require(token.flatMap { JSONWebSignature.decodeUnverified($0)?.payload })
        return try JSONParser.parse(payload)
    }

    @Test func aTrackingPoolGivesEverySignInANewDeviceInOneGroup() throws {
        let first = try #require(try signIn().body["AuthenticationResult"])
        let second = try #require(try signIn().body["AuthenticationResult"])
        let key = try #require(first["NewDeviceMetadata"]?["DeviceKey"]?.stringValue)
        #expect(key.hasPrefix("us-east-1_") && key.count <= 55)
        #expect(key != second["NewDeviceMetadata"]?["DeviceKey"]?.stringValue)
        #expect(first["NewDeviceMetadata"]?["DeviceGroupKey"] == second["NewDeviceMetadata"]?["DeviceGroupKey"])
        #expect(try accessClaims(first["AccessToken"]?.stringValue)["device_key"]?.stringValue == key)
    }

    @Test func aRememberedDeviceReplacesTheSmsChallenge() throws {
        let device = try confirmedDevice(devicePassword: "device-secret")
        #expect(try harness.call("SetUserPoolMfaConfig", #"{"UserPoolId":"\#(poolId)","MfaConfiguration":"ON","SmsMfaConfiguration":{"SmsConfiguration":{"SnsCallerArn":"arn:aws:iam::123456789012:role/sns","ExternalId":"x"}}}"#).status == 200)
        #expect(try signIn().body["ChallengeName"]?.stringValue == "SMS_MFA")
        let signedIn = try deviceSignIn(device, devicePassword: "device-secret")
        #expect(signedIn.status == 200)
        let result = try #require(signedIn.body["AuthenticationResult"])
        #expect(result["NewDeviceMetadata"] == nil)
        #expect(try accessClaims(result["AccessToken"]?.stringValue)["device_key"]?.stringValue == device.key)

        // Not remembered any more: the device is proven, then the SMS challenge follows.
        #expect(try harness.call(
            "UpdateDeviceStatus", #"{"AccessToken":"\#(device.access)","DeviceKey":"\#(device.key)","DeviceRememberedStatus":"not_remembered"}"#).status == 200)
        #expect(try deviceSignIn(device, devicePassword: "device-secret").body["ChallengeName"]?.stringValue == "SMS_MFA")
    }

    @Test func aWrongDevicePasswordIsRefusedAndCounted() throws {
        let device = try confirmedDevice(devicePassword: "device-secret")
        let refused = try deviceSignIn(device, devicePassword: "guess")
        #expect(refused.status == 400)
        #expect(refused.body["message"]?.stringValue == "Incorrect username or password.")
        let sub = try #require(try harness.database.read { try UserStore.findForSignIn(pool: try harness.cognito.environment.pools.require(poolId), name: "alice", in: $0) }?.sub)
        let mfa = try harness.database.read { try UserMfaStore.load(poolId: poolId, sub: sub, in: $0) }
        #expect(mfa.failedAttempts == 1)
    }

    @Test func anUnknownOrUnconfirmedDeviceDoesNotExist() throws {
        let unknown = try signIn(device: "us-east-1_00000000-0000-0000-0000-000000000000")
        #expect(unknown.body["__type"]?.stringValue == "ResourceNotFoundException")
        #expect(unknown.body["message"]?.stringValue == "Device does not exist.")
        let unconfirmed = try #require(try signIn().body["AuthenticationResult"]?["NewDeviceMetadata"]?["DeviceKey"]?.stringValue)
        #expect(try signIn(device: unconfirmed).body["message"]?.stringValue == "Device does not exist.")
    }

    @Test func aForgottenDeviceCannotStandInAnyMore() throws {
        let device = try confirmedDevice(devicePassword: "device-secret")
        #expect(try harness.call("ForgetDevice", #"{"AccessToken":"\#(device.access)","DeviceKey":"\#(device.key)"}"#).status == 200)
        #expect(try signIn(device: device.key).body["message"]?.stringValue == "Device does not exist.")
        #expect(try harness.call("ListDevices", #"{"AccessToken":"\#(device.access)"}"#).body["Devices"] == .array([]))
    }

    @Test func deviceConfigurationIsReadFromThePool() throws {
        let pool = try harness.cognito.environment.pools.require(poolId)
        #expect(DeviceConfiguration(pool) == DeviceConfiguration(pool))
        #expect(DeviceConfiguration(pool)?.challengeRequiredOnNewDevice == true)
        #expect(DeviceConfiguration(pool)?.onlyRememberedOnUserPrompt == false)
        var plain = pool
        plain.settings["DeviceConfiguration"] = nil
        #expect(DeviceConfiguration(plain) == nil)
    }
}
