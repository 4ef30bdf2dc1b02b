import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// USER_AUTH, choice-based sign-in (API InitiateAuth `AuthParameters` and RespondToAuthChallenge
/// `ChallengeResponses`): `USERNAME` and an optional `PREFERRED_CHALLENGE`; without one, or with one
/// the user cannot use [I], `SELECT_CHALLENGE` with the top-level `AvailableChallenges`. The first
/// factors:
///
/// - `PASSWORD` (`PASSWORD`) and `PASSWORD_SRP` (`SRP_A`, then PASSWORD_VERIFIER): the password step
///   of the other flows, followed by the same MFA decision (`SignInFlow.afterPassword`).
/// - `EMAIL_OTP` / `SMS_OTP`: a code sent through the outbox, answered with `EMAIL_OTP_CODE` /
///   `SMS_OTP_CODE`; tokens follow, never MFA (they are only offered when no MFA applies,
///   `GetUserAuthFactors.configuredFactors`).
/// - `WEB_AUTHN`: a passkey (`PasskeySignIn`).
///
/// The answer to SELECT_CHALLENGE may carry the chosen factor's own parameters (`PASSWORD`, `SRP_A`,
/// `CREDENTIAL`) to finish that step at once [D: API RespondToAuthChallenge]. Every session is bound
/// to the user's sub (`AuthSessions`), and failures count in the one lockout (`SignInLockout`).
struct UserAuthFlow {
    static let selectChallenge = "SELECT_CHALLENGE"
    static let password = "PASSWORD"
    static let passwordSrp = "PASSWORD_SRP"
    static let emailOtp = "EMAIL_OTP"
    static let smsOtp = "SMS_OTP"
    static let webAuthn = "WEB_AUTHN"

    let signIn: SignInFlow

    /// InitiateAuth / AdminInitiateAuth with `AuthFlow=USER_AUTH`.
    func initiate(_ parameters: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        guard let name = parameters["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        try SecretHash.check(provided: parameters["SECRET_HASH"]?.stringValue, username: name, client: signIn.client)
        let now = environment.clock.now()
        let found = try environment.database.read { connection -> (User, UserMfa, Int)? in
            guard let user = try UserStore.findForSignIn(pool: pool, name: name, in: connection) else { return nil }
            return (
                user, try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection),
                try PasskeyStore.count(poolId: pool.id, sub: user.sub, in: connection)
            )
        }
        guard let (user, mfa, passkeys) = found else {
            // As the password flows: the client's PreventUserExistenceErrors hides whether the user exists [I].
            throw signIn.client.preventUserExistenceErrors ? CognitoErrors.incorrectUsernameOrPassword : CognitoErrors.userNotFound
        }
        guard user.enabled else { throw CognitoErrors.userDisabled }
        guard !SignInLockout.isLocked(mfa, now: now) else { throw AuthErrors.passwordAttemptsExceeded }
        var flow = signIn
        flow.deviceKey = parameters["DEVICE_KEY"]?.stringValue
        let available = Self.availableChallenges(user: user, mfa: mfa, pool: pool, passkeys: passkeys)
        if let preferred = parameters["PREFERRED_CHALLENGE"]?.stringValue, available.contains(preferred) {
            return try UserAuthFlow(signIn: flow).start(preferred, for: user, with: parameters)
        }
        let response = try flow.challenge(
            Self.selectChallenge, for: user, parameters: [:], state: ["choices": .array(available.map { .string($0) })])
        var object = response.objectValue ?? [:]
        object["AvailableChallenges"] = .array(available.map { .string($0) })
        return .object(object)
    }

    /// The challenges `user` may choose from: the factors GetUserAuthFactors reports, the password
    /// one as both `PASSWORD` and `PASSWORD_SRP` [D: API RespondToAuthChallenge SELECT_CHALLENGE].
    static func availableChallenges(user: User, mfa: UserMfa, pool: UserPool, passkeys: Int) -> [String] {
        GetUserAuthFactors.configuredFactors(user: user, mfa: mfa, pool: pool, passkeys: passkeys).flatMap {
            $0 == password ? [password, passwordSrp] : [$0]
        }
    }

    /// Starts the first factor `choice` for `user`; `parameters` may already hold its answer.
    func start(_ choice: String, for user: User, with parameters: [String: JSONValue]) throws -> JSONValue {
        switch choice {
        case Self.password:
            guard let password = parameters["PASSWORD"]?.stringValue else {
                return try signIn.challenge(Self.password, for: user, parameters: [:])  // [I] answered with PASSWORD
            }
            return try signIn.checkPassword(password, of: user)
        case Self.passwordSrp:
            guard let srpA = parameters["SRP_A"]?.stringValue else {
                return try signIn.challenge(Self.passwordSrp, for: user, parameters: [:])  // [I] answered with SRP_A
            }
            guard let clientPublic = SRPServer.clientPublicValue(hex: srpA) else { throw AuthErrors.invalidSrpA }
            return try PasswordVerifier(signIn: signIn).challenge(for: user, clientPublic: clientPublic)
        case Self.emailOtp:
            return try MfaChallenges(signIn: signIn).sendCode(.email, to: user)
        case Self.smsOtp:
            return try MfaChallenges(signIn: signIn).sendCode(.sms, to: user, challenge: Self.smsOtp)
        case Self.webAuthn:
            // A CREDENTIAL sent with the choice cannot answer a challenge not yet issued: the WEB_AUTHN
            // challenge with its options follows [I].
            return try PasskeySignIn(signIn: signIn).start(for: user)
        default:
            throw AuthErrors.invalidChallengeChoice(choice)
        }
    }

    /// RespondToAuthChallenge for SELECT_CHALLENGE (`ANSWER`), PASSWORD (`PASSWORD`) and PASSWORD_SRP
    /// (`SRP_A`): the session is used up and the chosen step runs for the session's user, re-read.
    func answer(_ challenge: String, session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let now = environment.clock.now()
        let choice = challenge == Self.selectChallenge ? responses["ANSWER"]?.stringValue : challenge
        guard let choice else { throw AuthErrors.missingParameter("ANSWER") }
        // The answer to a PASSWORD or PASSWORD_SRP challenge must carry it (checked before the session is used).
        if let required = [Self.password: "PASSWORD", Self.passwordSrp: "SRP_A"][challenge], responses[required] == nil {
            throw AuthErrors.missingParameter(required)
        }
        let user = try environment.database.write { connection -> User in
            let stored = try AuthSessions.check(session, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard stored.challenge == challenge else { throw AuthErrors.invalidSession }
            let user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            if challenge == Self.selectChallenge {
                let choices = stored.state["choices"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard choices.contains(choice) else { throw AuthErrors.invalidChallengeChoice(choice) }
            }
            try AuthSessions.markUsed(session, now: now, in: connection)
            return user
        }
        var flow = signIn
        flow.deviceKey = responses["DEVICE_KEY"]?.stringValue
        return try UserAuthFlow(signIn: flow).start(choice, for: user, with: responses)
    }
}
