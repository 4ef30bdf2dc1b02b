import AWSJSONProtocol

/// SetUserPoolMfaConfig: replaces the pool's whole MFA configuration after the checks of spec 1.5,
/// and echoes the stored result (the same document GetUserPoolMfaConfig then returns).
enum SetUserPoolMfaConfig {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let updated = try environment.pools.update(poolId) { pool in
            var updated = try MfaConfigurationRules.apply(input, to: pool)
            updated.lastModifiedDate = environment.clock.now()
            return updated
        }
        return updated.mfaConfiguration
    }
}
