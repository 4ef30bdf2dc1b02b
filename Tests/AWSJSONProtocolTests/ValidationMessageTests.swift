import Testing
@testable import AWSJSONProtocol

/// Every expected text below is literal. Where a real AWS answer exists it is cited; the rest
/// follow the same forms.
func validationMessage(_ shape: String, _ input: JSONValue) -> String? {
    let validator = InputValidator(table: CognitoIdentityProviderModel.table)
    do {
        _ = try validator.validate(input, shape: shape)
        return nil
    } catch {
        #expect(error.type == "InvalidParameterException")
        #expect(error.httpStatus == 400)
        return error.message
    }
}

private let pool = "us-east-1_I2634F7rY"

@Suite struct ValidationMessageTests {
    /// Real: rosberglinhares/CloudFormationCognitoCustomResources#1 (CreateUserPool, 2018).
    @Test func enumInCoralOrder() {
        #expect(validationMessage("SetUserPoolMfaConfigRequest", ["UserPoolId": .string(pool), "MfaConfiguration": "false"])
            == "1 validation error detected: Value 'false' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OPTIONAL, OFF, ON]")
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": "p", "MfaConfiguration": "false"])
            == "1 validation error detected: Value 'false' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OPTIONAL, OFF, ON]")
    }

    /// Real: awsdocs/aws-doc-sdk-examples#891 (AdminCreateUser, 2019).
    @Test func messageActionEnum() {
        #expect(validationMessage("AdminCreateUserRequest", ["UserPoolId": .string(pool), "Username": "u", "MessageAction": "SURPRESS"])
            == "1 validation error detected: Value 'SURPRESS' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [SUPPRESS, RESEND]")
    }

    /// Real (2019, eight values then): awsdocs/aws-cloudformation-user-guide#525 and
    /// aws-solutions/media-insights-on-aws#199 print `Value '[ADMIN_USER_PASSWORD_AUTH]' at
    /// 'explicitAuthFlows' … [Member must satisfy enum value set: [ALLOW_CUSTOM_AUTH, ADMIN_NO_SRP_AUTH,
    /// ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY,
    /// USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH]]`; ALLOW_USER_AUTH, added since, falls in
    /// between by the same rule.
    @Test func listOfEnumsUsesTheMemberConstraintForm() {
        #expect(validationMessage("CreateUserPoolClientRequest", ["UserPoolId": .string(pool), "ClientName": "c", "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH"]])
            == "1 validation error detected: Value '[ALLOW_USER_SRP_AUTH, ADMIN_USER_PASSWORD_AUTH]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [ALLOW_CUSTOM_AUTH, ADMIN_NO_SRP_AUTH, ALLOW_USER_AUTH, ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH]]")
    }

    @Test func requiredMemberMissingOrNull() {
        let expected = "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null"
        #expect(validationMessage("SetUserPoolMfaConfigRequest", [:]) == expected)
        #expect(validationMessage("SetUserPoolMfaConfigRequest", ["UserPoolId": nil, "MfaConfiguration": "OFF"]) == expected)
        #expect(validationMessage("SetUserPoolMfaConfigRequest", ["UserPoolId": .string(pool), "MfaConfiguration": "OFF"]) == nil)
    }

    @Test func lengthBounds() {
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": ""])
            == "2 validation errors detected: Value at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; Value at 'poolName' failed to satisfy constraint: Member must have length greater than or equal to 1")
        let long = String(repeating: "a", count: 129)
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": .string(long)])
            == "1 validation error detected: Value '\(long)' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128")
    }

    /// ClientIdType is `sensitive` in the model, so its value is not printed (`Value at 'clientId'`).
    /// [I] A 2023 user report (boto/boto3#3581) quotes `Value 'ap-northeast-1_xxxxxxxxx' at 'clientId'`;
    /// this server follows the model's flag for every sensitive shape, and the pool id (not sensitive) is shown.
    @Test func patternOnClientAndPoolIds() {
        #expect(validationMessage("InitiateAuthRequest", ["AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "ap-northeast-1_xxxxxxxxx"])
            == "1 validation error detected: Value at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+]+")
        #expect(validationMessage("ListGroupsRequest", ["UserPoolId": " ap-northeast-1_xxx"])
            == "1 validation error detected: Value ' ap-northeast-1_xxx' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+")
    }

    /// Real answer quoted in the brief (VerifySoftwareToken): pattern before length, because the two
    /// texts `Value 'Aaaa' at 'userCode' ...` fell in HashSet buckets 3 and 8. SoftwareTokenMFAUserCodeType
    /// is `sensitive` in today's model, so the value is left out, and the texts as printed now hash
    /// the other way round: length first [I].
    @Test func userCodeViolationsInHashSetOrder() {
        #expect(validationMessage("VerifySoftwareTokenRequest", ["AccessToken": "t", "UserCode": "Aaaa"])
            == "2 validation errors detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6; Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+")
    }

    /// Real (2017, PasswordType then had min 6): amazon-archives/amazon-cognito-identity-js#388 —
    /// 'password' before 'username' and length before pattern. Today's model has no minimum for
    /// passwords, so only its pattern fails.
    @Test func memberOrderFollowsCoral() {
        #expect(validationMessage("SignUpRequest", ["ClientId": "abc", "Username": "", "Password": ""])
            == "3 validation errors detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+; Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+")
    }

    @Test func numericRange() {
        #expect(validationMessage("ListUserPoolsRequest", ["MaxResults": 0])
            == "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
        #expect(validationMessage("ListUserPoolsRequest", ["MaxResults": 61])
            == "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60")
        #expect(validationMessage("ListUserPoolsRequest", ["MaxResults": 60]) == nil)
        #expect(validationMessage("ListUserPoolsRequest", ["MaxResults": 1]) == nil)
        #expect(validationMessage("ListUserPoolsRequest", [:])
            == "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null")
    }

    @Test func nestedPath() {
        let input: JSONValue = ["UserPoolId": .string(pool), "MfaConfiguration": "ON",
                                "SmsMfaConfiguration": ["SmsConfiguration": ["SnsCallerArn": "short"]]]
        #expect(validationMessage("SetUserPoolMfaConfigRequest", input)
            == "2 validation errors detected: Value 'short' at 'smsMfaConfiguration.smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?; Value 'short' at 'smsMfaConfiguration.smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must have length greater than or equal to 20")
        #expect(validationMessage("SetUserPoolMfaConfigRequest", ["UserPoolId": .string(pool), "SmsMfaConfiguration": ["SmsConfiguration": [:]]])
            == "1 validation error detected: Value null at 'smsMfaConfiguration.smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must not be null")
    }

    /// Real: aws/aws-cdk#14699 — `Value 'phone_number_verified' at 'schema.1.member.name' failed to
    /// satisfy constraint: Member must have length less than or equal to 20`.
    @Test func listElementPath() {
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": "p", "Schema": [["Name": "email"], ["Name": "phone_number_verified"]]])
            == "1 validation error detected: Value 'phone_number_verified' at 'schema.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 20")
        #expect(validationMessage("AdminUpdateUserAttributesRequest", ["UserPoolId": .string(pool), "Username": "u", "UserAttributes": [["Value": "x"]]])
            == "1 validation error detected: Value null at 'userAttributes.1.member.name' failed to satisfy constraint: Member must not be null")
    }

    /// Form of the real Cognito Identity answer in aws/aws-cdk#31795 (`Map value must satisfy constraint: [...]`).
    @Test func mapValuesAndKeys() {
        let long = String(repeating: "v", count: 257)
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": "p", "UserPoolTags": ["team": .string(long)]])
            == "1 validation error detected: Value '{team=\(long)}' at 'userPoolTags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]")
        #expect(validationMessage("CreateUserPoolRequest", ["PoolName": "p", "UserPoolTags": ["": "v"]])
            == "1 validation error detected: Value '{=v}' at 'userPoolTags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")
    }

    @Test func severalErrorsAreCountedAndJoined() {
        let message = validationMessage("SetUserPoolMfaConfigRequest", ["MfaConfiguration": "MAYBE"])
        // Java HashMap order of the member names puts userPoolId before mfaConfiguration.
        #expect(message == "2 validation errors detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null; Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OPTIONAL, OFF, ON]")
    }

    @Test func reportsAtMostTenViolations() {
        let attributes: JSONValue = .array((0..<12).map { _ in ["Value": "x"] })
        let message = validationMessage("AdminUpdateUserAttributesRequest", ["UserPoolId": .string(pool), "Username": "u", "UserAttributes": attributes])
        #expect(message?.hasPrefix("10 validation errors detected: Value null at 'userAttributes.1.member.name'") == true)
        #expect(message?.contains("userAttributes.11.member") == false)
    }

    @Test func unknownMembersAreIgnoredAndNullIsAbsent() throws {
        let validator = InputValidator(table: CognitoIdentityProviderModel.table)
        let output = try validator.validate(["UserPoolId": .string(pool), "Bogus": [1, 2], "MfaConfiguration": nil], shape: "SetUserPoolMfaConfigRequest")
        #expect(output == ["UserPoolId": .string(pool)])
    }

    @Test func everyModelPatternCompiles() {
        let table = CognitoIdentityProviderModel.table
        for matcher in table.matchers {
            #expect(matcher.compileError == nil, "\(matcher.source): \(matcher.compileError ?? "")")
        }
        // 35 in the model; DomainType's is checked by the handlers (tools/generate_shapes.py SERVICE_CHECKED_PATTERNS).
        #expect(table.patterns.count == 34)
    }

    /// Sensitive shapes (model flag): the value is never printed, at the top level or inside a list.
    @Test func sensitiveValuesAreNeverPrinted() {
        #expect(validationMessage("SignUpRequest", ["ClientId": "client", "Username": "bob", "Password": "Leaky Passw0rd! "])
            == "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+")
        #expect(validationMessage("GetUserRequest", ["AccessToken": "not a token"])
            == "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+")
        #expect(validationMessage("GetUserRequest", [:])
            == "1 validation error detected: Value null at 'accessToken' failed to satisfy constraint: Member must not be null")
        let table = CognitoIdentityProviderModel.table
        let list = table["AttributeListType"]!
        let rendered = ViolationText.render(.array([["Name": "name", "Value": "secret"]]), list, table)
        #expect(rendered == "[AttributeType(name=name, value=***Sensitive Data Redacted***)]")
    }
}
