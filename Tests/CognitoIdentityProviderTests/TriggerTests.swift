import AWSJSONProtocol
import SQLiteStore
import Synchronization
import Testing
@testable import CognitoIdentityProvider

extension UserHarness {
    /// A pool with `lambdaConfig` and a client allowing password and custom sign-in: (pool id, client id).
    func pool(_ lambdaConfig: JSONValue) throws -> (String, String) {
        let pool = try ok("CreateUserPool", ["PoolName": "p", "LambdaConfig": lambdaConfig])["UserPool"]?["Id"]?.stringValue ?? ""
        let client = try ok("CreateUserPoolClient", [
            "UserPoolId": .string(pool), "ClientName": "c",
            "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"],
        ])["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        return (pool, client)
    }

    func signUp(_ client: String, _ name: String = "bob") throws -> (status: Int, body: JSONValue) {
        try call("SignUp", [
            "ClientId": .string(client), "Username": .string(name), "Password": "Corr3ct-Horse!",
            "UserAttributes": [["Name": "email", "Value": .string("\(name)@example.com")]],
        ])
    }
}

/// A Lambda service in memory: records every event and answers with a closure.
final class FakeLambda: LambdaInvoking {
    let events = Mutex<[(arn: String, event: JSONValue)]>([])
    let answer: @Sendable (String, JSONValue) throws(LambdaInvocationError) -> [UInt8]

    init(answer: @escaping @Sendable (String, JSONValue) throws(LambdaInvocationError) -> [UInt8]) {
        self.answer = answer
    }

    /// Answers the event back with `response` merged into its `response` member.
    static func responding(_ response: [String: JSONValue]) -> FakeLambda {
        FakeLambda { _, event throws(LambdaInvocationError) in
            var object = event.objectValue ?? [:]
            var merged = object["response"]?.objectValue ?? [:]
            for (key, value) in response { merged[key] = value }
            object["response"] = .object(merged)
            return JSONSerializer.serialize(.object(object))
        }
    }

    func invoke(functionArn: String, payload: [UInt8]) throws(LambdaInvocationError) -> [UInt8] {
        let event = (try? JSONParser.parse(payload)) ?? .null
        events.withLock { $0.append((functionArn, event)) }
        return try answer(functionArn, event)
    }

    var last: JSONValue? { events.withLock { $0.last?.event } }
}

/// The triggers as the domain runs them, with the Lambda service faked: AWS's error for every way an
/// invocation fails, the events' common members, and the response fields honoured.
@Suite struct TriggerTests {
    static let arn = "arn:aws:lambda:us-east-1:123456789012:function:trigger"

    static func failing(_ error: LambdaInvocationError) -> FakeLambda {
        FakeLambda { _, _ throws(LambdaInvocationError) in throw error }
    }

    @Test(arguments: [
        (LambdaInvocationError.functionError(message: "Not allowed"), "UserLambdaValidationException",
         "PreSignUp failed with error Not allowed."),
        (.timedOut, "UnexpectedLambdaException",
         "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function."),
        (.serviceError(type: "AccessDeniedException", message: "no"), "UnexpectedLambdaException",
         "PreSignUp invocation failed due to error AccessDeniedException."),
        (.unreachable("refused"), "UnexpectedLambdaException",
         "PreSignUp invocation failed due to error ResourceNotFoundException."),
    ])
    func invocationFailures(error: LambdaInvocationError, type: String, message: String) throws {
        let harness = try UserHarness(lambda: Self.failing(error))
        let (_, client) = try harness.pool(["PreSignUp": .string(Self.arn)])
        let answer = try harness.signUp(client)
        #expect(answer.status == 400)
        #expect(answer.body["__type"]?.stringValue == type)
        #expect(answer.body["message"]?.stringValue == message)
    }

    @Test func resultsThatAreNoAnswer() throws {
        for (result, message) in [
            ("not json", "Invalid lambda function output : Invalid JSON"),
            ("[1]", "Unrecognizable lambda output"),
            (#"{"response": 3}"#, "Unrecognizable lambda output"),
            (#"{"response": {"autoConfirmUser": "yes"}}"#, "Unrecognizable lambda output"),
        ] {
            let harness = try UserHarness(lambda: FakeLambda { _, _ throws(LambdaInvocationError) in Array(result.utf8) })
            let (_, client) = try harness.pool(["PreSignUp": .string(Self.arn)])
            let answer = try harness.signUp(client)
            #expect(answer.body["__type"]?.stringValue == "InvalidLambdaResponseException")
            #expect(answer.body["message"]?.stringValue == message)
        }
    }

    @Test func noEndpointFailsLikeAMissingFunction() throws {
        let harness = try UserHarness(lambda: nil)
        let (_, client) = try harness.pool(["PreSignUp": .string(Self.arn)])
        #expect(try harness.signUp(client).body["message"]?.stringValue == "PreSignUp invocation failed due to error ResourceNotFoundException.")
    }

    @Test func preSignUpEventAndAutoConfirmation() throws {
        let lambda = FakeLambda.responding(["autoConfirmUser": true, "autoVerifyEmail": true])
        let harness = try UserHarness(lambda: lambda)
        let (pool, client) = try harness.pool(["PreSignUp": .string(Self.arn)])
        let answer = try harness.signUp(client)
        #expect(answer.body["UserConfirmed"] == .bool(true))
        let event = try #require(lambda.last)
        #expect(event["version"] == "1" && event["triggerSource"] == "PreSignUp_SignUp")
        #expect(event["userPoolId"]?.stringValue == pool && event["userName"] == "bob" && event["region"] == "us-east-1")
        #expect(event["callerContext"]?["clientId"]?.stringValue == client)
        #expect(event["request"]?["userAttributes"] == ["email": "bob@example.com"])
        #expect(event["request"]?["validationData"] == nil && event["request"]?["clientMetadata"] == nil)
        let user = try harness.call("AdminGetUser", ["UserPoolId": .string(pool), "Username": "bob"]).body
        #expect(user["UserStatus"] == "CONFIRMED")
        #expect(user["UserAttributes"]?.arrayValue?.contains(["Name": "email_verified", "Value": "true"]) == true)
    }

    @Test func lambdaConfigKeepsBothPreTokenGenerationNames() throws {
        let harness = try UserHarness(lambda: nil)
        let created = try harness.call("CreateUserPool", ["PoolName": "p", "LambdaConfig": ["PreTokenGeneration": .string(Self.arn)]])
        #expect(created.body["UserPool"]?["LambdaConfig"]?["PreTokenGenerationConfig"] == ["LambdaArn": .string(Self.arn), "LambdaVersion": "V1_0"])
        let versioned = try harness.call("CreateUserPool", [
            "PoolName": "p", "LambdaConfig": ["PreTokenGenerationConfig": ["LambdaArn": .string(Self.arn), "LambdaVersion": "V3_0"]],
        ])
        #expect(versioned.body["UserPool"]?["LambdaConfig"]?["PreTokenGeneration"]?.stringValue == Self.arn)
    }

    @Test func tokenCustomizationLeavesRestrictedClaimsAlone() {
        var customization = TokenCustomization()
        customization.idClaims = ["tenant": "acme", "sub": "forged", "iss": "forged"]
        customization.idSuppressed = ["email", "token_use"]
        customization.scopesToAdd = ["a/b"]
        customization.scopesToSuppress = ["openid"]
        var id: [String: JSONValue] = ["sub": "s", "iss": "i", "email": "e", "token_use": "id"]
        var access: [String: JSONValue] = ["scope": "openid aws.cognito.signin.user.admin"]
        customization.apply(idToken: &id, accessToken: &access)
        #expect(id == ["sub": "s", "iss": "i", "token_use": "id", "tenant": "acme"])
        #expect(access["scope"] == "aws.cognito.signin.user.admin a/b")
    }
}
