import AWSJSONProtocol

/// AdminAddUserToGroup: makes the user a member; adding a member again succeeds and changes
/// nothing [I]. Answers `{}`.
enum AdminAddUserToGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        try GroupOperations.changeMembership(input, environment) { poolId, group, sub, connection in
            try GroupStore.addMember(poolId: poolId, group: group, sub: sub, in: connection)
        }
        return [:]
    }
}
