import AWSJSONProtocol

/// DeleteResourceServer: removes the server; app clients keep the scope names they list, as AWS
/// does (a client's scopes are checked when they are set, not afterwards).
enum DeleteResourceServer {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let identifier = input["Identifier"]?.stringValue ?? ""
        try environment.database.write { connection in
            _ = try ResourceServerInput.require(identifier, poolId: poolId, in: connection)
            try ResourceServerStore.delete(identifier, poolId: poolId, in: connection)
        }
        return [:]
    }
}
