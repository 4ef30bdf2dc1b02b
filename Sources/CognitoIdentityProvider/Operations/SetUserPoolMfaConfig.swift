import AWSJSONProtocol

/// SetUserPoolMfaConfig: replaces the pool's whole MFA configuration after the checks of spec 1.5,
/// and echoes the stored result (the same document GetUserPoolMfaConfig then returns).
enum SetUserPoolMfaConfig {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        return try environment.database.write { connection in
            let pool = try UserPoolStore.require(poolId, in: connection)
            var updated = try MfaConfigurationRules.apply(input, to: pool)
            updated.lastModifiedDate = environment.clock.now()
            try UserPoolStore.update(updated, in: connection)
            return updated.mfaConfiguration
        }
    }
}
