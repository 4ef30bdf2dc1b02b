import AWSJSONProtocol
import SQLiteStore
import Synchronization
import Testing
@testable import CognitoIdentityProvider

@Suite struct OutboxTests {
    @Test func everyRecordedMessageIsLoggedOnce() throws {
        let lines = Mutex<[String]>([])
        let database = try Database(path: ":memory:", migrations: Schema.migrations)
        let cognito = CognitoService(
            database: database, clock: ServiceClock(), accountId: "123456789012",
            messageLog: { line in lines.withLock { $0.append(line) } })
        let service = AWSJSONService(targetPrefix: CognitoService.targetPrefix, operations: cognito.operations)
        func call(_ operation: String, _ body: JSONValue) throws -> JSONValue {
            let response = service.respond(
                target: "AWSCognitoIdentityProviderService.\(operation)", body: JSONSerializer.serialize(body),
                context: RequestContext(requestId: "t", region: "us-east-1", host: nil))
            return try JSONParser.parse(response.body)
        }
        let pool = try call("CreateUserPool", ["PoolName": "p"])["UserPool"]?["Id"]?.stringValue ?? ""
        _ = try call("AdminCreateUser", [
            "UserPoolId": .string(pool), "Username": "ann", "TemporaryPassword": "Temp-pass1",
            "UserAttributes": attributeList(["email": "ann@example.com"]), "DesiredDeliveryMediums": ["EMAIL"],
        ])
        #expect(lines.withLock { $0 } == [
            "message EMAIL to ann@example.com for ann in \(pool): Your username is ann and temporary password is Temp-pass1.",
        ])
        let stored = try JSONParser.parse(try cognito.outboxMessages(userPoolId: pool, username: "ann") ?? [])
        #expect(stored.arrayValue?.count == 1)
        #expect(stored.arrayValue?.first?["code"] == "Temp-pass1")
    }

    @Test func templatesFillCodeAndUsername() {
        #expect(MessageTemplates.fill("{username}: {####} / {####}", code: "123456", username: "bo") == "bo: 123456 / 123456")
    }

    @Test func hashOrderAfterTheMapGrows() {
        // 13 keys: a HashMap of capacity 32; the order is by bucket (h ^ h>>>16) & 31.
        let keys = ["sub", "email", "phone_number", "name", "given_name", "family_name", "middle_name", "nickname",
                    "preferred_username", "profile", "picture", "website", "gender"]
        let order = JavaHashMapOrder.order(keys).map { keys[$0] }
        func bucket(_ key: String) -> UInt32 {
            var hash: Int32 = 0
            for unit in key.utf16 { hash = hash &* 31 &+ Int32(unit) }
            let bits = UInt32(bitPattern: hash)
            return (bits ^ (bits >> 16)) & 31
        }
        #expect(order.map(bucket) == order.map(bucket).sorted())
        #expect(Set(order) == Set(keys))
    }
}
