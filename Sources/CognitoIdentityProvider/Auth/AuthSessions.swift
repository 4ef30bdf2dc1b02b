import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// The user a challenge session is issued to: the name it was started with, the user's `sub`, and the
/// credentials in force then (`User.credentialStamp`).
struct SessionSubject: Sendable, Equatable {
    let username: String
    let sub: String
    let credentialStamp: String

    init(_ user: User) {
        username = user.username
        sub = user.sub
        credentialStamp = user.credentialStamp
    }

    init(username: String, sub: String, credentialStamp: String) {
        self.username = username
        self.sub = sub
        self.credentialStamp = credentialStamp
    }
}

/// A challenge session as stored: bound to one pool, client and user, for one challenge.
struct AuthSession: Sendable {
    let id: String
    let poolId: String
    let clientId: String
    let subject: SessionSubject
    let challenge: String
    /// What the next step needs (for example the code sent for an SMS challenge).
    let state: JSONValue
    let expiresAt: Double

    var username: String { subject.username }
}

/// Challenge sessions: opaque, single use, and valid for the client's AuthSessionValidity
/// (spec 3.4). The three rejections carry AWS's texts exactly.
///
/// A session belongs to one user, not to a name: every step that continues it re-reads the user
/// (`user(of:pool:name:in:)`), so a user deleted and re-created under the same name, given a new
/// or reset password, or disabled, cannot be signed in with a session taken before.
enum AuthSessions {
    /// Starts a session for `challenge`; runs in the caller's write transaction.
    static func start(
        poolId: String, clientId: String, subject: SessionSubject, challenge: String, state: JSONValue = [:],
        now: Double, validityMinutes: Int, in connection: Connection
    ) throws -> String {
        // Real sessions are several hundred characters starting with "AYABe" (spec 3.4).
        let id = "AYABe" + Base64URL.encode(SecureRandom.bytes(192))
        // Sessions expired for a day are of no use even for the "expired" message: drop them.
        try connection.execute("DELETE FROM auth_sessions WHERE expires_at < ?1", [.real(now - 86_400)])
        try connection.execute(
            """
            INSERT INTO auth_sessions (id, pool_id, client_id, username, sub, credential_stamp, challenge, state,
                                       created_at, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """,
            [
                .text(id), .text(poolId), .text(clientId), .text(subject.username), .text(subject.sub),
                .text(subject.credentialStamp), .text(challenge), .text(JSONText.string(state)), .real(now),
                .real(now + Double(validityMinutes * 60)),
            ])
        return id
    }

    /// Takes the session for `clientId`'s answer, marking it used; throws AWS's error when it is
    /// unknown, belongs to another client or pool, was used already, or has expired.
    static func consume(_ id: String, poolId: String, clientId: String, now: Double, in connection: Connection) throws -> AuthSession {
        let session = try check(id, poolId: poolId, clientId: clientId, now: now, in: connection)
        try markUsed(id, now: now, in: connection)
        return session
    }

    /// The session if `clientId` may answer it now, without using it up (for answers that may be
    /// retried after a wrong code, spec section 9 row 11).
    static func check(_ id: String, poolId: String, clientId: String, now: Double, in connection: Connection) throws -> AuthSession {
        let row = try connection.query(
            """
            SELECT pool_id, client_id, username, challenge, state, expires_at, used_at, sub, credential_stamp
            FROM auth_sessions WHERE id = ?1
            """,
            [.text(id)]
        ).first
        // A session from before sessions were bound to a sub (schema version 6) is no longer valid.
        guard let row, row.text(0) == poolId, row.text(1) == clientId, let sub = row.text(7), let stamp = row.text(8)
        else { throw AuthErrors.invalidSession }
        guard row[6] == .null else { throw AuthErrors.sessionUsed }
        let expiresAt = row.real(5) ?? 0
        guard now < expiresAt else { throw AuthErrors.sessionExpired }
        return AuthSession(
            id: id, poolId: poolId, clientId: clientId,
            subject: SessionSubject(username: row.text(2) ?? "", sub: sub, credentialStamp: stamp),
            challenge: row.text(3) ?? "", state: JSONText.value(row.text(4)), expiresAt: expiresAt)
    }

    static func markUsed(_ id: String, now: Double, in connection: Connection) throws {
        try connection.execute("UPDATE auth_sessions SET used_at = ?2 WHERE id = ?1", [.text(id), .real(now)])
    }

    /// The user `session` may still sign in, re-read inside the caller's transaction: the same user
    /// (by sub, so not a namesake created after a deletion), with the same credentials (no password
    /// set or reset since), answering to `name` when one was sent (the typed name, an alias, or the
    /// sub). Anything else ends the session: `Invalid session for the user.`; a disabled user gets
    /// `User is disabled.` as at the password step.
    static func user(of session: AuthSession, pool: UserPool, name: String?, in connection: Connection) throws -> User {
        guard let user = try UserStore.find(poolId: pool.id, sub: session.subject.sub, in: connection),
            user.credentialStamp == session.subject.credentialStamp, user.status != .resetRequired
        else { throw AuthErrors.invalidSession }
        if let name, try UserStore.findForSignIn(pool: pool, name: name, in: connection)?.sub != user.sub {
            throw AuthErrors.invalidSession
        }
        guard user.enabled else { throw CognitoErrors.userDisabled }
        return user
    }
}
