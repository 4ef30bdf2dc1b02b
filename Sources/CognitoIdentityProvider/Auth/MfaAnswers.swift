import AWSJSONProtocol
import SQLiteStore

/// Answers to the MFA challenges (spec 3.4): a wrong code leaves the session usable for another try
/// and counts toward the lockout; a right one uses the session up and completes the sign-in.
struct MfaAnswers {
    let signIn: SignInFlow

    private enum Verdict {
        case accepted(User)
        case rejected(AWSServiceError)
    }

    /// SMS_MFA (`SMS_MFA_CODE`) or EMAIL_OTP (`EMAIL_OTP_CODE`): the code the session remembers.
    /// Success marks the attribute the code went to as verified (spec 3.2 item 6).
    func answerMessageCode(_ factor: MfaFactor, session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let key = factor == .sms ? "SMS_MFA_CODE" : "EMAIL_OTP_CODE"
        guard let code = responses[key]?.stringValue else { throw AuthErrors.missingParameter(key) }
        var enablesFactor = false
        let user = try settle(session: session, challenge: factor.rawValue, name: name) { user, stored, _ in
            guard code == stored.state["code"]?.stringValue else { return .rejected(AuthErrors.messageCodeMismatch) }
            enablesFactor = stored.state["enablesFactor"]?.boolValue == true
            var verified = user
            verified.setAttribute(factor == .sms ? "phone_number_verified" : "email_verified", "true")
            return .accepted(verified)
        } remember: { mfa in
            if enablesFactor { mfa.enabled.insert(factor) }
        }
        return try signIn.issueTokens(user)
    }

    /// SOFTWARE_TOKEN_MFA (`SOFTWARE_TOKEN_MFA_CODE`): RFC 6238 against the verified authenticator;
    /// a code of a step already used is refused as reused (spec 3.4).
    func answerSoftwareToken(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        guard let code = responses["SOFTWARE_TOKEN_MFA_CODE"]?.stringValue else {
            throw AuthErrors.missingParameter("SOFTWARE_TOKEN_MFA_CODE")
        }
        let now = signIn.environment.clock.now()
        var acceptedStep: Int64?
        let user = try settle(session: session, challenge: MfaFactor.softwareToken.rawValue, name: name) { user, _, mfa in
            guard let token = mfa.softwareToken else { return .rejected(AuthErrors.softwareTokenCodeMismatch) }
            switch SoftwareTokenCheck.check(code: code, secret: token.secret, lastAcceptedStep: mfa.lastAcceptedStep, now: now) {
            case .accepted(let step):
                acceptedStep = step
                return .accepted(user)
            case .mismatch: return .rejected(AuthErrors.softwareTokenCodeMismatch)
            case .alreadyUsed: return .rejected(UserMfaErrors.codeAlreadyUsed)
            }
        } remember: { mfa in
            if let acceptedStep { mfa.lastAcceptedStep = acceptedStep }
        }
        return try signIn.issueTokens(user)
    }

    /// SELECT_MFA_TYPE: `ANSWER` names one of `MFAS_CAN_CHOOSE`; the answer is that factor's challenge.
    func answerSelection(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        guard let answer = responses["ANSWER"]?.stringValue else { throw AuthErrors.missingParameter("ANSWER") }
        var chosen: MfaFactor?
        var mfa = UserMfa()
        let user = try settle(session: session, challenge: "SELECT_MFA_TYPE", name: name) { user, stored, state in
            let choices = stored.state["choices"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard choices.contains(answer), let factor = MfaFactor(rawValue: answer) else {
                return .rejected(AuthErrors.invalidMfaChoice(answer))
            }
            chosen = factor
            mfa = state
            return .accepted(user)
        }
        return try MfaChallenges(signIn: signIn).respond(to: .challenge(chosen ?? .sms), for: user, mfa: mfa)
    }

    /// MFA_SETUP: answered with the session VerifySoftwareToken returned; row 9: tokens follow.
    /// Answered with `EMAIL` instead, the address is set up for email MFA (`answerSetup(email:)`).
    func answerSetup(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        if let email = responses["EMAIL"]?.stringValue { return try answerSetup(email: email, session: session, name: name) }
        let user = try settle(session: session, challenge: "MFA_SETUP", name: name) { user, stored, _ in
            guard stored.state["step"]?.stringValue == "verified" else { return .rejected(AuthErrors.invalidSession) }
            return .accepted(user)
        }
        return try signIn.issueTokens(user)
    }

    /// MFA_SETUP answered with `EMAIL` (Amplify JS `handleMFASetupChallenge` sends
    /// `{USERNAME, EMAIL}` when the user picks email) [M: devices-and-passwordless evidence 2]: the
    /// address becomes the user's (unverified if it changed) and an EMAIL_OTP challenge follows; its
    /// right answer verifies the address and enables email MFA for the user.
    private func answerSetup(email: String, session: String, name: String) throws -> JSONValue {
        guard signIn.pool.factors.email != nil else { throw AuthErrors.emailMfaNotOffered }
        let update = [UserAttribute("email", email)]
        try UserOperations.checkUpdatedAttributes(update, pool: signIn.pool)
        let user = try settle(session: session, challenge: "MFA_SETUP", name: name) { user, stored, _ in
            guard stored.state["step"] == nil else { throw AuthErrors.invalidSession }  // not a guess: no failure counted
            var changed = user
            UserOperations.applyUpdate(update, to: &changed)
            return .accepted(changed)
        }
        return try MfaChallenges(signIn: signIn).sendCode(.email, to: user, enablesFactor: true)
    }

    /// Checks the session and the user in one write transaction, runs `judge`, and either uses the
    /// session up and saves the user (accepted) or records a failure and leaves the session (rejected).
    private func settle(
        session id: String, challenge: String, name: String,
        judge: (User, AuthSession, UserMfa) throws -> Verdict,
        remember: (inout UserMfa) -> Void = { _ in }
    ) throws -> User {
        let environment = signIn.environment
        let pool = signIn.pool
        let now = environment.clock.now()
        let verdict = try environment.database.write { connection -> Verdict in
            let stored = try AuthSessions.check(id, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard stored.challenge == challenge else { throw AuthErrors.invalidSession }
            let user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            var mfa = try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection)
            if SignInLockout.isLocked(mfa, now: now) { return .rejected(AuthErrors.passwordAttemptsExceeded) }
            let verdict = try judge(user, stored, mfa)
            switch verdict {
            case .accepted(let accepted):
                try AuthSessions.markUsed(id, now: now, in: connection)
                remember(&mfa)
                if accepted != user { try UserStore.save(accepted, pool: pool, in: connection) }
            case .rejected:
                SignInLockout.recordFailure(&mfa, now: now)
            }
            try UserMfaStore.save(mfa, poolId: pool.id, sub: user.sub, in: connection)
            return verdict
        }
        switch verdict {
        case .accepted(let user): return user
        case .rejected(let error): throw error
        }
    }
}
