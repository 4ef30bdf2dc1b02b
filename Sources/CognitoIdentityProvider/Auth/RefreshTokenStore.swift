import SQLiteStore

/// A stored refresh token: whose it is, when it lapses, and whether it was revoked.
struct StoredRefreshToken: Sendable {
    let poolId: String
    let clientId: String
    let username: String
    let originJti: String
    let authTime: Int64
    let expiresAt: Double
    let revoked: Bool
    /// The device the sign-in was made with or given, for the refreshed access token's `device_key`.
    let deviceKey: String?
    /// The space-separated scopes of an OAuth 2.0 sign-in; nil for an API sign-in.
    let scopes: String?
}

/// SQL for refresh tokens; every call runs in the caller's transaction.
enum RefreshTokenStore {
    static func insert(
        hash: String, poolId: String, clientId: String, username: String, originJti: String, authTime: Int64,
        issuedAt: Double, expiresAt: Double, deviceKey: String? = nil, scopes: String? = nil, in connection: Connection
    ) throws {
        try connection.execute(
            """
            INSERT INTO refresh_tokens (token_hash, pool_id, client_id, username, origin_jti, auth_time, issued_at, expires_at,
                                        device_key, scopes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """,
            [
                .text(hash), .text(poolId), .text(clientId), .text(username), .text(originJti), .integer(authTime),
                .real(issuedAt), .real(expiresAt), deviceKey.map(SQLValue.text) ?? .null, scopes.map { .text($0) } ?? .null,
            ])
    }

    static func find(hash: String, in connection: Connection) throws -> StoredRefreshToken? {
        try connection.query(
            """
            SELECT pool_id, client_id, username, origin_jti, auth_time, expires_at, revoked_at IS NOT NULL, device_key, scopes
            FROM refresh_tokens WHERE token_hash = ?1
            """, [.text(hash)]
        ).first.map { row in
            StoredRefreshToken(
                poolId: row.text(0) ?? "", clientId: row.text(1) ?? "", username: row.text(2) ?? "",
                originJti: row.text(3) ?? "", authTime: row.integer(4) ?? 0, expiresAt: row.real(5) ?? 0,
                revoked: row.integer(6) == 1, deviceKey: row.text(7), scopes: row.text(8))
        }
    }

    /// True when the sign-in `originJti` belongs to was revoked (RevokeToken or a global sign-out).
    static func isRevoked(originJti: String, in connection: Connection) throws -> Bool {
        try connection.query("SELECT revoked_at IS NOT NULL FROM refresh_tokens WHERE origin_jti = ?1", [.text(originJti)])
            .first?.integer(0) == 1
    }

    static func revoke(hash: String, at now: Double, in connection: Connection) throws {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL", [.text(hash), .real(now)])
    }

    /// Revokes every sign-in an app client issued (DeleteUserPoolClient: "users can no longer sign in
    /// to the associated application" [D: API DeleteUserPoolClient]); their access tokens then get
    /// `Access Token has been revoked` like any revoked sign-in's [I: the text].
    static func revokeAll(clientId: String, at now: Double, in connection: Connection) throws {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = ?2 WHERE client_id = ?1 AND revoked_at IS NULL",
            [.text(clientId), .real(now)])
    }

    /// Revokes every sign-in of a user (GlobalSignOut, AdminUserGlobalSignOut).
    static func revokeAll(poolId: String, username: String, at now: Double, in connection: Connection) throws {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = ?3 WHERE pool_id = ?1 AND username = ?2 AND revoked_at IS NULL",
            [.text(poolId), .text(username), .real(now)])
    }
}
