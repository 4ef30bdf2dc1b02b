import AWSJSONProtocol

/// DescribeUserPool: `{"UserPool": UserPoolType}` for an existing pool.
enum DescribeUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        let users = try environment.database.read { try UserStore.count(poolId: pool.id, in: $0) }
        return ["UserPool": pool.describe(estimatedNumberOfUsers: users)]
    }
}
