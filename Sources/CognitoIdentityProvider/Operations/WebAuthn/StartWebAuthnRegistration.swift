import AWSJSONProtocol
import CryptoPrimitives

/// StartWebAuthnRegistration: `CredentialCreationOptions` (PublicKeyCredentialCreationOptionsJSON)
/// for the caller to create a passkey with: a fresh challenge, the pool's relying party, the user,
/// ES256 and RS256, the user's existing passkeys excluded, and the pool's `UserVerification`
/// [D: API StartWebAuthnRegistration; member values not documented are [I]]. The challenge is kept
/// in a registration session bound to the user's sub and the token's app client.
enum StartWebAuthnRegistration {
    static let sessionChallenge = "WEB_AUTHN_REGISTRATION"

    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let settings = try WebAuthnSettings(call.pool)
        let challenge = Base64URL.encode(SecureRandom.bytes(32))
        let now = environment.clock.now()
        let validity = call.client?.authSessionValidityMinutes ?? 3
        let (user, existing) = try environment.database.write { connection -> (User, [StoredPasskey]) in
            let user = try call.user(in: connection)
            _ = try AuthSessions.start(
                poolId: call.pool.id, clientId: call.token.clientId, subject: SessionSubject(user), challenge: sessionChallenge,
                state: ["challenge": .string(challenge)], now: now, validityMinutes: validity, in: connection)
            return (user, try PasskeyStore.list(poolId: call.pool.id, sub: user.sub, in: connection))
        }
        let options: JSONValue = [
            "challenge": .string(challenge),
            "rp": ["id": .string(settings.relyingPartyId), "name": .string(settings.relyingPartyId)],
            "user": ["id": .string(Passkeys.userHandle(user)), "name": .string(user.username), "displayName": .string(user.username)],
            "pubKeyCredParams": [["type": "public-key", "alg": .int(COSEKey.es256)], ["type": "public-key", "alg": .int(COSEKey.rs256)]],
            "timeout": .int(PasskeySignIn.timeoutMilliseconds),
            // Attestation is not asked for: browsers then send `none` (packed self-attestation is checked too).
            "attestation": "none",
            "excludeCredentials": .array(existing.map { ["type": "public-key", "id": .string($0.credentialId)] }),
            "authenticatorSelection": [
                "requireResidentKey": true, "residentKey": "required", "userVerification": .string(settings.userVerification),
            ],
        ]
        return ["CredentialCreationOptions": options]
    }
}
