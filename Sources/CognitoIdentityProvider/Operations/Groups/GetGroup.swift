import AWSJSONProtocol

/// GetGroup: `{"Group": GroupType}`.
enum GetGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let group = try environment.database.read { connection in
            try GroupOperations.requireGroup(poolId: pool.id, name: input["GroupName"]?.stringValue ?? "", in: connection)
        }
        return ["Group": group.json]
    }
}
