import AWSJSONProtocol
import SQLiteStore
@testable import CognitoIdentityProvider

/// The service on an in-memory database, like `ServiceHarness`, keeping the `CognitoService` so
/// tests can read the outbox and the store directly.
struct UserHarness {
    let database: Database
    let cognito: CognitoService
    let service: AWSJSONService
    let clock = ServiceClock()

    /// `lambda`: the Lambda service the pools' triggers are invoked through (none by default).
    init(lambda: (any LambdaInvoking)? = nil) throws {
        database = try Database(path: ":memory:", migrations: Schema.migrations)
        cognito = CognitoService(database: database, clock: clock, accountId: "123456789012", lambda: lambda)
        service = AWSJSONService(targetPrefix: CognitoService.targetPrefix, operations: cognito.operations)
    }

    func call(_ operation: String, _ body: JSONValue) throws -> (status: Int, body: JSONValue) {
        let response = service.respond(
            target: "AWSCognitoIdentityProviderService.\(operation)", body: JSONSerializer.serialize(body),
            context: RequestContext(requestId: "test", region: "us-east-1", host: "localhost"))
        return (response.status, try JSONParser.parse(response.body))
    }

    /// Calls and requires success.
    @discardableResult
    func ok(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        let answer = try call(operation, body)
        guard answer.status == 200 else { throw HarnessFailure(operation: operation, body: answer.body) }
        return answer.body
    }

    /// The error an operation answers: `__type` and `message`.
    func error(_ operation: String, _ body: JSONValue) throws -> [String] {
        let answer = try call(operation, body)
        return [String(answer.status), answer.body["__type"]?.stringValue ?? "-", answer.body["message"]?.stringValue ?? "-"]
    }

    func createPool(_ extra: [String: JSONValue] = [:]) throws -> String {
        var body = extra
        body["PoolName"] = "pool"
        return try ok("CreateUserPool", .object(body))["UserPool"]?["Id"]?.stringValue ?? ""
    }

    func messages(_ poolId: String, _ username: String? = nil) throws -> [JSONValue] {
        let bytes = try cognito.outboxMessages(userPoolId: poolId, username: username) ?? []
        return try JSONParser.parse(bytes).arrayValue ?? []
    }

    func pool(_ id: String) throws -> UserPool { try cognito.environment.pools.require(id) }

    func user(_ poolId: String, _ name: String) throws -> User? {
        let pool = try self.pool(poolId)
        return try database.read { try UserOperations.findUser(pool: pool, name: name, in: $0) }
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    let operation: String
    let body: JSONValue
    var description: String { "\(operation) failed: \(String(decoding: JSONSerializer.serialize(body), as: UTF8.self))" }
}

/// `[{"Name": n, "Value": v}, ...]`
func attributeList(_ pairs: KeyValuePairs<String, String>) -> JSONValue {
    .array(pairs.map { ["Name": .string($0.key), "Value": .string($0.value)] })
}
