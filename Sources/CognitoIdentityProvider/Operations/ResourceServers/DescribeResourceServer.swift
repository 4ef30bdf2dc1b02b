import AWSJSONProtocol

/// DescribeResourceServer: `{"ResourceServer": ResourceServerType}`.
enum DescribeResourceServer {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let identifier = input["Identifier"]?.stringValue ?? ""
        let server = try environment.database.read { try ResourceServerInput.require(identifier, poolId: poolId, in: $0) }
        return ["ResourceServer": server.describe]
    }
}
