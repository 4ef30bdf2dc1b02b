import AWSJSONProtocol
import SQLiteStore
@testable import CognitoIdentityProvider

/// The service behind the AWS JSON layer, on an in-memory database: requests go in as JSON text
/// and come out as status and parsed body, exactly as the HTTP server would pass them.
struct ServiceHarness {
    let service: AWSJSONService
    let cognito: CognitoService
    let database: Database
    let clock = ServiceClock()

    init(database: Database? = nil) throws {
        let database = try database ?? Database(path: ":memory:", migrations: Schema.migrations)
        self.database = database
        cognito = CognitoService(database: database, clock: clock, accountId: "123456789012")
        service = AWSJSONService(targetPrefix: CognitoService.targetPrefix, operations: cognito.operations)
    }

    func call(_ operation: String, _ body: String, region: String = "us-east-1") throws -> (status: Int, body: JSONValue) {
        let response = service.respond(
            target: "AWSCognitoIdentityProviderService.\(operation)", body: Array(body.utf8),
            context: RequestContext(requestId: "test", region: region, host: "localhost"))
        return (response.status, try JSONParser.parse(response.body))
    }

    func createPool(_ name: String = "pool") throws -> String {
        try call("CreateUserPool", #"{"PoolName":"\#(name)"}"#).body["UserPool"]?["Id"]?.stringValue ?? ""
    }
}
