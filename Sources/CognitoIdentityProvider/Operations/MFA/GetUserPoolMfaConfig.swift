import AWSJSONProtocol

/// GetUserPoolMfaConfig: the pool's MFA mode and configured factors (spec 1.3, 1.6).
enum GetUserPoolMfaConfig {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        return try environment.pools.require(poolId).mfaConfiguration
    }
}
