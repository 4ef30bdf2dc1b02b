import AWSJSONProtocol

/// ListResourceServers: the pool's servers in creation order, `MaxResults` (1–50, checked by the
/// model; [I] 50 when left out) at a time, with an opaque `NextToken` while more remain.
enum ListResourceServers {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let limit = Int(input["MaxResults"]?.intValue ?? 50)
        var after: Int64 = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "resource-servers") else {
                throw CognitoErrors.invalidPaginationToken
            }
            after = position
        }
        let page = try environment.database.read { connection in
            guard try UserPoolStore.find(poolId, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(poolId) }
            return try ResourceServerStore.page(poolId: poolId, after: after, limit: limit, in: connection)
        }
        var output: [String: JSONValue] = ["ResourceServers": .array(page.servers.map(\.describe))]
        if let next = page.next { output["NextToken"] = .string(PaginationToken.encode(next, kind: "resource-servers")) }
        return .object(output)
    }
}
