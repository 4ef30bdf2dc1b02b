import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// A challenge session as stored: bound to one pool, client and user, for one challenge.
struct AuthSession: Sendable {
    let id: String
    let poolId: String
    let clientId: String
    let username: String
    let challenge: String
    /// What the next step needs (for example the code sent for an SMS challenge).
    let state: JSONValue
    let expiresAt: Double
}

/// Challenge sessions: opaque, single use, and valid for the client's AuthSessionValidity
/// (spec 3.4). The three rejections carry AWS's texts exactly.
enum AuthSessions {
    /// Starts a session for `challenge`; runs in the caller's write transaction.
    static func start(
        poolId: String, clientId: String, username: String, challenge: String, state: JSONValue = [:],
        now: Double, validityMinutes: Int, in connection: Connection
    ) throws -> String {
        // Real sessions are several hundred characters starting with "AYABe" (spec 3.4).
        let id = "AYABe" + Base64URL.encode(SecureRandom.bytes(192))
        // Sessions expired for a day are of no use even for the "expired" message: drop them.
        try connection.execute("DELETE FROM auth_sessions WHERE expires_at < ?1", [.real(now - 86_400)])
        try connection.execute(
            """
            INSERT INTO auth_sessions (id, pool_id, client_id, username, challenge, state, created_at, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """,
            [
                .text(id), .text(poolId), .text(clientId), .text(username), .text(challenge),
                .text(JSONText.string(state)), .real(now), .real(now + Double(validityMinutes * 60)),
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
            "SELECT pool_id, client_id, username, challenge, state, expires_at, used_at FROM auth_sessions WHERE id = ?1",
            [.text(id)]
        ).first
        guard let row, row.text(0) == poolId, row.text(1) == clientId else { throw AuthErrors.invalidSession }
        guard row[6] == .null else { throw AuthErrors.sessionUsed }
        let expiresAt = row.real(5) ?? 0
        guard now < expiresAt else { throw AuthErrors.sessionExpired }
        return AuthSession(
            id: id, poolId: poolId, clientId: clientId, username: row.text(2) ?? "", challenge: row.text(3) ?? "",
            state: JSONText.value(row.text(4)), expiresAt: expiresAt)
    }

    static func markUsed(_ id: String, now: Double, in connection: Connection) throws {
        try connection.execute("UPDATE auth_sessions SET used_at = ?2 WHERE id = ?1", [.text(id), .real(now)])
    }
}
