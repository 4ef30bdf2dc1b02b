import AWSJSONProtocol
import Foundation
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

@Suite struct UserPoolOperationsTests {
    @Test func createAnswersAWSShapedPool() throws {
        let harness = try ServiceHarness()
        let pool = try harness.call("CreateUserPool", #"{"PoolName":"demo"}"#, region: "eu-west-1").body["UserPool"]
        let id = try #require(pool?["Id"]?.stringValue)
        #expect(id.range(of: "^eu-west-1_[0-9A-Za-z]{9}$", options: .regularExpression) != nil)
        #expect(pool?["Arn"]?.stringValue == "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/\(id)")
        #expect(pool?["MfaConfiguration"] == "OFF")
        #expect(pool?["UserPoolTier"] == "ESSENTIALS")
        #expect(pool?["EmailConfiguration"] == ["EmailSendingAccount": "COGNITO_DEFAULT"])
        #expect(pool?["Policies"]?["PasswordPolicy"]?["MinimumLength"] == 8)
        #expect(pool?["SchemaAttributes"]?.arrayValue?.first?["Name"] == "sub")
    }

    @Test func setThenGetAndDescribeAgreeAtOnce() throws {
        let harness = try ServiceHarness()
        let id = try harness.createPool()
        let set = try harness.call(
            "SetUserPoolMfaConfig",
            #"{"UserPoolId":"\#(id)","MfaConfiguration":"ON","SoftwareTokenMfaConfiguration":{"Enabled":true}}"#)
        let get = try harness.call("GetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)"}"#)
        #expect(set.status == 200 && set.body == get.body)
        #expect(get.body == ["MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": ["Enabled": true]])
        let described = try harness.call("DescribeUserPool", #"{"UserPoolId":"\#(id)"}"#)
        #expect(described.body["UserPool"]?["MfaConfiguration"] == "ON")
    }

    @Test func aRefusedChangeLeavesThePoolAsItWas() throws {
        let harness = try ServiceHarness()
        let id = try harness.createPool()
        _ = try harness.call(
            "SetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)","MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true}}"#)
        let refused = try harness.call("SetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)","MfaConfiguration":"ON"}"#)
        #expect(refused.status == 400)
        #expect(refused.body["__type"] == "InvalidParameterException")
        let get = try harness.call("GetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)"}"#)
        #expect(get.body == ["MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": ["Enabled": true]])
    }

    @Test func unknownPoolsAreNotFound() throws {
        let harness = try ServiceHarness()
        for operation in ["DescribeUserPool", "GetUserPoolMfaConfig", "SetUserPoolMfaConfig", "UpdateUserPool", "DeleteUserPool"] {
            let answer = try harness.call(operation, #"{"UserPoolId":"us-east-1_nothere00"}"#)
            #expect(answer.status == 400)
            #expect(answer.body == ["__type": "ResourceNotFoundException", "message": "User pool us-east-1_nothere00 does not exist."])
        }
    }

    @Test func deletionProtectionBlocksDeleteUntilInactivated() throws {
        let harness = try ServiceHarness()
        let id = try harness.call("CreateUserPool", #"{"PoolName":"p","DeletionProtection":"ACTIVE"}"#).body["UserPool"]?["Id"]?.stringValue ?? ""
        let refused = try harness.call("DeleteUserPool", #"{"UserPoolId":"\#(id)"}"#)
        #expect(refused.body["message"]?.stringValue == CognitoErrors.deletionProtectionActive.message)
        #expect(try harness.call("UpdateUserPool", #"{"UserPoolId":"\#(id)","DeletionProtection":"INACTIVE"}"#).status == 200)
        #expect(try harness.call("DeleteUserPool", #"{"UserPoolId":"\#(id)"}"#).status == 200)
        #expect(try harness.call("DescribeUserPool", #"{"UserPoolId":"\#(id)"}"#).status == 400)
    }

    @Test func listPagesThroughEveryPoolOnce() throws {
        let harness = try ServiceHarness()
        let created = try (0..<7).map { try harness.createPool("p\($0)") }
        var seen: [String] = []
        var token: String?
        repeat {
            let next = token.map { #","NextToken":"\#($0)""# } ?? ""
            let page = try harness.call("ListUserPools", #"{"MaxResults":3\#(next)}"#).body
            seen += page["UserPools"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } ?? []
            token = page["NextToken"]?.stringValue
        } while token != nil
        #expect(seen == created)
        let bad = try harness.call("ListUserPools", #"{"MaxResults":3,"NextToken":"bm90LWEtdG9rZW4="}"#)
        #expect(bad.body == ["__type": "InvalidParameterException", "message": "Invalid pagination token."])
    }

    @Test func updateKeepsModeAndPoliciesButResetsOtherOmittedSettings() throws {
        let harness = try ServiceHarness()
        let id = try harness.call(
            "CreateUserPool",
            #"{"PoolName":"p","AutoVerifiedAttributes":["email"],"UserPoolTier":"PLUS","Policies":{"PasswordPolicy":{"MinimumLength":12}}}"#
        ).body["UserPool"]?["Id"]?.stringValue ?? ""
        _ = try harness.call(
            "SetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)","MfaConfiguration":"ON","SoftwareTokenMfaConfiguration":{"Enabled":true}}"#)
        #expect(try harness.call("UpdateUserPool", #"{"UserPoolId":"\#(id)"}"#).status == 200)
        let pool = try harness.call("DescribeUserPool", #"{"UserPoolId":"\#(id)"}"#).body["UserPool"]
        #expect(pool?["MfaConfiguration"] == "ON")
        #expect(pool?["UserPoolTier"] == "PLUS")
        #expect(pool?["Policies"]?["PasswordPolicy"]?["MinimumLength"] == 12)
        #expect(pool?["AutoVerifiedAttributes"] == nil)
    }

    @Test func stateSurvivesReopeningTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cognito-\(UUID().uuidString).sqlite3").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let id: String
        do {
            let database = try Database(path: path, migrations: Schema.migrations)
            let harness = try ServiceHarness(database: database)
            id = try harness.createPool()
            _ = try harness.call(
                "SetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)","MfaConfiguration":"OPTIONAL","SoftwareTokenMfaConfiguration":{"Enabled":true}}"#)
            database.close()
        }
        let reopened = try ServiceHarness(database: Database(path: path, migrations: Schema.migrations))
        let get = try reopened.call("GetUserPoolMfaConfig", #"{"UserPoolId":"\#(id)"}"#)
        #expect(get.body == ["MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": ["Enabled": true]])
    }
}
