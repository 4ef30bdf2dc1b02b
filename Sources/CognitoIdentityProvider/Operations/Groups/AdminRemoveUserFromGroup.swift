import AWSJSONProtocol

/// AdminRemoveUserFromGroup: ends the membership; removing a user who is not a member succeeds [I].
/// Answers `{}`.
enum AdminRemoveUserFromGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        try GroupOperations.changeMembership(input, environment) { poolId, group, sub, connection in
            try GroupStore.removeMember(poolId: poolId, group: group, sub: sub, in: connection)
        }
        return [:]
    }
}
