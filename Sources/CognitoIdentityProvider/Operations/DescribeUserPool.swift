import AWSJSONProtocol

/// DescribeUserPool: `{"UserPool": UserPoolType}` for an existing pool.
enum DescribeUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        return ["UserPool": pool.describe(estimatedNumberOfUsers: 0)]
    }
}
