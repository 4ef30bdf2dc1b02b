import AWSJSONProtocol
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

@Suite struct UserMfaStoreTests {
    @Test func stateRoundTripsAndLeavesWithItsUser() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        _ = try harness.call("AdminCreateUser", #"{"UserPoolId":"\#(poolId)","Username":"alice","MessageAction":"SUPPRESS"}"#)
        let sub = try #require(
            try harness.call("AdminGetUser", #"{"UserPoolId":"\#(poolId)","Username":"alice"}"#).body["UserAttributes"]?
                .arrayValue?.first { $0["Name"] == "sub" }?["Value"]?.stringValue)
        var mfa = UserMfa()
        mfa.enabled = [.email, .softwareToken]
        mfa.preferred = .softwareToken
        mfa.softwareToken = SoftwareToken(secret: [0, 1, 0xfe, 0xff], friendlyDeviceName: "phone", verifiedAt: 12.5)
        mfa.pendingSecret = [9, 8]
        mfa.lastAcceptedStep = 59_000_000
        mfa.failedAttempts = 2
        mfa.lockedUntil = 99
        let database = harness.database
        try database.write { try UserMfaStore.save(mfa, poolId: poolId, sub: sub, in: $0) }
        #expect(try database.read { try UserMfaStore.load(poolId: poolId, sub: sub, in: $0) } == mfa)
        #expect(mfa.enabledList == [.softwareToken, .email])
        _ = try harness.call("AdminDeleteUser", #"{"UserPoolId":"\#(poolId)","Username":"alice"}"#)
        #expect(try database.read { try UserMfaStore.load(poolId: poolId, sub: sub, in: $0) } == UserMfa())
    }
}
