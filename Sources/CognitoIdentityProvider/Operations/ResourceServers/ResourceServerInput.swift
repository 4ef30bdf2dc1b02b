import AWSJSONProtocol
import SQLiteStore

/// What Create/UpdateResourceServer share: the request read into a `ResourceServer`, and the
/// pool-then-server lookups inside a transaction.
enum ResourceServerInput {
    /// The server a Create or Update request describes (the model checked every member before).
    static func server(from input: JSONValue) throws -> ResourceServer {
        let scopes = input["Scopes"]?.arrayValue ?? []
        var names = Set<String>()
        for scope in scopes {
            let name = scope["ScopeName"]?.stringValue ?? ""
            guard names.insert(name).inserted else { throw CognitoErrors.duplicateScope(name) }
        }
        return ResourceServer(
            poolId: input["UserPoolId"]?.stringValue ?? "", identifier: input["Identifier"]?.stringValue ?? "",
            name: input["Name"]?.stringValue ?? "",
            scopes: scopes.map { ["ScopeName": $0["ScopeName"] ?? "", "ScopeDescription": $0["ScopeDescription"] ?? ""] })
    }

    /// The pool's server `identifier` inside a transaction: the pool's error first, then the server's.
    static func require(_ identifier: String, poolId: String, in connection: Connection) throws -> ResourceServer {
        guard try UserPoolStore.find(poolId, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(poolId) }
        guard let server = try ResourceServerStore.find(identifier, poolId: poolId, in: connection) else {
            throw CognitoErrors.resourceServerNotFound(identifier)
        }
        return server
    }
}
