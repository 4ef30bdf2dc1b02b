import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// USER_AUTH's WEB_AUTHN first factor: the challenge carries `CREDENTIAL_REQUEST_OPTIONS`, a JSON
/// string of PublicKeyCredentialRequestOptionsJSON (Amplify `handleWebAuthnSignInResult`), and is
/// answered with `CREDENTIAL`, an AuthenticationResponseJSON string. The assertion is checked by
/// `WebAuthnVerifier`; a wrong one leaves the session usable and counts toward the user's one
/// lockout. A passkey with user verification in a pool whose `FactorConfiguration` is
/// `MULTI_FACTOR_WITH_USER_VERIFICATION` satisfies MFA; otherwise it is a first factor like a
/// password, followed by the MFA decision [D: API WebAuthnConfigurationType.FactorConfiguration].
struct PasskeySignIn {
    static let challengeName = "WEB_AUTHN"
    /// `timeout` of the options, in milliseconds [I].
    static let timeoutMilliseconds: Int64 = 180_000
    static let longestCredential = 65_536

    let signIn: SignInFlow

    /// The WEB_AUTHN challenge for `user`'s passkeys.
    func start(for user: User) throws -> JSONValue {
        let pool = signIn.pool
        let settings = try WebAuthnSettings(pool)
        let passkeys = try signIn.environment.database.read { try PasskeyStore.list(poolId: pool.id, sub: user.sub, in: $0) }
        let challenge = Base64URL.encode(SecureRandom.bytes(32))
        let options: JSONValue = [
            "challenge": .string(challenge), "rpId": .string(settings.relyingPartyId),
            "timeout": .int(Self.timeoutMilliseconds), "userVerification": .string(settings.userVerification),
            "allowCredentials": .array(passkeys.map {
                ["id": .string($0.credentialId), "type": "public-key", "transports": .array($0.transports.map { .string($0) })]
            }),
        ]
        return try signIn.challenge(
            Self.challengeName, for: user, parameters: ["CREDENTIAL_REQUEST_OPTIONS": JSONText.string(options)],
            state: ["challenge": .string(challenge)])
    }

    private enum Verdict {
        case accepted(User, userVerified: Bool)
        case rejected(AWSServiceError, countsAsFailure: Bool)
    }

    /// The answer: one write transaction re-reads the session, the user and the passkey, checks the
    /// assertion, and either uses the session up and stores the new sign count, or counts a failure.
    func answer(session: String, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let settings = try WebAuthnSettings(pool)
        guard let text = responses["CREDENTIAL"]?.stringValue else { throw AuthErrors.missingParameter("CREDENTIAL") }
        guard text.utf8.count <= Self.longestCredential, let credential = try? JSONParser.parse(Array(text.utf8)),
            let credentialId = credential["id"]?.stringValue
        else { throw WebAuthnErrors.invalidCredential }
        let now = environment.clock.now()
        let verdict = try environment.database.write { connection -> Verdict in
            let stored = try AuthSessions.check(session, poolId: pool.id, clientId: signIn.client.clientId, now: now, in: connection)
            guard stored.challenge == Self.challengeName, let challenge = stored.state["challenge"]?.stringValue else {
                throw AuthErrors.invalidSession
            }
            let user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            var mfa = try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection)
            if SignInLockout.isLocked(mfa, now: now) { return .rejected(AuthErrors.passwordAttemptsExceeded, countsAsFailure: false) }
            let verdict: Verdict
            do {
                guard let passkey = try PasskeyStore.find(poolId: pool.id, credentialId: credentialId, in: connection),
                    passkey.sub == user.sub
                else { throw AuthErrors.invalidPasskey }
                let assertion = try WebAuthnVerifier.verifyAssertion(
                    credential, passkey: passkey, userHandle: Passkeys.userHandle(user), challenge: challenge, settings: settings)
                try AuthSessions.markUsed(session, now: now, in: connection)
                try PasskeyStore.updateSignCount(poolId: pool.id, credentialId: passkey.credentialId, to: assertion.signCount, in: connection)
                verdict = .accepted(user, userVerified: assertion.userVerified)
            } catch let error as AWSServiceError {
                verdict = .rejected(error, countsAsFailure: true)
            }
            if case .rejected = verdict {
                SignInLockout.recordFailure(&mfa, now: now)
                try UserMfaStore.save(mfa, poolId: pool.id, sub: user.sub, in: connection)
            }
            return verdict
        }
        switch verdict {
        case .accepted(let user, let userVerified):
            return userVerified && settings.multiFactorWithUserVerification
                ? try signIn.issueTokens(user) : try signIn.completeSignIn(user)
        case .rejected(let error, _):
            throw error
        }
    }
}

/// What passkey registration and sign-in share.
enum Passkeys {
    /// The WebAuthn user handle of `user`: the sub's bytes, base64url [I].
    static func userHandle(_ user: User) -> String {
        Base64URL.encode(Array(user.sub.utf8))
    }
}
