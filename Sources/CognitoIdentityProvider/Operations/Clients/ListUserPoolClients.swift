import AWSJSONProtocol

/// ListUserPoolClients: the pool's clients in creation order, `MaxResults` (1–60, checked by the
/// model; 60 when left out) at a time, with an opaque `NextToken` while more remain.
enum ListUserPoolClients {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let limit = Int(input["MaxResults"]?.intValue ?? 60)
        var after: Int64 = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "clients") else { throw CognitoErrors.invalidPaginationToken }
            after = position
        }
        let page = try environment.clients.page(poolId: poolId, after: after, limit: limit)
        var output: [String: JSONValue] = ["UserPoolClients": .array(page.clients.map(\.summary))]
        if let next = page.next { output["NextToken"] = .string(PaginationToken.encode(next, kind: "clients")) }
        return .object(output)
    }
}
