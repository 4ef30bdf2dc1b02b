import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

@Suite struct AdminUserOperationsTests {
    @discardableResult
    func create(_ harness: UserHarness, _ pool: String, _ name: String, _ extra: [String: JSONValue] = [:]) throws -> JSONValue {
        var body = extra
        body["UserPoolId"] = .string(pool)
        body["Username"] = .string(name)
        return try harness.ok("AdminCreateUser", .object(body))
    }

    @Test func createAnswersAUserTypeInForceChangePassword() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        let user = try create(harness, pool, "diego", [
            "UserAttributes": attributeList(["email": "diego@example.com", "phone_number": "+15555551212"]),
            "MessageAction": "SUPPRESS",
        ])["User"]
        #expect(user?["Username"] == "diego")
        #expect(user?["UserStatus"] == "FORCE_CHANGE_PASSWORD")
        #expect(user?["Enabled"] == true)
        #expect(user?["Attributes"]?.arrayValue?.compactMap { $0["Name"]?.stringValue } == ["sub", "phone_number", "email"])
        #expect(user?["UserCreateDate"] == user?["UserLastModifiedDate"])
        #expect(try harness.messages(pool).isEmpty)  // SUPPRESS sends nothing
        let described = try harness.ok("DescribeUserPool", ["UserPoolId": .string(pool)])
        #expect(described["UserPool"]?["EstimatedNumberOfUsers"] == 1)
    }

    @Test func invitationsGoToEachRequestedMediumWithTheTemporaryPassword() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "ann", [
            "UserAttributes": attributeList(["email": "ann@example.com", "phone_number": "+15555550100"]),
            "TemporaryPassword": "Temp-pass1", "DesiredDeliveryMediums": ["EMAIL", "SMS"],
        ])
        let sent = try harness.messages(pool, "ann")
        #expect(sent.map { $0["channel"] } == ["EMAIL", "SMS"])
        #expect(sent.first?["message"] == "Your username is ann and temporary password is Temp-pass1.")
        #expect(sent.last?["message"] == "Your username is ann and temporary password is Temp-pass1")
        #expect(sent.first?["code"] == "Temp-pass1")
        let user = try #require(try harness.user(pool, "ann"))
        #expect(user.passwordMatches("Temp-pass1", pool: try harness.pool(pool)))
    }

    @Test func resendSendsANewPasswordOnlyInForceChangePassword() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": .string(pool), "Username": "nobody", "MessageAction": "RESEND"])
            == ["400", "UserNotFoundException", "User does not exist."])
        try create(harness, pool, "bo", ["UserAttributes": attributeList(["email": "bo@example.com"]), "DesiredDeliveryMediums": ["EMAIL"]])
        try create(harness, pool, "bo", ["MessageAction": "RESEND", "DesiredDeliveryMediums": ["EMAIL"]])
        let codes = try harness.messages(pool, "bo").compactMap { $0["code"]?.stringValue }
        #expect(codes.count == 2 && codes[0] != codes[1])
        #expect(try harness.user(pool, "bo")?.passwordMatches(codes[1], pool: try harness.pool(pool)) == true)
        try harness.ok("AdminSetUserPassword", ["UserPoolId": .string(pool), "Username": "bo", "Password": "Perm-pass1", "Permanent": true])
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": .string(pool), "Username": "bo", "MessageAction": "RESEND"])
            == ["400", "UnsupportedUserStateException", "Resend not possible. bo status is not FORCE_CHANGE_PASSWORD"])
    }

    @Test func createErrors() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "dup")
        let base: [String: JSONValue] = ["UserPoolId": .string(pool), "Username": "x"]
        func error(_ extra: [String: JSONValue]) throws -> [String] {
            try harness.error("AdminCreateUser", .object(base.merging(extra) { $1 }))
        }
        #expect(try error(["Username": "dup"]) == ["400", "UsernameExistsException", "User account already exists"])
        #expect(try error(["TemporaryPassword": "short"])
            == ["400", "InvalidPasswordException", "Password did not conform with password policy: Password not long enough"])
        #expect(try error(["UserAttributes": attributeList(["sub": "abc"])])
            == ["400", "InvalidParameterException", "Cannot modify the non-mutable attribute sub"])
        #expect(try error(["UserAttributes": attributeList(["custom:nope": "1"])])
            == ["400", "InvalidParameterException", "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n"])
        #expect(try error(["UserAttributes": attributeList(["email": "not-an-email"])])
            == ["400", "InvalidParameterException", "Invalid email address format."])
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": "us-east-1_nothere00", "Username": "x"])
            == ["400", "ResourceNotFoundException", "User pool us-east-1_nothere00 does not exist."])
    }

    @Test func emailAsUsernamePoolsUseTheSubAsUsername() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool(["UsernameAttributes": ["email"]])
        let user = try create(harness, pool, "jane@example.com", ["MessageAction": "SUPPRESS"])["User"]
        let sub = user?["Attributes"]?.arrayValue?.first { $0["Name"] == "sub" }?["Value"]
        #expect(user?["Username"] == sub)
        let fetched = try harness.ok("AdminGetUser", ["UserPoolId": .string(pool), "Username": "jane@example.com"])
        #expect(fetched["Username"] == sub)
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": .string(pool), "Username": "jane"])
            == ["400", "InvalidParameterException", "Username should be an email."])
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": .string(pool), "Username": "jane@example.com"])
            == ["400", "UsernameExistsException", "An account with the given email already exists."])
        let phonePool = try harness.createPool(["UsernameAttributes": ["phone_number"]])
        #expect(try harness.error("AdminCreateUser", ["UserPoolId": .string(phonePool), "Username": "jane"])
            == ["400", "InvalidParameterException", "Username should be a phone number."])
    }

    @Test func getDeleteAndUnknownUsers() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        let unknown: JSONValue = ["UserPoolId": .string(pool), "Username": "ghost"]
        for operation in ["AdminGetUser", "AdminDeleteUser", "AdminDisableUser", "AdminEnableUser", "AdminConfirmSignUp"] {
            #expect(try harness.error(operation, unknown) == ["400", "UserNotFoundException", "User does not exist."])
        }
        #expect(try harness.error("AdminSetUserPassword", ["UserPoolId": .string(pool), "Username": "ghost", "Password": "Aa1!aaaa"])
            == ["400", "UserNotFoundException", "User does not exist."])
        try create(harness, pool, "gone", ["MessageAction": "SUPPRESS"])
        let got = try harness.ok("AdminGetUser", ["UserPoolId": .string(pool), "Username": "gone"])
        #expect(got["UserAttributes"] != nil && got["Attributes"] == nil && got["UserMFASettingList"] == nil)
        try harness.ok("AdminDeleteUser", ["UserPoolId": .string(pool), "Username": "gone"])
        #expect(try harness.error("AdminGetUser", ["UserPoolId": .string(pool), "Username": "gone"])[1] == "UserNotFoundException")
    }

    @Test func setPasswordMovesBetweenStatusesUnderThePolicy() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "p", ["MessageAction": "SUPPRESS"])
        let body: [String: JSONValue] = ["UserPoolId": .string(pool), "Username": "p", "Password": "lowercase1!"]
        #expect(try harness.error("AdminSetUserPassword", .object(body))
            == ["400", "InvalidPasswordException", "Password does not conform to policy: Password must have uppercase characters"])
        try harness.ok("AdminSetUserPassword", .object(body.merging(["Password": "Upper-case1", "Permanent": true]) { $1 }))
        #expect(try harness.user(pool, "p")?.status == .confirmed)
        try harness.ok("AdminSetUserPassword", .object(body.merging(["Password": "Upper-case2"]) { $1 }))
        #expect(try harness.user(pool, "p")?.status == .forceChangePassword)
    }

    @Test func disableEnableAndConfirm() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "d", ["MessageAction": "SUPPRESS"])
        let who: JSONValue = ["UserPoolId": .string(pool), "Username": "d"]
        try harness.ok("AdminDisableUser", who)
        #expect(try harness.ok("AdminGetUser", who)["Enabled"] == false)
        try harness.ok("AdminEnableUser", who)
        #expect(try harness.ok("AdminGetUser", who)["Enabled"] == true)
        #expect(try harness.error("AdminConfirmSignUp", who)
            == ["400", "NotAuthorizedException", "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD"])
    }

    @Test func updateAndDeleteAttributes() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "u", [
            "MessageAction": "SUPPRESS", "UserAttributes": attributeList(["email": "u@example.com", "email_verified": "true"]),
        ])
        let who: [String: JSONValue] = ["UserPoolId": .string(pool), "Username": "u"]
        try harness.ok("AdminUpdateUserAttributes", .object(who.merging(["UserAttributes": attributeList(["email": "new@example.com", "name": "U"])]) { $1 }))
        var user = try #require(try harness.user(pool, "u"))
        #expect(user.attribute("email") == "new@example.com" && user.attribute("email_verified") == "false" && user.attribute("name") == "U")
        try harness.ok("AdminUpdateUserAttributes", .object(who.merging([
            "UserAttributes": attributeList(["email": "third@example.com", "email_verified": "true"]),
        ]) { $1 }))
        user = try #require(try harness.user(pool, "u"))
        #expect(user.attribute("email_verified") == "true")
        #expect(try harness.error("AdminUpdateUserAttributes", .object(who.merging(["UserAttributes": attributeList(["sub": "x"])]) { $1 }))
            == ["400", "InvalidParameterException", "Cannot modify the non-mutable attribute sub"])
        #expect(try harness.error("AdminUpdateUserAttributes", .object(who.merging(["UserAttributes": attributeList(["custom:x": "1"])]) { $1 }))
            == ["400", "InvalidParameterException", "user.custom:x: Attribute does not exist in the schema.\n"])
        try harness.ok("AdminDeleteUserAttributes", .object(who.merging(["UserAttributeNames": ["email", "name"]]) { $1 }))
        user = try #require(try harness.user(pool, "u"))
        #expect(user.attributes.map(\.name) == ["sub"])
        #expect(try harness.error("AdminDeleteUserAttributes", .object(who.merging(["UserAttributeNames": ["sub"]]) { $1 }))
            == ["400", "InvalidParameterException", "Cannot modify the non-mutable attribute sub"])
    }

    @Test func listUsersFiltersAndPages() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        for index in 0..<7 {
            try create(harness, pool, "user\(index)", [
                "MessageAction": "SUPPRESS", "UserAttributes": attributeList(["email": "user\(index)@example.com", "given_name": index % 2 == 0 ? "Even" : "Odd"]),
            ])
        }
        try harness.ok("AdminDisableUser", ["UserPoolId": .string(pool), "Username": "user3"])
        func names(_ extra: [String: JSONValue]) throws -> [String] {
            var body = extra
            body["UserPoolId"] = .string(pool)
            var all: [String] = []
            while true {
                let page = try harness.ok("ListUsers", .object(body))
                all += page["Users"]?.arrayValue?.compactMap { $0["Username"]?.stringValue } ?? []
                guard let token = page["PaginationToken"] else { return all }
                body["PaginationToken"] = token
            }
        }
        #expect(try names(["Limit": 3]) == (0..<7).map { "user\($0)" })
        #expect(try names(["Filter": #"given_name = "Even""#, "Limit": 2]) == ["user0", "user2", "user4", "user6"])
        #expect(try names(["Filter": #"email ^= "user1""#]) == ["user1"])
        #expect(try names(["Filter": #"status = "Disabled""#]) == ["user3"])
        #expect(try names(["Filter": #"cognito:user_status = "force_change_password""#]).count == 7)
        #expect(try names(["Filter": #"username = "user5""#]) == ["user5"])
        let trimmed = try harness.ok("ListUsers", ["UserPoolId": .string(pool), "Limit": 1, "AttributesToGet": ["email"]])
        #expect(trimmed["Users"]?.arrayValue?.first?["Attributes"] == [["Name": "email", "Value": "user0@example.com"]])
        #expect(try harness.error("ListUsers", ["UserPoolId": .string(pool), "Filter": "email"])
            == ["400", "InvalidParameterException", "Error while parsing filter."])
        #expect(try harness.error("ListUsers", ["UserPoolId": .string(pool), "PaginationToken": "bm9wZQ=="])
            == ["400", "InvalidParameterException", "Invalid pagination token."])
    }

    @Test func deletingThePoolDeletesItsUsersAndMessages() throws {
        let harness = try UserHarness()
        let pool = try harness.createPool()
        try create(harness, pool, "x", ["UserAttributes": attributeList(["email": "x@example.com"]), "DesiredDeliveryMediums": ["EMAIL"]])
        try harness.ok("DeleteUserPool", ["UserPoolId": .string(pool)])
        let left = try harness.database.read { connection in
            try connection.query("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM messages)").first?.integer(0)
        }
        #expect(left == 0)
        #expect(try harness.cognito.outboxMessages(userPoolId: pool, username: nil) == nil)
    }
}
