import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

enum SignInCompletion: Sendable {
    case tokens
    case loginSession
}

/// The steps every password sign-in shares (InitiateAuth USER_PASSWORD_AUTH, AdminInitiateAuth
/// ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH), the refresh flows, and the hand-over to the
/// decision between tokens and a further challenge once the password is proven.
struct SignInFlow {
    let environment: ServiceEnvironment
    let pool: UserPool
    let client: AppClient
    let host: String?
    /// The request's `ClientMetadata`, passed to the triggers of the sign-in.
    var clientMetadata: JSONValue? = nil
    /// The pre token generation source of the tokens this sign-in issues.
    var tokenGenerationSource = "TokenGeneration_Authentication"
    /// The `DEVICE_KEY` the client signs in with, still to be proven by device SRP (`DeviceVerifier`).
    var deviceKey: String? = nil
    /// The device this sign-in has proven with DEVICE_PASSWORD_VERIFIER.
    var provenDevice: ProvenDevice? = nil
    /// What a completed sign-in yields: tokens (the API) or a managed-login session.
    var completion: SignInCompletion = .tokens

    /// Checks `USERNAME`/`PASSWORD` and answers with tokens or the next challenge.
    func passwordSignIn(_ parameters: [String: JSONValue]) throws -> JSONValue {
        guard let name = parameters["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        guard let password = parameters["PASSWORD"]?.stringValue else { throw AuthErrors.missingParameter("PASSWORD") }
        try SecretHash.check(provided: parameters["SECRET_HASH"]?.stringValue, username: name, client: client)
        var found = try environment.database.read { try UserStore.findForSignIn(pool: pool, name: name, in: $0) }
        if found == nil {
            // An unknown user may come from an old system: the migration function vouches for the password.
            found = try Triggers(environment: environment, pool: pool).migrateUser(
                source: "UserMigration_Authentication", name: name, password: password, clientId: client.clientId,
                clientMetadata: clientMetadata)
            if let migrated = found { return try afterPassword(migrated) }
        }
        guard let user = found else {
            // The client's PreventUserExistenceErrors hides whether the user exists.
            throw client.preventUserExistenceErrors ? CognitoErrors.incorrectUsernameOrPassword : CognitoErrors.userNotFound
        }
        var flow = self
        flow.deviceKey = parameters["DEVICE_KEY"]?.stringValue
        return try flow.checkPassword(password, of: user)
    }

    /// The password step for a found user (also USER_AUTH's PASSWORD): refused while locked, a
    /// wrong password counted toward the lockout; then `afterPassword`.
    func checkPassword(_ password: String, of user: User) throws -> JSONValue {
        let now = environment.clock.now()
        let mfa = try environment.database.read { try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: $0) }
        guard !SignInLockout.isLocked(mfa, now: now) else { throw AuthErrors.passwordAttemptsExceeded }
        try Triggers(environment: environment, pool: pool).preAuthentication(
            user: user, clientId: client.clientId, clientMetadata: clientMetadata)
        // The SRP verifier check is a 3072-bit modular exponentiation: done outside any transaction.
        guard user.passwordMatches(password, pool: pool) else {
            try SignInLockout.recordFailure(poolId: pool.id, sub: user.sub, now: now, in: environment.database)
            throw CognitoErrors.incorrectUsernameOrPassword
        }
        // A proven password does not reset the failure count: only tokens do (`SignInLockout`).
        return try afterPassword(user)
    }

    /// The checks that follow a proven password, then tokens or the next challenge.
    func afterPassword(_ user: User) throws -> JSONValue {
        guard user.enabled else { throw CognitoErrors.userDisabled }
        let now = environment.clock.now()
        switch user.status {
        case .unconfirmed:
            throw CognitoErrors.userNotConfirmed
        case .resetRequired:
            throw AuthErrors.passwordResetRequired
        case .forceChangePassword:
            let validityDays = pool.settings["Policies"]?["PasswordPolicy"]?["TemporaryPasswordValidityDays"]?.intValue ?? 7
            if let setAt = user.password?.setAt, now > setAt + Double(validityDays) * 86_400 {
                throw AuthErrors.temporaryPasswordExpired
            }
            return try challenge(NewPasswordChallenge.name, for: user, parameters: NewPasswordChallenge.parameters(for: user, pool: pool))
        default:
            return try completeSignIn(user)
        }
    }

    /// The user has passed every step of the flow: a device the client names is proven first
    /// (DEVICE_SRP_AUTH), then the pool's MFA configuration decides between tokens and a challenge
    /// (spec 3.2), unless a remembered device stands in for the second factor.
    func completeSignIn(_ user: User) throws -> JSONValue {
        if provenDevice == nil, let deviceKey, DeviceConfiguration(pool) != nil {
            return try DeviceVerifier(signIn: self).challenge(user, deviceKey: deviceKey)
        }
        let mfa = try environment.database.read { try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: $0) }
        let outcome = provenDevice?.replacesMfa == true ? .tokens : MfaDecision.decide(mfaContext(for: user, mfa: mfa))
        return try MfaChallenges(signIn: self).respond(to: outcome, for: user, mfa: mfa)
    }

    func mfaContext(for user: User, mfa: UserMfa) -> MfaContext {
        var poolFactors: Set<MfaFactor> = []
        if pool.factors.sms { poolFactors.insert(.sms) }
        if pool.factors.softwareToken == true { poolFactors.insert(.softwareToken) }
        if pool.factors.email != nil { poolFactors.insert(.email) }
        let recovery: MfaFactor? = switch pool.recoveryMechanisms.first {
        case "verified_phone_number": .sms
        case "verified_email": .email
        default: nil
        }
        return MfaContext(
            mode: pool.mfaMode, poolFactors: poolFactors, user: mfa, hasPhoneNumber: user.attribute("phone_number") != nil,
            hasEmail: user.attribute("email") != nil, recoveryFactor: recovery)
    }

    /// Tokens for a user who has completed every challenge (or, for the managed login, a login
    /// session that authorization codes are then issued from). The user is read once more in the
    /// transaction that stores the sign-in (an admin may have disabled, deleted or re-keyed them since
    /// the last step), and the completed sign-in clears the lockout count.
    ///
    /// In a pool that tracks devices, a sign-in not made with a proven device gets a new one
    /// (`NewDeviceMetadata`); the access token carries the device's key either way.
    func issueTokens(_ user: User) throws -> JSONValue {
        let triggers = Triggers(environment: environment, pool: pool)
        try triggers.postAuthentication(user: user, clientId: client.clientId, clientMetadata: clientMetadata)
        let now = environment.clock.now()
        let confirm = { (connection: Connection) throws in
            guard let current = try UserStore.find(poolId: pool.id, sub: user.sub, in: connection),
                current.credentialStamp == user.credentialStamp, current.status != .resetRequired
            else { throw AuthErrors.invalidSession }
            guard current.enabled else { throw CognitoErrors.userDisabled }
            try SignInLockout.recordSuccess(poolId: pool.id, sub: user.sub, in: connection)
        }
        if completion == .loginSession {
            let session = LoginSession(
                poolId: pool.id, sub: user.sub, credentialStamp: user.credentialStamp, authTime: Int64(saturatingFloor: now))
            let id = try environment.database.write { connection -> String in
                try confirm(connection)
                return try OAuthStore.startLoginSession(session, expiresAt: now + LoginSession.lifetime, in: connection)
            }
            return ["LoginSession": .string(id)]
        }
        let customization = try triggers.preTokenGeneration(
            source: tokenGenerationSource, user: user, clientId: client.clientId, clientMetadata: clientMetadata)
        var newDevice: Device?
        let deviceKey = provenDevice?.key ?? (DeviceConfiguration(pool) != nil ? Device.makeKey(region: pool.region) : nil)
        let tokens = try environment.tokens.signIn(
            user: user, client: client, pool: pool, host: host, now: now, deviceKey: deviceKey,
            customization: customization
        ) { connection in
            try confirm(connection)
            newDevice = try DeviceVerifier.recordSignIn(
                user: user, pool: pool, proven: provenDevice, newKey: deviceKey, now: now, in: connection)
        }
        var result = tokens.authenticationResult.objectValue ?? [:]
        if let newDevice {
            result["NewDeviceMetadata"] = ["DeviceKey": .string(newDevice.key), "DeviceGroupKey": .string(newDevice.groupKey)]
        }
        return ["AuthenticationResult": .object(result), "ChallengeParameters": [:]]
    }

    /// Starts a challenge session (running `alongside` in the same transaction) and answers with it.
    func challenge(
        _ name: String, for user: User, parameters: [String: String], state: JSONValue = [:],
        alongside: ((Connection) throws -> Void)? = nil
    ) throws -> JSONValue {
        let now = environment.clock.now()
        // A proven device travels with the sign-in's later challenges (`ChallengeResponder`).
        var state = state
        if let provenDevice, var object = state.objectValue {
            object[ProvenDevice.stateKey] = .string(provenDevice.key)
            state = .object(object)
        }
        let session = try environment.database.write { [state] connection in
            try alongside?(connection)
            return try AuthSessions.start(
                poolId: pool.id, clientId: client.clientId, subject: SessionSubject(user), challenge: name, state: state,
                now: now, validityMinutes: client.authSessionValidityMinutes, in: connection)
        }
        return [
            "ChallengeName": .string(name), "Session": .string(session),
            "ChallengeParameters": .object(parameters.mapValues { .string($0) }),
        ]
    }

    /// REFRESH_TOKEN_AUTH / REFRESH_TOKEN: new ID and access tokens, never a challenge (spec 3.3).
    func refresh(_ parameters: [String: JSONValue]) throws -> JSONValue {
        guard let token = parameters["REFRESH_TOKEN"]?.stringValue else { throw AuthErrors.missingParameter("REFRESH_TOKEN") }
        let now = environment.clock.now()
        let (stored, user) = try environment.database.read { connection -> (StoredRefreshToken?, User?) in
            guard let stored = try RefreshTokenStore.find(hash: TokenIssuer.hash(token), in: connection) else { return (nil, nil) }
            return (stored, try UserStore.find(pool: pool, username: stored.username, in: connection))
        }
        guard let stored, stored.poolId == pool.id, stored.clientId == client.clientId else { throw AuthErrors.invalidRefreshToken }
        guard !stored.revoked else { throw AuthErrors.refreshTokenRevoked }
        guard now < stored.expiresAt else { throw AuthErrors.refreshTokenExpired }
        guard let user else { throw client.preventUserExistenceErrors ? AuthErrors.invalidRefreshToken : CognitoErrors.userNotFound }
        // SECRET_HASH for refresh is computed over the user's name; clients use the username or the sub.
        let provided = parameters["SECRET_HASH"]?.stringValue
        if (try? SecretHash.check(provided: provided, username: user.sub, client: client)) == nil {
            try SecretHash.check(provided: provided, username: user.username, client: client, refreshing: true)
        }
        guard user.enabled else { throw CognitoErrors.userDisabled }
        let customization = try Triggers(environment: environment, pool: pool).preTokenGeneration(
            source: "TokenGeneration_RefreshTokens", user: user, clientId: client.clientId, clientMetadata: clientMetadata)
        let tokens = try environment.tokens.refresh(
            user: user, client: client, pool: pool, host: host, now: now, stored: stored, customization: customization)
        return ["AuthenticationResult": tokens.authenticationResult, "ChallengeParameters": [:]]
    }
}
