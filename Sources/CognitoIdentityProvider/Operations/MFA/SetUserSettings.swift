import AWSJSONProtocol
import SQLiteStore

/// SetUserSettings: the deprecated way to turn SMS MFA on or off for the access token's user
/// (spec 4.5). Response `{}`.
enum SetUserSettings {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        try environment.database.write { connection in
            try LegacyMfaOptions.apply(input, pool: pool, user: try call.user(in: connection), in: connection)
        }
        return [:]
    }
}

/// AdminSetUserSettings: the same for a named user of a pool.
enum AdminSetUserSettings {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            try LegacyMfaOptions.apply(input, pool: pool, user: user, in: connection)
        }
        return [:]
    }
}

/// `MFAOptions` (spec 4.5): only `{DeliveryMedium: SMS, AttributeName: phone_number}` means
/// anything (SMS MFA on); a list without it, empty included, turns SMS MFA off.
enum LegacyMfaOptions {
    static func apply(_ input: JSONValue, pool: UserPool, user: User, in connection: Connection) throws {
        let options = input["MFAOptions"]?.arrayValue ?? []
        let smsOn = options.contains {
            $0["DeliveryMedium"]?.stringValue == "SMS" && $0["AttributeName"]?.stringValue == "phone_number"
        }
        var mfa = try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection)
        mfa.applyLegacyOptions(smsOn: smsOn, poolRequiresMfa: pool.mfaMode == .on)
        try UserMfaStore.save(mfa, poolId: user.poolId, sub: user.sub, in: connection)
    }
}
