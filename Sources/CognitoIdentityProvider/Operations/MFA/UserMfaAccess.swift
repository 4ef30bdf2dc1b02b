import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// What the per-user MFA operations share beyond `AccessTokenUserCall`: finding the caller from an
/// `MFA_SETUP` session, and reading or writing the user's MFA state in the same transaction.
enum UserMfaAccess {
    /// Takes the `MFA_SETUP` session `id` (single use, spec 3.4) whose state step is `step` (nil:
    /// any), inside the caller's transaction: a session that is unknown, for another challenge or
    /// at another step is `Invalid session for the user.`; used or expired ones get their own texts.
    /// If the caller's transaction fails afterwards, the session stays unused (it rolls back).
    static func consumeSetupSession(
        _ id: String, step: String?, now: Double, in connection: Connection
    ) throws -> AuthSession {
        let row = try connection.query("SELECT pool_id, client_id FROM auth_sessions WHERE id = ?1", [.text(id)]).first
        guard let row, let poolId = row.text(0), let clientId = row.text(1) else { throw AuthErrors.invalidSession }
        let session = try AuthSessions.consume(id, poolId: poolId, clientId: clientId, now: now, in: connection)
        guard session.challenge == "MFA_SETUP" else { throw AuthErrors.invalidSession }
        if let step, session.state["step"]?.stringValue != step { throw AuthErrors.invalidSession }
        return session
    }

    /// The next `MFA_SETUP` session for the same pool, client and user, valid for the client's
    /// AuthSessionValidity (spec 3.4), carrying `step`.
    static func nextSetupSession(
        after session: AuthSession, step: String, environment: ServiceEnvironment, now: Double, in connection: Connection
    ) throws -> String {
        let client = try environment.requireClient(session.clientId)
        return try AuthSessions.start(
            poolId: session.poolId, clientId: session.clientId, subject: session.subject, challenge: "MFA_SETUP",
            state: ["step": .string(step)], now: now, validityMinutes: client.authSessionValidityMinutes, in: connection)
    }

    /// The session's user, re-read and re-checked inside the caller's transaction (`AuthSessions.user`).
    static func user(of session: AuthSession, pool: UserPool, in connection: Connection) throws -> User {
        try AuthSessions.user(of: session, pool: pool, name: nil, in: connection)
    }

    /// TOTP needs to be enabled in the pool to associate or verify a token (spec 4.1, DG-TOTP).
    static func requirePoolTotp(_ pool: UserPool) throws {
        guard pool.factors.softwareToken == true else { throw UserMfaErrors.softwareTokenMfaNotEnabled }
    }
}
