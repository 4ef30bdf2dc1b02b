import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// Attribute verification at the operation level: pending values, codes per attribute, resets.
@Suite struct AttributeVerificationTests {
    typealias Signed = AccessTokenUserOperationsTests.Signed

    @Test func aPendingEmailKeepsTheOldValueUntilVerified() throws {
        let signed = try Signed(pool: [
            "AutoVerifiedAttributes": ["email"],
            "UserAttributeUpdateSettings": ["AttributesRequireVerificationBeforeUpdate": ["email"]],
        ])
        try signed.harness.ok("UpdateUserAttributes", signed.with(["UserAttributes": attributeList(["email": "new@example.org"])]))
        let before = try #require(try signed.harness.user(signed.pool, "alice"))
        #expect(before.attribute("email") == "alice@example.com" && before.isVerified("email"))
        let code = try #require(try signed.harness.messages(signed.pool, "alice").last?["code"]?.stringValue)
        try signed.harness.ok("VerifyUserAttribute", signed.with(["AttributeName": "email", "Code": .string(code)]))
        let after = try #require(try signed.harness.user(signed.pool, "alice"))
        #expect(after.attribute("email") == "new@example.org" && after.isVerified("email"))
    }

    @Test func emailAndPhoneCodesAreKeptApart() throws {
        let signed = try Signed(pool: ["AutoVerifiedAttributes": ["email", "phone_number"]])
        try signed.harness.ok("UpdateUserAttributes", signed.with([
            "UserAttributes": attributeList(["email": "new@example.org", "phone_number": "+15555550100"]),
        ]))
        let messages = try signed.harness.messages(signed.pool, "alice")
        let emailCode = try #require(messages.first { $0["channel"] == "EMAIL" }?["code"]?.stringValue)
        let smsCode = try #require(messages.first { $0["channel"] == "SMS" }?["code"]?.stringValue)
        try signed.harness.ok("VerifyUserAttribute", signed.with(["AttributeName": "email", "Code": .string(emailCode)]))
        try signed.harness.ok("VerifyUserAttribute", signed.with(["AttributeName": "phone_number", "Code": .string(smsCode)]))
        let user = try #require(try signed.harness.user(signed.pool, "alice"))
        #expect(user.isVerified("email") && user.isVerified("phone_number"))
    }

    @Test func adminResetRequiresANewPassword() throws {
        let signed = try Signed()
        try signed.harness.ok("AdminResetUserPassword", ["UserPoolId": .string(signed.pool), "Username": "alice"])
        #expect(try signed.harness.user(signed.pool, "alice")?.status == .resetRequired)
        let refused = try signed.harness.error("InitiateAuth", [
            "ClientId": .string(signed.client), "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": ["USERNAME": "alice", "PASSWORD": "Passw0rd!"],
        ])
        #expect(refused == ["400", "PasswordResetRequiredException", "Password reset required for the user"])
    }
}
