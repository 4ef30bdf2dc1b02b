import AWSJSONProtocol
import SQLiteStore

/// CUSTOM_AUTH (developer guide, "Custom authentication challenge Lambda triggers"): the define
/// auth challenge function decides, from the steps so far, whether to issue tokens, fail, or ask a
/// challenge; CUSTOM_CHALLENGE is made by the create function and judged by the verify function.
/// Starting with `CHALLENGE_NAME: SRP_A` puts the password (SRP) first: the define function sees
/// `SRP_A` and asks `PASSWORD_VERIFIER`, which `PasswordVerifier` answers before the flow continues.
///
/// Sessions are the ones of every other challenge (bound to the user's sub and credentials, single
/// use), and a wrong answer counts toward the same lockout as a wrong password.
struct CustomAuthFlow {
    static let challengeName = "CUSTOM_CHALLENGE"
    let signIn: SignInFlow

    var triggers: Triggers { Triggers(environment: signIn.environment, pool: signIn.pool) }

    /// InitiateAuth / AdminInitiateAuth with `AuthFlow: CUSTOM_AUTH`.
    func initiate(_ parameters: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        guard triggers.has("DefineAuthChallenge"), triggers.has("CreateAuthChallenge"),
            triggers.has("VerifyAuthChallengeResponse")
        else { throw Self.notConfigured }
        guard let name = parameters["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        try SecretHash.check(provided: parameters["SECRET_HASH"]?.stringValue, username: name, client: signIn.client)
        let found = try environment.database.read { try UserStore.findForSignIn(pool: signIn.pool, name: name, in: $0) }
        // [I] Unknown users get the password flows' answers; AWS can instead run the functions with
        // `userNotFound: true` when the client prevents user existence errors.
        guard let user = found else {
            throw signIn.client.preventUserExistenceErrors ? CognitoErrors.incorrectUsernameOrPassword : CognitoErrors.userNotFound
        }
        try checkNotLocked(user)
        try triggers.preAuthentication(user: user, clientId: signIn.client.clientId, clientMetadata: signIn.clientMetadata)
        if parameters["CHALLENGE_NAME"]?.stringValue == "SRP_A" {
            guard parameters["SRP_A"] != nil else { throw AuthErrors.missingParameter("SRP_A") }
            return try next(for: user, history: [ChallengeResult(challengeName: "SRP_A", challengeResult: true)], srp: parameters)
        }
        return try next(for: user, history: [])
    }

    /// Asks the define function what follows `history` and does it. `srp`: the InitiateAuth
    /// parameters, when the define function may ask PASSWORD_VERIFIER now.
    func next(for user: User, history: [ChallengeResult], srp: [String: JSONValue]? = nil) throws -> JSONValue {
        let clientId = signIn.client.clientId
        switch try triggers.defineAuthChallenge(
            user: user, history: history, clientId: clientId, clientMetadata: signIn.clientMetadata)
        {
        case .fail:
            // The wrong-password text: a CloudTrail record of RespondToAuthChallenge failed by
            // DefineAuthChallenge_Authentication (https://github.com/aws-amplify/amplify-js/issues/10320).
            throw CognitoErrors.incorrectUsernameOrPassword
        case .issueTokens:
            guard user.enabled else { throw CognitoErrors.userDisabled }
            guard user.status != .unconfirmed else { throw CognitoErrors.userNotConfirmed }
            // [I] The custom flow is the whole authentication: no MFA step follows it.
            return try signIn.issueTokens(user)
        case .challenge(PasswordVerifier.challengeName) where srp != nil:
            return try PasswordVerifier(signIn: signIn).initiate(srp!, customAuthHistory: history)
        case .challenge(Self.challengeName):
            let created = try triggers.createAuthChallenge(
                user: user, challengeName: Self.challengeName, history: history, clientId: clientId,
                clientMetadata: signIn.clientMetadata)
            var parameters = created.publicParameters
            parameters["USERNAME"] = user.username
            return try signIn.challenge(
                Self.challengeName, for: user, parameters: parameters,
                state: [
                    "history": ChallengeResult.json(history),
                    "private": .object(created.privateParameters.mapValues { .string($0) }),
                    "metadata": created.metadata.map { .string($0) } ?? .null,
                ])
        case .challenge:
            // [I] A challenge the custom flow cannot ask here (or a name that is none).
            throw TriggerErrors.unrecognizable
        }
    }

    /// RespondToAuthChallenge with `CUSTOM_CHALLENGE` and `ANSWER`.
    func answer(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        guard let answer = responses["ANSWER"]?.stringValue else { throw AuthErrors.missingParameter("ANSWER") }
        let now = environment.clock.now()
        let (stored, user) = try environment.database.read { connection -> (AuthSession, User) in
            let stored = try AuthSessions.check(session, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard stored.challenge == Self.challengeName else { throw AuthErrors.invalidSession }
            return (stored, try AuthSessions.user(of: stored, pool: pool, name: name, in: connection))
        }
        try checkNotLocked(user)
        var privateParameters: [String: String] = [:]
        for (key, value) in stored.state["private"]?.objectValue ?? [:] { privateParameters[key] = value.stringValue }
        // The verify function runs outside any transaction (it may call back into this server).
        let correct = try triggers.verifyAuthChallengeResponse(
            user: user, privateParameters: privateParameters, answer: answer, clientId: signIn.client.clientId,
            clientMetadata: signIn.clientMetadata)
        try environment.database.write { connection in
            // Used up in the transaction that records the verdict: two answers cannot both count.
            _ = try AuthSessions.consume(session, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard !correct else { return }
            var mfa = try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection)
            SignInLockout.recordFailure(&mfa, now: now)
            try UserMfaStore.save(mfa, poolId: pool.id, sub: user.sub, in: connection)
        }
        let history = ChallengeResult.list(stored.state["history"]) + [
            ChallengeResult(challengeName: Self.challengeName, challengeResult: correct,
                            challengeMetadata: stored.state["metadata"]?.stringValue),
        ]
        return try next(for: user, history: history)
    }

    private func checkNotLocked(_ user: User) throws {
        let mfa = try signIn.environment.database.read { try UserMfaStore.load(poolId: signIn.pool.id, sub: user.sub, in: $0) }
        guard !SignInLockout.isLocked(mfa, now: signIn.environment.clock.now()) else { throw AuthErrors.passwordAttemptsExceeded }
    }

    /// CUSTOM_AUTH in a pool without the three functions
    /// (https://github.com/aws-amplify/amplify-js/issues/5623, with the period).
    static let notConfigured = AWSServiceError.invalidParameter("Custom auth lambda trigger is not configured for the user pool.")
}
