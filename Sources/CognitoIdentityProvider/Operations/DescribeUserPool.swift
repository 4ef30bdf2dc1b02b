import AWSJSONProtocol

/// DescribeUserPool: `{"UserPool": UserPoolType}` for an existing pool.
enum DescribeUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let pool = try environment.database.read { try UserPoolStore.require(poolId, in: $0) }
        return ["UserPool": pool.describe(estimatedNumberOfUsers: 0)]
    }
}
