import AWSJSONProtocol

/// DeleteGroup: removes the group and every membership in it; its members' next tokens no longer
/// name it. Answers `{}`.
enum DeleteGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        try environment.database.write { connection in
            let group = try GroupOperations.requireGroup(poolId: pool.id, name: input["GroupName"]?.stringValue ?? "", in: connection)
            try GroupStore.delete(group, in: connection)
        }
        return [:]
    }
}
