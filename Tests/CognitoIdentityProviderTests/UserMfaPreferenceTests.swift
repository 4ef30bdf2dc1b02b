import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// Set/AdminSetUserMFAPreference, Set/AdminSetUserSettings, the user's MFA members and
/// GetUserAuthFactors (spec 4.3–4.5, section 9 row 15).
@Suite struct UserMfaPreferenceTests {
    static let withPhone: JSONValue = [["Name": "email", "Value": "alice@example.com"], ["Name": "phone_number", "Value": "+15555550100"]]

    func mfaMembers(_ fixture: UserMfaFixture) throws -> [String: JSONValue] {
        let user = try fixture.ok("AdminGetUser", fixture.admin()).objectValue ?? [:]
        return user.filter { ["UserMFASettingList", "PreferredMfaSetting", "MFAOptions"].contains($0.key) }
    }

    @Test func totpNeedsAVerifiedAuthenticator() throws {
        let fixture = try UserMfaFixture()
        let body = fixture.withToken(["SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true]])
        let refused = ["400", "InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA"]
        #expect(try fixture.error("SetUserMFAPreference", body) == refused)
        _ = try fixture.associate()
        #expect(try fixture.error("SetUserMFAPreference", body) == refused)
        fixture.harness.clock.advance(by: 30)
        try fixture.enrol()
        #expect(try fixture.ok("SetUserMFAPreference", body) == [:])
        #expect(try mfaMembers(fixture) == ["UserMFASettingList": ["SOFTWARE_TOKEN_MFA"], "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA"])
    }

    @Test func preferredMustBeEnabled() throws {
        let fixture = try UserMfaFixture(attributes: Self.withPhone)
        let refused = ["400", "InvalidParameterException", "Cannot set a preferred MFA method that is not enabled."]
        #expect(try fixture.error("SetUserMFAPreference", fixture.withToken(["SMSMfaSettings": ["PreferredMfa": true]])) == refused)
        #expect(try fixture.error("AdminSetUserMFAPreference", fixture.admin(["SMSMfaSettings": ["Enabled": false, "PreferredMfa": true]])) == refused)
        #expect(try mfaMembers(fixture).isEmpty)
    }

    @Test func messageFactorsNeedTheirAttribute() throws {
        let fixture = try UserMfaFixture(attributes: [])
        #expect(try fixture.error("AdminSetUserMFAPreference", fixture.admin(["SMSMfaSettings": ["Enabled": true]]))
            == ["400", "InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA"])
        #expect(try fixture.error("AdminSetUserMFAPreference", fixture.admin(["EmailMfaSettings": ["Enabled": true]]))
            == ["400", "InvalidParameterException", "User does not have delivery config set to turn on EMAIL_OTP"])
        // Turning a factor off needs nothing.
        try fixture.ok("AdminSetUserMFAPreference", fixture.admin(["SMSMfaSettings": ["Enabled": false]]))
    }

    @Test func emailMfaIsNotForLitePools() throws {
        let fixture = try UserMfaFixture(poolBody: #"{"PoolName":"lite","UserPoolTier":"LITE"}"#)
        #expect(try fixture.error("SetUserMFAPreference", fixture.withToken(["EmailMfaSettings": ["Enabled": true]])) == [
            "400", "FeatureUnavailableInTierException", "The following features need to be disabled for the LITE pricing tier configured: Email MFA",
        ])
    }

    @Test func blocksSetEnabledAndPreferredAndOmittedBlocksStay() throws {
        let fixture = try UserMfaFixture(attributes: Self.withPhone)
        try fixture.enrol()
        try fixture.ok("SetUserMFAPreference", fixture.withToken([
            "SMSMfaSettings": ["Enabled": true], "SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true],
        ]))
        #expect(try mfaMembers(fixture) == [
            "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
            "MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]],
        ])
        // Preferring email clears TOTP's preference; the omitted SMS block leaves SMS enabled.
        try fixture.ok("SetUserMFAPreference", fixture.withToken(["EmailMfaSettings": ["Enabled": true, "PreferredMfa": true]]))
        #expect(try fixture.storedMfa().enabledList == [.sms, .softwareToken, .email])
        #expect(try fixture.storedMfa().preferred == .email)
        // A block without PreferredMfa clears that factor's preference; without Enabled it turns it off.
        try fixture.ok("SetUserMFAPreference", fixture.withToken(["EmailMfaSettings": ["Enabled": true]]))
        #expect(try fixture.storedMfa().preferred == nil)
        try fixture.ok("SetUserMFAPreference", fixture.withToken(["SMSMfaSettings": [:], "EmailMfaSettings": ["PreferredMfa": false]]))
        #expect(try mfaMembers(fixture) == ["UserMFASettingList": ["SOFTWARE_TOKEN_MFA"]])
        try fixture.ok("SetUserMFAPreference", fixture.withToken(["SoftwareTokenMfaSettings": ["Enabled": false], "WebAuthnMfaSettings": ["Enabled": true]]))
        #expect(try mfaMembers(fixture).isEmpty)
        #expect(try fixture.storedMfa().webAuthnEnabled)
    }

    @Test func inOnPoolsFactorsCannotBeTurnedOffOnlyThePreferenceChanges() throws {
        let fixture = try UserMfaFixture(attributes: Self.withPhone)
        try fixture.enrol()
        try fixture.ok("AdminSetUserMFAPreference", fixture.admin([
            "SMSMfaSettings": ["Enabled": true], "SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true],
        ]))
        try fixture.setPool(["MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": ["Enabled": true]])
        #expect(try fixture.ok("AdminSetUserMFAPreference", fixture.admin([
            "SMSMfaSettings": ["Enabled": false], "SoftwareTokenMfaSettings": ["Enabled": false],
        ])) == [:])
        #expect(try mfaMembers(fixture) == [
            "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]],
        ])
        try fixture.ok("SetUserSettings", fixture.withToken(["MFAOptions": []]))
        #expect(try fixture.storedMfa().enabledList == [.sms, .softwareToken])
    }

    @Test func legacySettingsTurnSmsOnAndOff() throws {
        let fixture = try UserMfaFixture(attributes: Self.withPhone)
        try fixture.ok("SetUserSettings", fixture.withToken(["MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]]]))
        #expect(try mfaMembers(fixture) == [
            "UserMFASettingList": ["SMS_MFA"], "MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]],
        ])
        try fixture.ok("AdminSetUserMFAPreference", fixture.admin(["SMSMfaSettings": ["Enabled": true, "PreferredMfa": true]]))
        #expect(try fixture.ok("AdminSetUserSettings", fixture.admin(["MFAOptions": []])) == [:])
        #expect(try mfaMembers(fixture).isEmpty)
        #expect(try fixture.storedMfa().preferred == nil)
    }

    @Test func adminOperationsNameTheirErrors() throws {
        let fixture = try UserMfaFixture()
        var body = fixture.admin(["SMSMfaSettings": ["Enabled": false]]).objectValue ?? [:]
        body["Username"] = "nobody"
        #expect(try fixture.error("AdminSetUserMFAPreference", .object(body)) == ["400", "UserNotFoundException", "User does not exist."])
        body["UserPoolId"] = "us-east-1_AAAAAAAAA"
        #expect(try fixture.error("AdminSetUserSettings", ["UserPoolId": "us-east-1_AAAAAAAAA", "Username": "alice", "MFAOptions": []])
            == ["400", "ResourceNotFoundException", "User pool us-east-1_AAAAAAAAA does not exist."])
    }

    @Test func getUserAuthFactors() throws {
        let fixture = try UserMfaFixture()
        #expect(try fixture.ok("GetUserAuthFactors", fixture.withToken()) == ["Username": "alice", "ConfiguredUserAuthFactors": ["PASSWORD"]])
        try fixture.enrol()
        try fixture.ok("SetUserMFAPreference", fixture.withToken(["SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true]]))
        #expect(try fixture.ok("GetUserAuthFactors", fixture.withToken()) == [
            "Username": "alice", "ConfiguredUserAuthFactors": ["PASSWORD"],
            "UserMFASettingList": ["SOFTWARE_TOKEN_MFA"], "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
        ])
    }

    @Test func passwordlessFactorsNeedThePolicyAVerifiedAttributeAndNoMfa() throws {
        let mfa = UserMfa()
        let user = User(
            poolId: "us-east-1_AAAAAAAAA", username: "alice", sub: "s",
            attributes: [UserAttribute("email", "a@example.com"), UserAttribute("email_verified", "true"), UserAttribute("phone_number", "+15555550100")],
            status: .confirmed, creationDate: 0)
        var pool = UserPool(
            id: "us-east-1_AAAAAAAAA", name: "p", region: "us-east-1", arn: "", creationDate: 0, lastModifiedDate: 0,
            mfaMode: .off, factors: MfaFactors(), settings: [:])
        #expect(GetUserAuthFactors.configuredFactors(user: user, mfa: mfa, pool: pool, passkeys: 0) == [])
        pool.settings["Policies"] = ["SignInPolicy": ["AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]]]
        #expect(GetUserAuthFactors.configuredFactors(user: user, mfa: mfa, pool: pool, passkeys: 0) == ["EMAIL_OTP"])
        var withMfa = mfa
        withMfa.enabled = [.sms]
        #expect(GetUserAuthFactors.configuredFactors(user: user, mfa: withMfa, pool: pool, passkeys: 0) == [])
    }

    @Test func usersWithoutMfaShowNoMfaMembers() throws {
        let fixture = try UserMfaFixture()
        try fixture.enrol()
        // A verified authenticator that is not enabled is no MFA setting (spec 4.4).
        #expect(try mfaMembers(fixture).isEmpty)
    }
}
