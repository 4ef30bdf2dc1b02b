import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

@Suite struct AccessTokenUserOperationsTests {
    struct Signed {
        let harness: UserHarness
        let pool: String
        let client: String
        let token: String

        init(pool extra: [String: JSONValue] = [:], client clientExtra: [String: JSONValue] = [:]) throws {
            harness = try UserHarness()
            pool = try harness.createPool(extra)
            var body = clientExtra
            body["UserPoolId"] = .string(pool)
            body["ClientName"] = "app"
            body["ExplicitAuthFlows"] = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
            client = try harness.ok("CreateUserPoolClient", .object(body))["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
            try harness.ok("AdminCreateUser", [
                "UserPoolId": .string(pool), "Username": "alice", "MessageAction": "SUPPRESS",
                "UserAttributes": attributeList(["email": "alice@example.com", "email_verified": "true", "name": "Alice"]),
            ])
            try harness.ok("AdminSetUserPassword", ["UserPoolId": .string(pool), "Username": "alice", "Password": "Passw0rd!", "Permanent": true])
            let auth = try harness.ok("InitiateAuth", [
                "ClientId": .string(client), "AuthFlow": "USER_PASSWORD_AUTH",
                "AuthParameters": ["USERNAME": "alice", "PASSWORD": "Passw0rd!"],
            ])
            token = auth["AuthenticationResult"]?["AccessToken"]?.stringValue ?? ""
        }

        func with(_ members: [String: JSONValue]) -> JSONValue {
            .object(members.merging(["AccessToken": .string(token)]) { $1 })
        }
    }

    @Test func getUserAnswersTheCallersAttributes() throws {
        let signed = try Signed()
        let answer = try signed.harness.ok("GetUser", signed.with([:]))
        #expect(answer["Username"] == "alice")
        #expect(answer["UserAttributes"]?.arrayValue?.compactMap { $0["Name"]?.stringValue } == ["sub", "email_verified", "name", "email"])
        #expect(answer["UserMFASettingList"] == nil && answer["PreferredMfaSetting"] == nil && answer["MFAOptions"] == nil)
        #expect(try signed.harness.error("GetUser", ["AccessToken": "not-a-token"]) == ["400", "NotAuthorizedException", "Invalid Access Token"])
    }

    @Test func getUserHonoursReadAttributes() throws {
        let signed = try Signed(client: ["ReadAttributes": ["email", "email_verified"]])
        let names = try signed.harness.ok("GetUser", signed.with([:]))["UserAttributes"]?.arrayValue?.compactMap { $0["Name"]?.stringValue }
        #expect(names == ["sub", "email_verified", "email"])
    }

    @Test func updateUserAttributesSendsCodesAndRespectsWriteRules() throws {
        let signed = try Signed(pool: ["AutoVerifiedAttributes": ["email"]])
        let answer = try signed.harness.ok("UpdateUserAttributes", signed.with(["UserAttributes": attributeList(["email": "new@example.com"])]))
        #expect(answer["CodeDeliveryDetailsList"] == [["Destination": "n***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"]])
        let user = try #require(try signed.harness.user(signed.pool, "alice"))
        #expect(user.attribute("email") == "new@example.com" && user.attribute("email_verified") == "false")
        #expect(try signed.harness.ok("UpdateUserAttributes", signed.with(["UserAttributes": attributeList(["name": "Al"])])) == [:])
        #expect(try signed.harness.error("UpdateUserAttributes", signed.with(["UserAttributes": attributeList(["email_verified": "true"])]))
            == ["400", "NotAuthorizedException", "A client attempted to write unauthorized attribute"])
        #expect(try signed.harness.error("UpdateUserAttributes", signed.with(["UserAttributes": attributeList(["sub": "x"])]))
            == ["400", "InvalidParameterException", "Cannot modify the non-mutable attribute sub"])
    }

    @Test func changePasswordChecksThePreviousOne() throws {
        let signed = try Signed()
        #expect(try signed.harness.error("ChangePassword", signed.with(["PreviousPassword": "Wrong-pass1", "ProposedPassword": "Newpassw0rd!"]))
            == ["400", "NotAuthorizedException", "Incorrect username or password."])
        #expect(try signed.harness.error("ChangePassword", signed.with(["PreviousPassword": "Passw0rd!", "ProposedPassword": "short"]))
            == ["400", "InvalidPasswordException", "Password does not conform to policy: Password not long enough"])
        try signed.harness.ok("ChangePassword", signed.with(["PreviousPassword": "Passw0rd!", "ProposedPassword": "Newpassw0rd!"]))
        let user = try #require(try signed.harness.user(signed.pool, "alice"))
        #expect(user.passwordMatches("Newpassw0rd!", pool: try signed.harness.pool(signed.pool)) && user.status == .confirmed)
    }

    @Test func deleteUserRemovesTheCaller() throws {
        let signed = try Signed()
        try signed.harness.ok("DeleteUser", signed.with([:]))
        #expect(try signed.harness.user(signed.pool, "alice") == nil)
        #expect(try signed.harness.error("GetUser", signed.with([:])) == ["400", "NotAuthorizedException", "Access Token has been revoked"])
    }

    @Test func disabledUsersCannotUseTheirTokens() throws {
        let signed = try Signed()
        try signed.harness.ok("AdminDisableUser", ["UserPoolId": .string(signed.pool), "Username": "alice"])
        #expect(try signed.harness.error("GetUser", signed.with([:])) == ["400", "NotAuthorizedException", "Access Token has been revoked"])
    }
}
