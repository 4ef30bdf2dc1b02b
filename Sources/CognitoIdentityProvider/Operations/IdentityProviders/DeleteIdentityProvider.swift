import AWSJSONProtocol

/// DeleteIdentityProvider: removes the provider; the output has no members.
enum DeleteIdentityProvider {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["ProviderName"]?.stringValue ?? ""
        try environment.database.write { connection in
            _ = try IdentityProviderRules.require(name, poolId: poolId, in: connection)
            try IdentityProviderStore.delete(name, poolId: poolId, in: connection)
        }
        return [:]
    }
}
