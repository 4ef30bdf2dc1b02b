import AWSJSONProtocol

/// DescribeIdentityProvider: `{"IdentityProvider": IdentityProviderType}`.
enum DescribeIdentityProvider {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["ProviderName"]?.stringValue ?? ""
        let provider = try environment.database.read { try IdentityProviderRules.require(name, poolId: poolId, in: $0) }
        return ["IdentityProvider": provider.describe]
    }
}
