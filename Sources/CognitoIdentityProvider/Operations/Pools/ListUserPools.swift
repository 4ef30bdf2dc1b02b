import AWSJSONProtocol

/// ListUserPools: the pools of the request's region (its SigV4 credential scope, else `--region`),
/// as AWS lists only the pools of the regional endpoint called; in creation order, `MaxResults`
/// (1–60, checked by the model) at a time, with an opaque `NextToken` while more remain.
enum ListUserPools {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let limit = Int(input["MaxResults"]?.intValue ?? 60)
        var after: Int64 = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "pools") else { throw CognitoErrors.invalidPaginationToken }
            after = position
        }
        let page = try environment.pools.page(region: request.region, after: after, limit: limit)
        var output: [String: JSONValue] = ["UserPools": .array(page.pools.map(\.summary))]
        if let next = page.next { output["NextToken"] = .string(PaginationToken.encode(next, kind: "pools")) }
        return .object(output)
    }
}
