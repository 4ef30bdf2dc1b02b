import AWSJSONProtocol

/// GetUserAuthFactors: the access token's user's MFA settings and the first factors they can
/// choose in `USER_AUTH` sign-in (spec 4.4; BOTO `ConfiguredUserAuthFactors`: "the authentication
/// types that are available to the user with USER_AUTH sign-in").
enum GetUserAuthFactors {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        let (user, mfa, passkeys) = try environment.database.read { connection in
            let user = try call.user(in: connection)
            return (
                user, try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection),
                try PasskeyStore.count(poolId: user.poolId, sub: user.sub, in: connection)
            )
        }
        var output: [String: JSONValue] = [
            "Username": .string(user.username),
            "ConfiguredUserAuthFactors": .array(
                configuredFactors(user: user, mfa: mfa, pool: pool, passkeys: passkeys).map { .string($0) }),
        ]
        // The MFA members as in GetUser: left out when there are none (spec 4.4).
        let members = mfa.outputMembers
        if let list = members["UserMFASettingList"] { output["UserMFASettingList"] = list }
        if let preferred = members["PreferredMfaSetting"] { output["PreferredMfaSetting"] = preferred }
        return .object(output)
    }

    /// `PASSWORD` when the user has one; `EMAIL_OTP` / `SMS_OTP` when the pool's sign-in policy
    /// allows that first factor, the user has a verified email / phone number, and no MFA applies to
    /// the user: none enabled, and the pool does not require MFA (developer guide "Adding MFA to a
    /// user pool", prerequisites, and the Amplify passwordless guide: a user with MFA configured
    /// cannot use passwordless sign-in; an OTP first factor is never followed by MFA [M: developer
    /// guide, passwordless "things to know"; SetUserPoolMfaConfig refuses code first factors with MFA ON]).
    /// `WEB_AUTHN` when allowed and the user has a passkey. None of the passwordless factors on the
    /// LITE tier. USER_AUTH offers exactly these (`UserAuthFlow.availableChallenges`).
    static func configuredFactors(user: User, mfa: UserMfa, pool: UserPool, passkeys: Int) -> [String] {
        var factors: [String] = []
        if user.password != nil { factors.append("PASSWORD") }
        let allowed = pool.tier == "LITE" ? [] : Set(pool.allowedFirstAuthFactors)
        let passwordless = mfa.enabled.isEmpty && pool.mfaMode != .on
        if passwordless, allowed.contains("EMAIL_OTP"), user.attribute("email") != nil, user.isVerified("email") {
            factors.append("EMAIL_OTP")
        }
        if passwordless, allowed.contains("SMS_OTP"), user.attribute("phone_number") != nil, user.isVerified("phone_number") {
            factors.append("SMS_OTP")
        }
        if allowed.contains("WEB_AUTHN"), passkeys > 0 { factors.append("WEB_AUTHN") }
        return factors
    }
}
