import AWSJSONProtocol
import SQLiteStore

/// SetUserMFAPreference: the access token's user chooses enabled and preferred MFA factors
/// (spec 4.3, section 9 row 15). Response `{}`.
enum SetUserMFAPreference {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        try environment.database.write { connection in
            try UserMfaPreference.apply(input, pool: pool, user: try call.user(in: connection), in: connection)
        }
        return [:]
    }
}

/// AdminSetUserMFAPreference: the same for a named user of a pool.
enum AdminSetUserMFAPreference {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            try UserMfaPreference.apply(input, pool: pool, user: user, in: connection)
        }
        return [:]
    }
}

/// The checks and the change both preference operations make, in one transaction.
enum UserMfaPreference {
    static func apply(_ input: JSONValue, pool: UserPool, user: User, in connection: Connection) throws {
        let blocks = UserMfa.preferenceBlocks(input)
        var mfa = try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection)
        // Request shape first (row 15), then what the pool and the user allow, each in SMS, TOTP,
        // email order [I: AWS's order of these checks is not known].
        for (_, block) in blocks where block.preferred && !block.enabled {
            throw UserMfaErrors.preferredNotEnabled
        }
        for (factor, block) in blocks where block.enabled {
            // Email MFA needs Essentials or Plus (spec 4.3 [D]), checked before the address.
            if factor == .email, pool.tier == "LITE" { throw UserMfaErrors.emailMfaInLiteTier }
            if !mfa.canEnable(factor, for: user) { throw UserMfaErrors.noDeliveryConfig(factor) }
        }
        // WebAuthnMfaSettings.Enabled is stored; the pool's FactorConfiguration is not checked
        // here [I: its error text is unknown].
        let webAuthn = input["WebAuthnMfaSettings"].flatMap { $0 == .null ? nil : ($0["Enabled"]?.boolValue ?? false) }
        mfa.applyPreferences(blocks, webAuthn: webAuthn, poolRequiresMfa: pool.mfaMode == .on)
        try UserMfaStore.save(mfa, poolId: user.poolId, sub: user.sub, in: connection)
    }
}
