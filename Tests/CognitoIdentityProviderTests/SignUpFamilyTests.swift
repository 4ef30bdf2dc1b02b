import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

@Suite struct SignUpFamilyTests {
    struct Setup {
        let harness: UserHarness
        let pool: String
        let client: String

        init(pool extra: [String: JSONValue] = ["AutoVerifiedAttributes": ["email"]], client clientExtra: [String: JSONValue] = [:]) throws {
            harness = try UserHarness()
            pool = try harness.createPool(extra)
            var body = clientExtra
            body["UserPoolId"] = .string(pool)
            body["ClientName"] = "app"
            client = try harness.ok("CreateUserPoolClient", .object(body))["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        }

        func body(_ members: [String: JSONValue]) -> JSONValue {
            .object(members.merging(["ClientId": .string(client)]) { $1 })
        }

        @discardableResult
        func signUp(_ name: String, email: String? = nil, phone: String? = nil, password: String = "Passw0rd!") throws -> JSONValue {
            var attributes: [JSONValue] = []
            if let email { attributes.append(["Name": "email", "Value": .string(email)]) }
            if let phone { attributes.append(["Name": "phone_number", "Value": .string(phone)]) }
            return try harness.ok("SignUp", body(["Username": .string(name), "Password": .string(password), "UserAttributes": .array(attributes)]))
        }

        func lastCode(_ name: String) throws -> String {
            try harness.messages(pool, name).last?["code"]?.stringValue ?? ""
        }

        func user(_ name: String) throws -> User { try #require(try harness.user(pool, name)) }
    }

    @Test func signUpSendsACodeAndConfirmVerifiesTheEmail() throws {
        let setup = try Setup()
        let answer = try setup.signUp("jane", email: "jane@example.com")
        #expect(answer["UserConfirmed"] == false)
        #expect(answer["UserSub"]?.stringValue == (try setup.user("jane")).sub)
        #expect(answer["CodeDeliveryDetails"] == ["Destination": "j***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"])
        #expect(try setup.user("jane").status == .unconfirmed)
        let code = try setup.lastCode("jane")
        #expect(code.count == 6)
        #expect(try setup.harness.error("ConfirmSignUp", setup.body(["Username": "jane", "ConfirmationCode": "000000x"]))
            == ["400", "CodeMismatchException", "Invalid verification code provided, please try again."])
        try setup.harness.ok("ConfirmSignUp", setup.body(["Username": "jane", "ConfirmationCode": .string(code)]))
        let user = try setup.user("jane")
        #expect(user.status == .confirmed && user.attribute("email_verified") == "true")
        #expect(user.passwordMatches("Passw0rd!", pool: try setup.harness.pool(setup.pool)))
        #expect(try setup.harness.error("ConfirmSignUp", setup.body(["Username": "jane", "ConfirmationCode": .string(code)]))
            == ["400", "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"])
        #expect(try setup.harness.error("ResendConfirmationCode", setup.body(["Username": "jane"]))
            == ["400", "InvalidParameterException", "User is already confirmed."])
    }

    @Test func emailIsPreferredAndPhoneUsedAlone() throws {
        let setup = try Setup(pool: ["AutoVerifiedAttributes": ["phone_number", "email"]])
        #expect(try setup.signUp("both", email: "b@example.com", phone: "+15555550123")["CodeDeliveryDetails"]?["DeliveryMedium"] == "EMAIL")
        let phone = try setup.signUp("phone", phone: "+15555550123")["CodeDeliveryDetails"]
        #expect(phone == ["Destination": "+*******0123", "DeliveryMedium": "SMS", "AttributeName": "phone_number"])
        #expect(try setup.signUp("none")["CodeDeliveryDetails"] == nil)
    }

    @Test func confirmationCodesExpireAfter24Hours() throws {
        let setup = try Setup()
        try setup.signUp("late", email: "l@example.com")
        let code = try setup.lastCode("late")
        setup.harness.clock.advance(by: 24 * 3600 + 1)
        #expect(try setup.harness.error("ConfirmSignUp", setup.body(["Username": "late", "ConfirmationCode": .string(code)]))
            == ["400", "ExpiredCodeException", "Invalid code provided, please request a code again."])
        try setup.harness.ok("ResendConfirmationCode", setup.body(["Username": "late"]))
        try setup.harness.ok("ConfirmSignUp", setup.body(["Username": "late", "ConfirmationCode": .string(try setup.lastCode("late"))]))
    }

    @Test func resendReplacesThePreviousCode() throws {
        let setup = try Setup()
        try setup.signUp("r", email: "r@example.com")
        let first = try setup.lastCode("r")
        try setup.harness.ok("ResendConfirmationCode", setup.body(["Username": "r"]))
        let second = try setup.lastCode("r")
        if first != second {
            #expect(try setup.harness.error("ConfirmSignUp", setup.body(["Username": "r", "ConfirmationCode": .string(first)]))[1] == "CodeMismatchException")
        }
        try setup.harness.ok("ConfirmSignUp", setup.body(["Username": "r", "ConfirmationCode": .string(second)]))
    }

    @Test func signUpErrors() throws {
        let setup = try Setup()
        try setup.signUp("taken")
        func error(_ members: [String: JSONValue]) throws -> [String] {
            try setup.harness.error("SignUp", setup.body(["Username": "x", "Password": "Passw0rd!"].merging(members) { $1 }))
        }
        #expect(try error(["Username": "taken"]) == ["400", "UsernameExistsException", "User already exists"])
        #expect(try error(["Password": "password"])
            == ["400", "InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters"])
        #expect(try error(["UserAttributes": attributeList(["email_verified": "true"])])
            == ["400", "NotAuthorizedException", "A client attempted to write unauthorized attribute"])
        #expect(try error(["UserAttributes": attributeList(["sub": "s"])])
            == ["400", "InvalidParameterException", "Cannot modify the non-mutable attribute sub"])
        #expect(try setup.harness.error("SignUp", ["ClientId": "nosuchclient", "Username": "x", "Password": "Passw0rd!"])
            == ["400", "ResourceNotFoundException", "User pool client nosuchclient does not exist."])

        let closed = try Setup(pool: ["AdminCreateUserConfig": ["AllowAdminCreateUserOnly": true]])
        #expect(try closed.harness.error("SignUp", closed.body(["Username": "x", "Password": "Passw0rd!"]))
            == ["400", "NotAuthorizedException", "SignUp is not permitted for this user pool"])

        let emailPool = try Setup(pool: ["UsernameAttributes": ["email"]])
        try emailPool.signUp("jane@example.com")
        #expect(try emailPool.harness.error("SignUp", emailPool.body(["Username": "jane@example.com", "Password": "Passw0rd!"]))
            == ["400", "UsernameExistsException", "An account with the given email already exists."])
        #expect(try emailPool.harness.error("SignUp", emailPool.body(["Username": "jane", "Password": "Passw0rd!"]))
            == ["400", "InvalidParameterException", "Username should be an email."])
    }

    @Test func secretHashIsRequiredForClientsWithASecret() throws {
        let setup = try Setup(client: ["GenerateSecret": true])
        let answer = try setup.harness.error("SignUp", setup.body(["Username": "s", "Password": "Passw0rd!"]))
        #expect(answer == ["400", "NotAuthorizedException", "Client \(setup.client) is configured with secret but SECRET_HASH was not received"])
        let secret = try setup.harness.ok("DescribeUserPoolClient", ["UserPoolId": .string(setup.pool), "ClientId": .string(setup.client)])["UserPoolClient"]?["ClientSecret"]?.stringValue ?? ""
        let hash = SecretHash.expectedHash(username: "s", clientId: setup.client, clientSecret: secret)
        try setup.harness.ok("SignUp", setup.body(["Username": "s", "Password": "Passw0rd!", "SecretHash": .string(hash)]))
        #expect(try setup.harness.error("ForgotPassword", setup.body(["Username": "s", "SecretHash": "bm9wZQ=="]))
            == ["400", "NotAuthorizedException", "Unable to verify secret hash for client \(setup.client)"])
    }

    @Test func unknownUsersWithAndWithoutExistenceErrors() throws {
        let legacy = try Setup()
        for operation in ["ConfirmSignUp", "ResendConfirmationCode", "ForgotPassword", "ConfirmForgotPassword"] {
            let answer = try legacy.harness.error(operation, legacy.body(["Username": "ghost", "ConfirmationCode": "123456", "Password": "Passw0rd!"]))
            #expect(answer == ["400", "UserNotFoundException", "Username/client id combination not found."], "\(operation)")
        }
        let hidden = try Setup(client: ["PreventUserExistenceErrors": "ENABLED"])
        let forgot = try hidden.harness.ok("ForgotPassword", hidden.body(["Username": "ghost@example.com"]))
        #expect(forgot["CodeDeliveryDetails"] == ["Destination": "g***@e***.com", "DeliveryMedium": "EMAIL", "AttributeName": "email"])
        #expect(try hidden.harness.ok("ResendConfirmationCode", hidden.body(["Username": "ghost"]))["CodeDeliveryDetails"] != nil)
        #expect(try hidden.harness.error("ConfirmForgotPassword", hidden.body(["Username": "ghost", "ConfirmationCode": "123456", "Password": "Passw0rd!"]))[1]
            == "CodeMismatchException")
        #expect(try hidden.harness.error("ConfirmSignUp", hidden.body(["Username": "ghost", "ConfirmationCode": "123456"]))[1] == "CodeMismatchException")
        #expect(try hidden.harness.messages(hidden.pool).isEmpty)
    }

    @Test func forgotPasswordPicksTheRecoveryChannel() throws {
        let legacy = try Setup(pool: [:])
        try legacy.harness.ok("AdminCreateUser", [
            "UserPoolId": .string(legacy.pool), "Username": "both", "MessageAction": "SUPPRESS",
            "UserAttributes": attributeList(["email": "b@example.com", "email_verified": "true", "phone_number": "+15555550100", "phone_number_verified": "true"]),
        ])
        try legacy.harness.ok("AdminSetUserPassword", ["UserPoolId": .string(legacy.pool), "Username": "both", "Password": "Passw0rd!", "Permanent": true])
        // Without AccountRecoverySetting SMS is preferred [D: BOTO].
        #expect(try legacy.harness.ok("ForgotPassword", legacy.body(["Username": "both"]))["CodeDeliveryDetails"]?["DeliveryMedium"] == "SMS")

        let emailFirst = try Setup(pool: ["AccountRecoverySetting": ["RecoveryMechanisms": [["Name": "verified_email", "Priority": 1], ["Name": "verified_phone_number", "Priority": 2]]]])
        try emailFirst.harness.ok("AdminCreateUser", [
            "UserPoolId": .string(emailFirst.pool), "Username": "both", "MessageAction": "SUPPRESS",
            "UserAttributes": attributeList(["email": "b@example.com", "email_verified": "true", "phone_number": "+15555550100", "phone_number_verified": "true"]),
        ])
        try emailFirst.harness.ok("AdminSetUserPassword", ["UserPoolId": .string(emailFirst.pool), "Username": "both", "Password": "Passw0rd!", "Permanent": true])
        #expect(try emailFirst.harness.ok("ForgotPassword", emailFirst.body(["Username": "both"]))["CodeDeliveryDetails"]?["DeliveryMedium"] == "EMAIL")
    }

    @Test func forgotPasswordRefusals() throws {
        let setup = try Setup()
        try setup.signUp("unverified", email: "u@example.com")
        #expect(try setup.harness.error("ForgotPassword", setup.body(["Username": "unverified"]))
            == ["400", "InvalidParameterException", "Cannot reset password for the user as there is no registered/verified email or phone_number"])
        try setup.harness.ok("AdminCreateUser", ["UserPoolId": .string(setup.pool), "Username": "fresh", "MessageAction": "SUPPRESS"])
        #expect(try setup.harness.error("ForgotPassword", setup.body(["Username": "fresh"]))
            == ["400", "NotAuthorizedException", "User password cannot be reset in the current state."])
        try setup.harness.ok("AdminDisableUser", ["UserPoolId": .string(setup.pool), "Username": "unverified"])
        #expect(try setup.harness.error("ForgotPassword", setup.body(["Username": "unverified"]))
            == ["400", "NotAuthorizedException", "User is disabled."])
    }

    @Test func confirmForgotPasswordSetsThePasswordOnce() throws {
        let setup = try Setup()
        try setup.signUp("f", email: "f@example.com")
        try setup.harness.ok("ConfirmSignUp", setup.body(["Username": "f", "ConfirmationCode": .string(try setup.lastCode("f"))]))
        let body: [String: JSONValue] = ["Username": "f", "ConfirmationCode": "123456", "Password": "Newpassw0rd!"]
        #expect(try setup.harness.error("ConfirmForgotPassword", setup.body(body))
            == ["400", "ExpiredCodeException", "Invalid code provided, please request a code again."])
        try setup.harness.ok("ForgotPassword", setup.body(["Username": "f"]))
        let code = try setup.lastCode("f")
        #expect(try setup.harness.error("ConfirmForgotPassword", setup.body(body.merging(["ConfirmationCode": .string(code), "Password": "weakpass"]) { $1 }))
            == ["400", "InvalidPasswordException", "Password does not conform to policy: Password must have uppercase characters"])
        if code != "123456" {
            #expect(try setup.harness.error("ConfirmForgotPassword", setup.body(body))[1] == "CodeMismatchException")
        }
        try setup.harness.ok("ConfirmForgotPassword", setup.body(body.merging(["ConfirmationCode": .string(code)]) { $1 }))
        #expect(try setup.user("f").passwordMatches("Newpassw0rd!", pool: try setup.harness.pool(setup.pool)))
        #expect(try setup.harness.error("ConfirmForgotPassword", setup.body(body.merging(["ConfirmationCode": .string(code)]) { $1 }))[1] == "ExpiredCodeException")
    }

    @Test func resetCodesExpireAfterOneHour() throws {
        let setup = try Setup()
        try setup.signUp("h", email: "h@example.com")
        try setup.harness.ok("ConfirmSignUp", setup.body(["Username": "h", "ConfirmationCode": .string(try setup.lastCode("h"))]))
        try setup.harness.ok("ForgotPassword", setup.body(["Username": "h"]))
        setup.harness.clock.advance(by: 3601)
        #expect(try setup.harness.error("ConfirmForgotPassword", setup.body(["Username": "h", "ConfirmationCode": .string(try setup.lastCode("h")), "Password": "Newpassw0rd!"]))
            == ["400", "ExpiredCodeException", "Invalid code provided, please request a code again."])
    }
}
