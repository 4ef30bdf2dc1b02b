import AWSJSONProtocol

/// ListGroups: the pool's groups in creation order [I], `Limit` at a time, with an opaque
/// `NextToken` while more remain.
enum ListGroups {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let kind = "groups:\(pool.id)"
        let paging = try GroupOperations.paging(input, kind: kind)
        let page = try environment.database.read {
            try GroupStore.page(poolId: pool.id, after: paging.after, limit: paging.limit, in: $0)
        }
        return GroupOperations.withNextToken(["Groups": .array(page.groups.map(\.json))], next: page.next, kind: kind)
    }
}
