import AWSJSONProtocol

/// AdminRemoveUserFromGroup: ends the membership; removing a user who is not a member succeeds [I].
enum AdminRemoveUserFromGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        try environment.database.write { connection in
            let group = try GroupOperations.requireGroup(poolId: pool.id, name: input["GroupName"]?.stringValue ?? "", in: connection)
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            try GroupStore.removeMember(poolId: pool.id, group: group.name, sub: user.sub, in: connection)
        }
        return [:]
    }
}
