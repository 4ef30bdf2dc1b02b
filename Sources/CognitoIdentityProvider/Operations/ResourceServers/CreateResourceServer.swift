import AWSJSONProtocol

/// CreateResourceServer: a new server with its scopes; identifiers are unique in a pool.
enum CreateResourceServer {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let server = try ResourceServerInput.server(from: input)
        try environment.database.write { connection in
            guard try UserPoolStore.find(server.poolId, in: connection) != nil else {
                throw CognitoErrors.userPoolNotFound(server.poolId)
            }
            if try ResourceServerStore.find(server.identifier, poolId: server.poolId, in: connection) != nil {
                throw CognitoErrors.resourceServerExists(server.identifier, poolId: server.poolId)
            }
            try ResourceServerStore.insert(server, in: connection)
        }
        return ["ResourceServer": server.describe]
    }
}
