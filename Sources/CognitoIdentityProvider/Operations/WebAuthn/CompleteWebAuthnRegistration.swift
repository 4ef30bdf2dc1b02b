import AWSJSONProtocol

/// CompleteWebAuthnRegistration: the caller's newest registration challenge, the credential
/// (RegistrationResponseJSON) verified by `WebAuthnVerifier`, then stored. The challenge is used
/// once; one issued to another app client is `WebAuthnClientMismatchException` [D: API].
enum CompleteWebAuthnRegistration {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        let settings = try WebAuthnSettings(pool)
        guard let credential = input["Credential"], case .object = credential else { throw WebAuthnErrors.invalidCredential }
        let now = environment.clock.now()
        let (session, user) = try environment.database.read { connection -> (AuthSession, User) in
            let user = try call.user(in: connection)
            guard let session = try AuthSessions.pendingRegistration(poolId: pool.id, sub: user.sub, now: now, in: connection) else {
                throw WebAuthnErrors.challengeNotFound
            }
            guard session.clientId == call.token.clientId else { throw WebAuthnErrors.clientMismatch }
            return (session, try AuthSessions.user(of: session, pool: pool, name: nil, in: connection))
        }
        let verified = try WebAuthnVerifier.verifyRegistration(
            credential, challenge: session.state["challenge"]?.stringValue ?? "", settings: settings)
        try environment.database.write { connection in
            _ = try AuthSessions.consume(session.id, poolId: pool.id, clientId: session.clientId, now: now, in: connection)
            // A credential id is registered once in the pool [I: the malformed-credential text].
            guard try PasskeyStore.find(poolId: pool.id, credentialId: verified.credentialId, in: connection) == nil else {
                throw WebAuthnErrors.invalidCredential
            }
            let transports = credential["response"]?["transports"]?.arrayValue?.compactMap(\.stringValue) ?? []
            try PasskeyStore.insert(
                StoredPasskey(
                    poolId: pool.id, credentialId: verified.credentialId, sub: user.sub, publicKey: verified.publicKey,
                    signCount: verified.signCount, relyingPartyId: settings.relyingPartyId, friendlyName: nil,
                    attachment: credential["authenticatorAttachment"]?.stringValue, transports: Array(transports.prefix(8)),
                    createdAt: now),
                in: connection)
        }
        return [:]
    }
}
