import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// The steps every password sign-in shares (InitiateAuth USER_PASSWORD_AUTH, AdminInitiateAuth
/// ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH), the refresh flows, and the hand-over to the
/// decision between tokens and a further challenge once the password is proven.
struct SignInFlow {
    let environment: ServiceEnvironment
    let pool: UserPool
    let client: AppClient
    let host: String?

    /// Checks `USERNAME`/`PASSWORD` and answers with tokens or the next challenge.
    func passwordSignIn(_ parameters: [String: JSONValue]) throws -> JSONValue {
        guard let name = parameters["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        guard let password = parameters["PASSWORD"]?.stringValue else { throw AuthErrors.missingParameter("PASSWORD") }
        try SecretHash.check(provided: parameters["SECRET_HASH"]?.stringValue, username: name, client: client)
        let found = try environment.database.read { try UserStore.findForSignIn(pool: pool, name: name, in: $0) }
        guard let user = found else {
            // The client's PreventUserExistenceErrors hides whether the user exists.
            throw client.preventUserExistenceErrors ? AuthErrors.incorrectCredentials : AuthErrors.userNotFound
        }
        // The SRP verifier check is a 3072-bit modular exponentiation: done outside any transaction.
        guard user.passwordMatches(password, pool: pool) else { throw AuthErrors.incorrectCredentials }
        return try afterPassword(user)
    }

    /// The checks that follow a proven password, then tokens or the next challenge.
    func afterPassword(_ user: User) throws -> JSONValue {
        guard user.enabled else { throw AuthErrors.userDisabled }
        let now = environment.clock.now()
        switch user.status {
        case .unconfirmed:
            throw AuthErrors.userNotConfirmed
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

    /// The user has passed every step of the flow: the pool's MFA configuration decides next.
    /// (Until MFA enforcement lands, every completed sign-in gets tokens.)
    func completeSignIn(_ user: User) throws -> JSONValue {
        let now = environment.clock.now()
        let tokens = try environment.tokens.signIn(user: user, client: client, pool: pool, host: host, now: now)
        return ["AuthenticationResult": tokens.authenticationResult, "ChallengeParameters": [:]]
    }

    /// Starts a challenge session and answers with it.
    func challenge(_ name: String, for user: User, parameters: [String: String], state: JSONValue = [:]) throws -> JSONValue {
        let now = environment.clock.now()
        let session = try environment.database.write { connection in
            try AuthSessions.start(
                poolId: pool.id, clientId: client.clientId, username: user.username, challenge: name, state: state,
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
        guard let user else { throw client.preventUserExistenceErrors ? AuthErrors.invalidRefreshToken : AuthErrors.userNotFound }
        // SECRET_HASH for refresh is computed over the user's name; clients use the username or the sub.
        let provided = parameters["SECRET_HASH"]?.stringValue
        if (try? SecretHash.check(provided: provided, username: user.sub, client: client)) == nil {
            try SecretHash.check(provided: provided, username: user.username, client: client, refreshing: true)
        }
        guard user.enabled else { throw AuthErrors.userDisabled }
        let tokens = try environment.tokens.refresh(user: user, client: client, pool: pool, host: host, now: now, stored: stored)
        return ["AuthenticationResult": tokens.authenticationResult, "ChallengeParameters": [:]]
    }
}
