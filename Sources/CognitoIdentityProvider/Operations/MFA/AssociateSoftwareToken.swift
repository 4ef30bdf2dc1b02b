import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// AssociateSoftwareToken: a new TOTP secret for the user of an access token or of an `MFA_SETUP`
/// session (spec 4.1). The secret waits in `pendingSecret`; the verified token, if any, stays in
/// use until VerifySoftwareToken verifies the new one.
enum AssociateSoftwareToken {
    /// Row 14: 32 random bytes, `SecretCode` = base32 without padding (52 characters).
    static let secretLength = 32

    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let now = environment.clock.now()
        let secret = SecureRandom.bytes(secretLength)
        let secretCode = JSONValue.string(Base32.encode(secret))
        // With both members the access token is used [I].
        if input["AccessToken"] == nil, let sessionId = input["Session"]?.stringValue {
            let next = try environment.database.write { connection in
                let session = try UserMfaAccess.consumeSetupSession(sessionId, step: nil, now: now, in: connection)
                let pool = try environment.pools.require(session.poolId)
                try UserMfaAccess.requirePoolTotp(pool)
                let user = try UserMfaAccess.user(of: session, pool: pool, in: connection)
                try store(secret, for: user, in: connection)
                return try UserMfaAccess.nextSetupSession(
                    after: session, step: "associated", environment: environment, now: now, in: connection)
            }
            return ["SecretCode": secretCode, "Session": .string(next)]
        }
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        try UserMfaAccess.requirePoolTotp(pool)
        try environment.database.write { connection in
            try store(secret, for: try call.user(in: connection), in: connection)
        }
        return ["SecretCode": secretCode]
    }

    private static func store(_ secret: [UInt8], for user: User, in connection: Connection) throws {
        var mfa = try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection)
        mfa.pendingSecret = secret
        try UserMfaStore.save(mfa, poolId: user.poolId, sub: user.sub, in: connection)
    }
}
