import AWSJSONProtocol

/// GetUserAuthFactors: the access token's user's MFA settings and the first factors they can
/// choose in `USER_AUTH` sign-in (spec 4.4; BOTO `ConfiguredUserAuthFactors`: "the authentication
/// types that are available to the user with USER_AUTH sign-in").
enum GetUserAuthFactors {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        let (user, mfa) = try environment.database.read { connection in
            let user = try call.user(in: connection)
            return (user, try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection))
        }
        var output: [String: JSONValue] = [
            "Username": .string(user.username),
            "ConfiguredUserAuthFactors": .array(configuredFactors(user: user, mfa: mfa, pool: pool).map { .string($0) }),
        ]
        // The MFA members as in GetUser: left out when there are none (spec 4.4).
        let members = mfa.outputMembers
        if let list = members["UserMFASettingList"] { output["UserMFASettingList"] = list }
        if let preferred = members["PreferredMfaSetting"] { output["PreferredMfaSetting"] = preferred }
        return .object(output)
    }

    /// `PASSWORD` when the user has one; `EMAIL_OTP` / `SMS_OTP` when the pool's sign-in policy
    /// allows that first factor, the user has a verified email / phone number, and the user has no
    /// MFA factor enabled (developer guide "Adding MFA to a user pool", prerequisites, and the
    /// Amplify passwordless guide: a user with MFA configured cannot use passwordless sign-in).
    /// `WEB_AUTHN` needs a registered passkey, which this server does not model.
    static func configuredFactors(user: User, mfa: UserMfa, pool: UserPool) -> [String] {
        var factors: [String] = []
        if user.password != nil { factors.append("PASSWORD") }
        let allowed = Set(pool.allowedFirstAuthFactors)
        let passwordless = mfa.enabled.isEmpty
        if passwordless, allowed.contains("EMAIL_OTP"), user.attribute("email") != nil, user.isVerified("email") {
            factors.append("EMAIL_OTP")
        }
        if passwordless, allowed.contains("SMS_OTP"), user.attribute("phone_number") != nil, user.isVerified("phone_number") {
            factors.append("SMS_OTP")
        }
        return factors
    }
}
