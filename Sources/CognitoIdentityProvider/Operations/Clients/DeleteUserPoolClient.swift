import AWSJSONProtocol

/// DeleteUserPoolClient: removes a client of an existing pool and revokes the sign-ins it issued;
/// the output has no members.
enum DeleteUserPoolClient {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let clientId = input["ClientId"]?.stringValue ?? ""
        try environment.clients.delete(poolId: poolId, clientId: clientId, now: environment.clock.now())
        return [:]
    }
}
