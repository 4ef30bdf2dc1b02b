import AWSJSONProtocol

/// UpdateUserPoolClient. AWS documents that every member the request leaves out goes back to its
/// default ("If you don't provide a value for an attribute, Amazon Cognito sets it to its default
/// value." [D: BOTO]), so the settings are rebuilt from the request alone, with the same checks as
/// CreateUserPoolClient. What the request cannot carry is kept: the id, the secret, the creation date,
/// and the name when it is left out ([I]: ClientName has no default to return to).
enum UpdateUserPoolClient {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let clientId = input["ClientId"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        let current = try environment.requireClient(clientId, inPool: poolId)
        try OAuthClientRules.check(
            input, poolId: pool.id, hasSecret: current.clientSecret != nil, offer: try environment.oauthOffer(poolId: pool.id))
        let updated = try environment.clients.update(poolId: poolId, clientId: clientId) { client in
            var settings = try AppClientSettings.make(from: input, pool: pool, action: .updating)
            settings["ClientName"] = settings["ClientName"] ?? client.settings["ClientName"]
            settings["ClientSecret"] = client.settings["ClientSecret"]
            return AppClient(
                poolId: client.poolId, clientId: client.clientId, creationDate: client.creationDate,
                lastModifiedDate: environment.clock.now(), settings: settings)
        }
        return ["UserPoolClient": updated.describe]
    }
}
