import AWSJSONProtocol
import Foundation
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

/// CreateUserPoolClient, DescribeUserPoolClient, UpdateUserPoolClient, DeleteUserPoolClient and
/// ListUserPoolClients through the AWS JSON layer (texts and their evidence: CognitoErrors).
@Suite struct AppClientOperationsTests {
    static func invalid(_ message: String) -> JSONValue {
        ["__type": "InvalidParameterException", "message": .string(message)]
    }

    static func notFound(_ message: String) -> JSONValue {
        ["__type": "ResourceNotFoundException", "message": .string(message)]
    }

    @Test func createAnswersAWSShapedClientWithDefaults() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let answer = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"web"}"#)
        #expect(answer.status == 200)
        var client = try #require(answer.body["UserPoolClient"]?.objectValue)
        let clientId = try #require(client["ClientId"]?.stringValue)
        #expect(clientId.range(of: "^[a-z0-9]{26}$", options: .regularExpression) != nil)
        let created = try #require(client["CreationDate"]?.doubleValue)
        #expect(client["LastModifiedDate"]?.doubleValue == created)
        #expect(abs(created - Date().timeIntervalSince1970) < 60)
        for key in ["ClientId", "CreationDate", "LastModifiedDate"] { client[key] = nil }
        #expect(
            JSONValue.object(client) == [
                "UserPoolId": .string(poolId), "ClientName": "web", "RefreshTokenValidity": 30,
                "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"],
                "AllowedOAuthFlowsUserPoolClient": false, "PreventUserExistenceErrors": "LEGACY",
                "EnableTokenRevocation": true, "EnablePropagateAdditionalUserContextData": false,
                "AuthSessionValidity": 3,
            ])
    }

    @Test func generatedSecretsAreLowercaseAlphanumericAndKeptByDescribe() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let client = try harness.call(
            "CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"srv","GenerateSecret":true}"#
        ).body["UserPoolClient"]
        let secret = try #require(client?["ClientSecret"]?.stringValue)
        #expect(secret.range(of: "^[a-z0-9]{51}$", options: .regularExpression) != nil)
        let clientId = client?["ClientId"]?.stringValue ?? ""
        let described = try harness.call("DescribeUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
        #expect(described.body["UserPoolClient"] == client)
        let custom = try harness.call(
            "CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c","ClientSecret":"my_own_secret_of_24_chars"}"#)
        #expect(custom.body["UserPoolClient"]?["ClientSecret"] == "my_own_secret_of_24_chars")
        let both = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"c","GenerateSecret":true,"ClientSecret":"my_own_secret_of_24_chars"}"#)
        #expect(both.status == 400 && both.body == Self.invalid(CognitoErrors.generateSecretWithClientSecret.message ?? ""))
    }

    @Test func explicitAuthFlowRules() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        func create(_ flows: String) throws -> (status: Int, body: JSONValue) {
            try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c","ExplicitAuthFlows":\#(flows)}"#)
        }
        let mixed = try create(#"["ADMIN_NO_SRP_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]"#)
        #expect(mixed.body == Self.invalid(CognitoErrors.legacyAndAllowFlowsMixed.message ?? ""))
        let noRefresh = try create(#"["ALLOW_USER_SRP_AUTH"]"#)
        #expect(noRefresh.body == Self.invalid("REFRESH_TOKEN_AUTH should always be allowed."))
        let legacy = try create(#"["ADMIN_NO_SRP_AUTH","USER_PASSWORD_AUTH"]"#)
        #expect(legacy.body["UserPoolClient"]?["ExplicitAuthFlows"] == ["ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH"])
        let repeated = try create(#"["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH","ALLOW_USER_PASSWORD_AUTH"]"#)
        #expect(repeated.body["UserPoolClient"]?["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        let empty = try create("[]")
        #expect(empty.body["UserPoolClient"]?["ExplicitAuthFlows"]?.arrayValue?.count == 3)
        let unknown = try create(#"["ALLOW_EVERYTHING"]"#)
        #expect(unknown.status == 400 && unknown.body["__type"] == "InvalidParameterException")
    }

    @Test func tokenValiditiesAreRangeCheckedInTheirUnits() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        func create(_ members: String) throws -> (status: Int, body: JSONValue) {
            try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c",\#(members)}"#)
        }
        let refused = [
            #""AccessTokenValidity":60"#,  // 60 hours: the bare unit is hours
            #""AccessTokenValidity":4,"TokenValidityUnits":{"AccessToken":"minutes"}"#,
            #""IdTokenValidity":25,"TokenValidityUnits":{"IdToken":"hours"}"#,
            #""IdTokenValidity":299,"TokenValidityUnits":{"IdToken":"seconds"}"#,
            #""RefreshTokenValidity":59,"TokenValidityUnits":{"RefreshToken":"minutes"}"#,
            #""RefreshTokenValidity":3651"#,
        ]
        for members in refused {
            #expect(try create(members).body == Self.invalid("Invalid range for token validity."), "\(members)")
        }
        let accepted = try create(
            #""AccessTokenValidity":5,"IdTokenValidity":1,"RefreshTokenValidity":60,"TokenValidityUnits":{"AccessToken":"minutes","IdToken":"days","RefreshToken":"minutes"}"#)
        let client = try #require(accepted.body["UserPoolClient"])
        #expect(client["AccessTokenValidity"] == 5 && client["IdTokenValidity"] == 1 && client["RefreshTokenValidity"] == 60)
        #expect(client["TokenValidityUnits"] == ["AccessToken": "minutes", "IdToken": "days", "RefreshToken": "minutes"])
        let typed = AppClient(poolId: poolId, clientId: "x", creationDate: 0, lastModifiedDate: 0, settings: client.objectValue ?? [:])
        #expect(typed.accessTokenValiditySeconds == 300 && typed.idTokenValiditySeconds == 86_400)
        #expect(typed.refreshTokenValiditySeconds == 3600)
        // BOTO: RefreshTokenValidity 0 becomes the default of 30 days, in the unit chosen.
        let zero = try create(#""RefreshTokenValidity":0,"TokenValidityUnits":{"RefreshToken":"hours"}"#)
        #expect(zero.body["UserPoolClient"]?["RefreshTokenValidity"] == 720)
        let tenYears = try create(#""RefreshTokenValidity":3650"#)
        #expect(tenYears.status == 200)
    }

    @Test func defaultsOfTheTypedClient() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let body = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c"}"#).body
        let client = AppClient(
            poolId: poolId, clientId: "x", creationDate: 0, lastModifiedDate: 0,
            settings: body["UserPoolClient"]?.objectValue ?? [:])
        #expect(client.clientName == "c" && client.clientSecret == nil)
        #expect(client.accessTokenValiditySeconds == 3600 && client.idTokenValiditySeconds == 3600)
        #expect(client.refreshTokenValiditySeconds == 30 * 86_400)
        #expect(client.authSessionValidityMinutes == 3 && !client.preventUserExistenceErrors && client.enableTokenRevocation)
        #expect(client.readAttributes == nil && client.writeAttributes == nil)
        #expect(client.explicitAuthFlows == ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"])
        let outOfRange = try harness.call(
            "CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c","AuthSessionValidity":16}"#)
        #expect(outOfRange.body["message"]?.stringValue?.hasPrefix("1 validation error detected: Value '16' at 'authSessionValidity'") == true)
    }

    @Test func readAndWriteAttributesMustFitThePool() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.call(
            "CreateUserPool", #"{"PoolName":"p","Schema":[{"Name":"email","AttributeDataType":"String","Required":true}]}"#
        ).body["UserPool"]?["Id"]?.stringValue ?? ""
        func create(_ members: String) throws -> JSONValue {
            try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c",\#(members)}"#).body
        }
        let badRead = Self.invalid("Invalid read attributes specified while creating a client")
        let badWrite = Self.invalid("Invalid write attributes specified while creating a client")
        #expect(try create(#""ReadAttributes":["email","custom:nothere"]"#) == badRead)
        #expect(try create(#""WriteAttributes":["email","email_verified"]"#) == badWrite)
        #expect(try create(#""WriteAttributes":["name"]"#) == badWrite)  // leaves out the required email
        let ok = try create(#""ReadAttributes":["email","email_verified"],"WriteAttributes":["email","name"]"#)
        #expect(ok["UserPoolClient"]?["WriteAttributes"] == ["email", "name"])
        let clientId = ok["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        let update = try harness.call(
            "UpdateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)","WriteAttributes":["sub","email"]}"#)
        #expect(update.body == Self.invalid("Invalid write attributes specified while updating a client"))
    }

    @Test func unknownPoolsAndClientsAreNotFound() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let otherPool = try harness.createPool("other")
        let clientId = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(otherPool)","ClientName":"c"}"#)
            .body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        for operation in ["DescribeUserPoolClient", "UpdateUserPoolClient", "DeleteUserPoolClient"] {
            let missingPool = try harness.call(operation, #"{"UserPoolId":"us-east-1_nothere00","ClientId":"\#(clientId)"}"#)
            #expect(missingPool.status == 400 && missingPool.body == Self.notFound("User pool us-east-1_nothere00 does not exist."))
            let missing = try harness.call(operation, #"{"UserPoolId":"\#(poolId)","ClientId":"nosuchclient"}"#)
            #expect(missing.body == Self.notFound("User pool client nosuchclient does not exist."))
            // A client of another pool does not exist in this one.
            let elsewhere = try harness.call(operation, #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
            #expect(elsewhere.body == Self.notFound("User pool client \(clientId) does not exist."))
        }
        for (operation, body) in [
            ("CreateUserPoolClient", #"{"UserPoolId":"us-east-1_nothere00","ClientName":"c"}"#),
            ("ListUserPoolClients", #"{"UserPoolId":"us-east-1_nothere00"}"#),
        ] {
            #expect(try harness.call(operation, body).body == Self.notFound("User pool us-east-1_nothere00 does not exist."))
        }
    }

    @Test func updateResetsOmittedSettingsAndKeepsIdentity() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let created = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"c","GenerateSecret":true,"AuthSessionValidity":10,"PreventUserExistenceErrors":"ENABLED","ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"],"CallbackURLs":["https://example.com/cb"]}"#
        ).body["UserPoolClient"]
        let clientId = created?["ClientId"]?.stringValue ?? ""
        harness.clock.advance(by: 5)
        let updated = try harness.call(
            "UpdateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)","EnableTokenRevocation":false}"#)
        let client = try #require(updated.body["UserPoolClient"])
        #expect(client["ClientName"] == "c" && client["ClientSecret"] == created?["ClientSecret"])
        #expect(client["CreationDate"] == created?["CreationDate"])
        #expect((client["LastModifiedDate"]?.doubleValue ?? 0) >= (created?["CreationDate"]?.doubleValue ?? 0) + 5)
        #expect(client["AuthSessionValidity"] == 3 && client["PreventUserExistenceErrors"] == "LEGACY")
        #expect(client["EnableTokenRevocation"] == false && client["CallbackURLs"] == nil)
        #expect(client["ExplicitAuthFlows"]?.arrayValue?.count == 3)
        let described = try harness.call("DescribeUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
        #expect(described.body["UserPoolClient"] == client)
        let renamed = try harness.call(
            "UpdateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)","ClientName":"renamed"}"#)
        #expect(renamed.body["UserPoolClient"]?["ClientName"] == "renamed")
        let refused = try harness.call(
            "UpdateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)","IdTokenValidity":2,"TokenValidityUnits":{"IdToken":"days"}}"#)
        #expect(refused.body == Self.invalid("Invalid range for token validity."))
        let after = try harness.call("DescribeUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
        #expect(after.body["UserPoolClient"]?["ClientName"] == "renamed")
    }

    @Test func deleteRemovesTheClient() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let clientId = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c"}"#)
            .body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        let deleted = try harness.call("DeleteUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
        #expect(deleted.status == 200 && deleted.body == [:])
        let again = try harness.call("DeleteUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientId":"\#(clientId)"}"#)
        #expect(again.body == Self.notFound("User pool client \(clientId) does not exist."))
        let listed = try harness.call("ListUserPoolClients", #"{"UserPoolId":"\#(poolId)"}"#)
        #expect(listed.body == ["UserPoolClients": []])
    }

    @Test func listPagesThroughThePoolsClientsOnce() throws {
        let harness = try ServiceHarness()
        let poolId = try harness.createPool()
        let otherPool = try harness.createPool("other")
        var created: [String] = []
        for index in 0..<7 {
            _ = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(otherPool)","ClientName":"x\#(index)"}"#)
            let body = try harness.call("CreateUserPoolClient", #"{"UserPoolId":"\#(poolId)","ClientName":"c\#(index)"}"#).body
            created.append(body["UserPoolClient"]?["ClientId"]?.stringValue ?? "")
        }
        var seen: [JSONValue] = []
        var token: String?
        repeat {
            let next = token.map { #","NextToken":"\#($0)""# } ?? ""
            let page = try harness.call("ListUserPoolClients", #"{"UserPoolId":"\#(poolId)","MaxResults":3\#(next)}"#).body
            seen += page["UserPoolClients"]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
        } while token != nil
        #expect(seen.map { $0["ClientId"]?.stringValue ?? "" } == created)
        #expect(seen.first == ["ClientId": .string(created[0]), "UserPoolId": .string(poolId), "ClientName": "c0"])
        let bad = try harness.call("ListUserPoolClients", #"{"UserPoolId":"\#(poolId)","NextToken":"bm90LWEtdG9rZW4="}"#)
        #expect(bad.body == Self.invalid("Invalid pagination token."))
        let tooMany = try harness.call("ListUserPoolClients", #"{"UserPoolId":"\#(poolId)","MaxResults":61}"#)
        #expect(tooMany.body["message"]?.stringValue?.contains("Member must have value less than or equal to 60") == true)
    }
}
