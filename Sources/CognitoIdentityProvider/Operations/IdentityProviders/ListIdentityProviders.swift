import AWSJSONProtocol

/// ListIdentityProviders: the pool's providers in creation order, `MaxResults` at a time (the model
/// allows 0–60; [I] 0 or none means 60), with an opaque `NextToken` while more remain.
enum ListIdentityProviders {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let sent = Int(input["MaxResults"]?.intValue ?? 0)
        let limit = sent > 0 ? sent : 60
        var after: Int64 = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "identity-providers") else {
                throw CognitoErrors.invalidPaginationToken
            }
            after = position
        }
        let page = try environment.database.read { connection in
            guard try UserPoolStore.find(poolId, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(poolId) }
            return try IdentityProviderStore.page(poolId: poolId, after: after, limit: limit, in: connection)
        }
        var output: [String: JSONValue] = ["Providers": .array(page.providers.map(\.summary))]
        if let next = page.next { output["NextToken"] = .string(PaginationToken.encode(next, kind: "identity-providers")) }
        return .object(output)
    }
}
