import AWSJSONProtocol

/// AdminListGroupsForUser: the user's groups in the order the tokens list them (precedence, then
/// name [I]), `Limit` at a time with an opaque `NextToken`.
enum AdminListGroupsForUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let (groups, sub) = try environment.database.read { connection in
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            return (try GroupStore.groups(ofUser: user.sub, poolId: pool.id, in: connection), user.sub)
        }
        // The user's groups are few (a user belongs to at most 100 groups, developer guide
        // "Quotas"), so a page is a slice of the whole ordered list; the token keeps the offset.
        let kind = "user-groups:\(pool.id):\(sub)"
        let paging = try GroupOperations.paging(input, kind: kind)
        let start = min(Int(paging.after), groups.count)
        let end = min(start + paging.limit, groups.count)
        let next: Int64? = end < groups.count ? Int64(end) : nil
        return GroupOperations.withNextToken(["Groups": .array(groups[start..<end].map(\.json))], next: next, kind: kind)
    }
}
