import AWSJSONProtocol
import SQLiteStore

/// VerifySoftwareToken: checks a code of the authenticator just associated (spec 4.2). Success
/// makes the pending secret the user's verified token (replacing any earlier one) without enabling
/// TOTP as an MFA preference; the session path also returns the next `MFA_SETUP` session.
enum VerifySoftwareToken {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let now = environment.clock.now()
        let code = input["UserCode"]?.stringValue ?? ""
        let deviceName = input["FriendlyDeviceName"]?.stringValue
        if input["AccessToken"] == nil, let sessionId = input["Session"]?.stringValue {
            let next = try environment.database.write { connection in
                // Answers Associate's session (step "associated"); a wrong code rolls back, so the
                // same session can be tried again (spec 3.4).
                let session = try UserMfaAccess.consumeSetupSession(sessionId, step: "associated", now: now, in: connection)
                let pool = try environment.pools.require(session.poolId)
                try UserMfaAccess.requirePoolTotp(pool)
                let user = try UserMfaAccess.user(of: session, pool: pool, in: connection)
                try verify(code, deviceName: deviceName, for: user, now: now, in: connection)
                return try UserMfaAccess.nextSetupSession(
                    after: session, step: "verified", environment: environment, now: now, in: connection)
            }
            return ["Status": "SUCCESS", "Session": .string(next)]
        }
        let call = try AccessTokenUserCall(input, environment)
        let pool = call.pool
        try UserMfaAccess.requirePoolTotp(pool)
        try environment.database.write { connection in
            let user = try call.user(in: connection)
            try verify(code, deviceName: deviceName, for: user, now: now, in: connection)
        }
        // ACIJS-627: the access-token path answers without a Session.
        return ["Status": "SUCCESS"]
    }

    private static func verify(_ code: String, deviceName: String?, for user: User, now: Double, in connection: Connection) throws {
        var mfa = try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection)
        guard let pending = mfa.pendingSecret else { throw UserMfaErrors.softwareTokenNotAssociated }
        switch SoftwareTokenCheck.check(code: code, secret: pending, lastAcceptedStep: mfa.lastAcceptedStep, now: now) {
        case .mismatch: throw UserMfaErrors.codeMismatch
        case .alreadyUsed: throw UserMfaErrors.codeAlreadyUsed
        case .accepted(let step):
            mfa.softwareToken = SoftwareToken(secret: pending, friendlyDeviceName: deviceName, verifiedAt: now)
            mfa.pendingSecret = nil
            mfa.lastAcceptedStep = step
            try UserMfaStore.save(mfa, poolId: user.poolId, sub: user.sub, in: connection)
        }
    }
}
