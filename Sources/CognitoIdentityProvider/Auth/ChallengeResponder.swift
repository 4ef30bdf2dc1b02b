import AWSJSONProtocol

/// RespondToAuthChallenge and AdminRespondToAuthChallenge: checks the session, then answers the
/// challenge it was issued for. A failed answer rolls its transaction back, so the session stays
/// usable for a corrected retry; only a successful answer uses it up. PASSWORD_VERIFIER is the
/// exception: it comes without a Session and any answer uses its SECRET_BLOCK up (`PasswordVerifier`).
struct ChallengeResponder {
    let signIn: SignInFlow

    func respond(challengeName: String, session: String?, responses: [String: JSONValue]) throws -> JSONValue {
        if challengeName == PasswordVerifier.challengeName {
            // AWS issues PASSWORD_VERIFIER without a Session: its SECRET_BLOCK carries the state.
            guard let name = responses["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
            return try PasswordVerifier(signIn: signIn).answer(name: name, responses: responses)
        }
        guard let session else { throw AuthErrors.missingSession }
        guard let name = responses["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        try SecretHash.check(provided: responses["SECRET_HASH"]?.stringValue, username: name, client: signIn.client)
        switch challengeName {
        case NewPasswordChallenge.name:
            return try answerNewPassword(session: session, name: name, responses: responses)
        case MfaFactor.sms.rawValue:
            return try MfaAnswers(signIn: signIn).answerMessageCode(.sms, session: session, name: name, responses: responses)
        case MfaFactor.email.rawValue:
            return try MfaAnswers(signIn: signIn).answerMessageCode(.email, session: session, name: name, responses: responses)
        case MfaFactor.softwareToken.rawValue:
            return try MfaAnswers(signIn: signIn).answerSoftwareToken(session: session, name: name, responses: responses)
        case "SELECT_MFA_TYPE":
            return try MfaAnswers(signIn: signIn).answerSelection(session: session, name: name, responses: responses)
        case "MFA_SETUP":
            return try MfaAnswers(signIn: signIn).answerSetup(session: session, name: name, responses: responses)
        default:
            throw AuthFlows.unsupported(challengeName)
        }
    }

    private func answerNewPassword(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        guard let newPassword = responses["NEW_PASSWORD"]?.stringValue else { throw AuthErrors.missingParameter("NEW_PASSWORD") }
        let now = environment.clock.now()
        let user = try environment.database.write { connection -> User in
            let stored = try AuthSessions.consume(session, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard stored.challenge == NewPasswordChallenge.name else { throw AuthErrors.invalidSession }
            var user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            try PasswordPolicy.check(newPassword, pool: pool)
            for (key, value) in responses where key.hasPrefix("userAttributes.") {
                guard let text = value.stringValue else { continue }
                user.setAttribute(String(key.dropFirst("userAttributes.".count)), text)
            }
            if let missing = NewPasswordChallenge.requiredAttributes(of: pool).first(where: { user.attribute($0) == nil }) {
                throw AuthErrors.requiredAttributeMissing(missing)
            }
            user.setPassword(newPassword, temporary: false, now: now, pool: pool)
            user.status = .confirmed
            user.lastModifiedDate = now
            try UserStore.save(user, pool: pool, in: connection)
            return user
        }
        return try signIn.completeSignIn(user)
    }
}
