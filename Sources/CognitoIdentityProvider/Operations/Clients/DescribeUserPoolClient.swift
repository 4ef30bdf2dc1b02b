import AWSJSONProtocol

/// DescribeUserPoolClient: `{"UserPoolClient": UserPoolClientType}` for a client of an existing pool.
enum DescribeUserPoolClient {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let clientId = input["ClientId"]?.stringValue ?? ""
        return ["UserPoolClient": try environment.requireClient(clientId, inPool: poolId).describe]
    }
}
