import AWSJSONProtocol

/// ListUsersInGroup: the group's members as `UserType`, in the order they joined [I], `Limit` at a
/// time with an opaque `NextToken`.
enum ListUsersInGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["GroupName"]?.stringValue ?? ""
        let kind = "group-users:\(pool.id):\(name)"
        let paging = try GroupOperations.paging(input, kind: kind)
        let (users, next) = try environment.database.read { connection in
            let group = try GroupOperations.requireGroup(poolId: pool.id, name: name, in: connection)
            let page = try GroupStore.members(
                poolId: pool.id, group: group.name, after: paging.after, limit: paging.limit, in: connection)
            let users = try page.subs.compactMap { try UserStore.find(poolId: pool.id, sub: $0, in: connection) }
            return (users, page.next)
        }
        return GroupOperations.withNextToken(["Users": .array(users.map { $0.userType() })], next: next, kind: kind)
    }
}
