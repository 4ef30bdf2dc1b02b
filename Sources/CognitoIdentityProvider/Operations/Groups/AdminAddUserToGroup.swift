import AWSJSONProtocol

/// AdminAddUserToGroup: makes the user (any name AdminGetUser accepts) a member; adding a member
/// again succeeds and changes nothing [I]. The group is looked up before the user [I].
enum AdminAddUserToGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        try environment.database.write { connection in
            let group = try GroupOperations.requireGroup(poolId: pool.id, name: input["GroupName"]?.stringValue ?? "", in: connection)
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            try GroupStore.addMember(poolId: pool.id, group: group.name, sub: user.sub, in: connection)
        }
        return [:]
    }
}
