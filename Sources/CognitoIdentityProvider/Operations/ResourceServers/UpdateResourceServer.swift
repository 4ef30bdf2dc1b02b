import AWSJSONProtocol

/// UpdateResourceServer: replaces the name and the whole scope list; scopes left out are removed
/// [D: BOTO "If you don't provide a value for an attribute, it is set to the default value."].
enum UpdateResourceServer {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let server = try ResourceServerInput.server(from: input)
        try environment.database.write { connection in
            _ = try ResourceServerInput.require(server.identifier, poolId: server.poolId, in: connection)
            try ResourceServerStore.update(server, in: connection)
        }
        return ["ResourceServer": server.describe]
    }
}
