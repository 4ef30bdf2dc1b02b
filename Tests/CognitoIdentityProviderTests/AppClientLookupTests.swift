import AWSJSONProtocol
import Foundation
import SQLiteStore
import Testing
@testable import CognitoIdentityProvider

/// `requireClient` (what sign-in calls), the cascade from a deleted pool, and SECRET_HASH.
@Suite struct AppClientLookupTests {
    /// Handlers called directly on one environment, so its caches are the ones under test.
    struct Direct {
        let database: Database
        let environment: ServiceEnvironment
        let context = RequestContext(requestId: "test", region: "us-east-1", host: "localhost")

        init() throws {
            database = try Database(path: ":memory:", migrations: Schema.migrations)
            environment = ServiceEnvironment(
                pools: UserPoolRepository(database: database), clients: AppClientRepository(database: database),
                clock: ServiceClock(), accountId: "123456789012")
        }

        func pool() throws -> String {
            try CreateUserPool.handle(["PoolName": "p"], context, environment)["UserPool"]?["Id"]?.stringValue ?? ""
        }

        func client(in poolId: String, _ extra: [String: JSONValue] = [:]) throws -> AppClient {
            var input: [String: JSONValue] = ["UserPoolId": .string(poolId), "ClientName": "c"]
            input.merge(extra) { _, new in new }
            let id = try CreateUserPoolClient.handle(.object(input), context, environment)["UserPoolClient"]?["ClientId"]?.stringValue
            return try environment.requireClient(id ?? "")
        }

        func rows() throws -> Int64 {
            try database.read { try $0.query("SELECT COUNT(*) FROM app_clients").first?.integer(0) ?? -1 }
        }
    }

    @Test func requireClientFindsAClientByIdAlone() throws {
        let direct = try Direct()
        let poolId = try direct.pool()
        let client = try direct.client(in: poolId, ["GenerateSecret": true, "AuthSessionValidity": 7])
        let found = try requireClient(client.clientId, in: direct.environment)
        #expect(found == client && found.poolId == poolId && found.authSessionValidityMinutes == 7)
        #expect(found.clientSecret?.count == 51)
        #expect(throws: CognitoErrors.userPoolClientNotFound("nosuchclient")) {
            try direct.environment.requireClient("nosuchclient")
        }
    }

    @Test func deletingThePoolDeletesItsClients() throws {
        let direct = try Direct()
        let poolId = try direct.pool()
        let keptPool = try direct.pool()
        let client = try direct.client(in: poolId)
        let kept = try direct.client(in: keptPool)
        _ = try direct.environment.requireClient(client.clientId)  // now cached
        #expect(try direct.rows() == 2)
        _ = try DeleteUserPool.handle(["UserPoolId": .string(poolId)], direct.context, direct.environment)
        #expect(try direct.rows() == 1)
        #expect(throws: CognitoErrors.userPoolClientNotFound(client.clientId)) {
            try direct.environment.requireClient(client.clientId)
        }
        #expect(try direct.environment.clients.find(client.clientId) == nil)
        #expect(try direct.environment.requireClient(kept.clientId) == kept)
    }

    @Test func theCascadeSurvivesAReopenedFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("clients-\(UUID().uuidString).sqlite3").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let context = RequestContext(requestId: "test", region: "us-east-1", host: "localhost")
        func environment(_ database: Database) -> ServiceEnvironment {
            ServiceEnvironment(
                pools: UserPoolRepository(database: database), clients: AppClientRepository(database: database),
                clock: ServiceClock(), accountId: "123456789012")
        }
        var database = try Database(path: path, migrations: Schema.migrations)
        let poolId = try CreateUserPool.handle(["PoolName": "p"], context, environment(database))["UserPool"]?["Id"]?.stringValue ?? ""
        let clientId = try CreateUserPoolClient.handle(
            ["UserPoolId": .string(poolId), "ClientName": "c"], context, environment(database)
        )["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        database.close()
        database = try Database(path: path, migrations: Schema.migrations)
        #expect(try environment(database).requireClient(clientId).clientName == "c")
        _ = try DeleteUserPool.handle(["UserPoolId": .string(poolId)], context, environment(database))
        let left = try database.read { try $0.query("SELECT COUNT(*) FROM app_clients").first?.integer(0) }
        #expect(left == 0)
        database.close()
    }

    @Test func secretHashMatchesAVectorComputedInPython() {
        // python3: base64.b64encode(hmac.new(b'3b9h0f6kq2vd1m8s5c7n4p0r2t6w8y1a3e5g7i9k1m3o5q7s9u1',
        //          b'alice4k2j6h8g0f1d3s5a7p9o2i4u6y', hashlib.sha256).digest())
        #expect(
            SecretHash.expectedHash(
                username: "alice", clientId: "4k2j6h8g0f1d3s5a7p9o2i4u6y",
                clientSecret: "3b9h0f6kq2vd1m8s5c7n4p0r2t6w8y1a3e5g7i9k1m3o5q7s9u1")
                == "X+nblP5Uy15kKrgvh79lBOjXfn/mqlzLzQP3DgpHecA=")
        // python3: same with key b'secret', message b'user@example.com' + b'abcdefghijklmnopqrstuvwxyz'
        #expect(
            SecretHash.expectedHash(username: "user@example.com", clientId: "abcdefghijklmnopqrstuvwxyz", clientSecret: "secret")
                == "iL/BoSkdCg2HYTuqiOO4HxSHJLGGdGqCsbrDhkswj8s=")
    }

    @Test func secretHashCheck() throws {
        let withSecret = AppClient(
            poolId: "us-east-1_abcdefghi", clientId: "4k2j6h8g0f1d3s5a7p9o2i4u6y", creationDate: 0, lastModifiedDate: 0,
            settings: ["ClientName": "c", "ClientSecret": "3b9h0f6kq2vd1m8s5c7n4p0r2t6w8y1a3e5g7i9k1m3o5q7s9u1"])
        try SecretHash.check(provided: "X+nblP5Uy15kKrgvh79lBOjXfn/mqlzLzQP3DgpHecA=", username: "alice", client: withSecret)
        #expect(
            throws: AWSServiceError(
                type: "NotAuthorizedException",
                message: "Client 4k2j6h8g0f1d3s5a7p9o2i4u6y is configured with secret but SECRET_HASH was not received")
        ) { try SecretHash.check(provided: nil, username: "alice", client: withSecret) }
        #expect(
            throws: AWSServiceError(
                type: "NotAuthorizedException", message: "Unable to verify secret hash for client 4k2j6h8g0f1d3s5a7p9o2i4u6y")
        ) { try SecretHash.check(provided: "X+nblP5Uy15kKrgvh79lBOjXfn/mqlzLzQP3DgpHecA=", username: "bob", client: withSecret) }
        #expect(
            throws: AWSServiceError(
                type: "NotAuthorizedException", message: "SecretHash does not match for the client: 4k2j6h8g0f1d3s5a7p9o2i4u6y")
        ) {
            try SecretHash.check(
                provided: "X+nblP5Uy15kKrgvh79lBOjXfn/mqlzLzQP3DgpHecA=", username: "bob", client: withSecret, refreshing: true)
        }
        let publicClient = AppClient(
            poolId: "us-east-1_abcdefghi", clientId: "public", creationDate: 0, lastModifiedDate: 0, settings: ["ClientName": "c"])
        try SecretHash.check(provided: nil, username: "alice", client: publicClient)
        try SecretHash.check(provided: "anything", username: "alice", client: publicClient)
    }
}
