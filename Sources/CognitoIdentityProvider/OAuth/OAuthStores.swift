import CryptoPrimitives
import SQLiteStore

/// A managed-login session: the browser's login cookie, bound to the user's `sub` and credentials
/// (a new password or a deleted user ends it, as it ends challenge sessions).
public struct LoginSession: Sendable, Equatable {
    public let poolId: String
    public let sub: String
    public let credentialStamp: String
    public let authTime: Int64

    /// One hour [D: DG managed login, "the session cookie ... is valid for one hour"].
    static let lifetime: Double = 3600
}

/// An authorization code as stored (migration 16): single use, short-lived, bound to the client,
/// redirect URI, scopes, nonce and PKCE challenge of its authorization request.
struct StoredAuthorizationCode: Sendable {
    let poolId: String
    let clientId: String
    let sub: String
    let credentialStamp: String
    let redirectURI: String
    let grant: OAuthGrant
    let codeChallenge: String?
    let codeChallengeMethod: String?
    let authTime: Int64
    let expiresAt: Double
    let used: Bool
}

/// SQL for login sessions and authorization codes; only hashes of the secrets are stored.
enum OAuthStore {
    static func hash(_ secret: String) -> String { TokenIssuer.hash(secret) }

    static func startLoginSession(_ session: LoginSession, expiresAt: Double, in connection: Connection) throws -> String {
        let id = Base64URL.encode(SecureRandom.bytes(32))
        try connection.execute("DELETE FROM login_sessions WHERE expires_at < ?1", [.real(expiresAt - 2 * 86_400)])
        try connection.execute(
            "INSERT INTO login_sessions (id_hash, pool_id, sub, credential_stamp, auth_time, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            [
                .text(hash(id)), .text(session.poolId), .text(session.sub), .text(session.credentialStamp),
                .integer(session.authTime), .real(expiresAt),
            ])
        return id
    }

    static func loginSession(_ id: String, now: Double, in connection: Connection) throws -> LoginSession? {
        try connection.query(
            "SELECT pool_id, sub, credential_stamp, auth_time FROM login_sessions WHERE id_hash = ?1 AND expires_at > ?2",
            [.text(hash(id)), .real(now)]
        ).first.map { LoginSession(poolId: $0.text(0) ?? "", sub: $0.text(1) ?? "", credentialStamp: $0.text(2) ?? "", authTime: $0.integer(3) ?? 0) }
    }

    static func endLoginSession(_ id: String, in connection: Connection) throws {
        try connection.execute("DELETE FROM login_sessions WHERE id_hash = ?1", [.text(hash(id))])
    }

    static func insertCode(_ code: String, _ stored: StoredAuthorizationCode, in connection: Connection) throws {
        try connection.execute("DELETE FROM authorization_codes WHERE expires_at < ?1", [.real(stored.expiresAt - 86_400)])
        try connection.execute(
            """
            INSERT INTO authorization_codes (code_hash, pool_id, client_id, sub, credential_stamp, redirect_uri, scopes, nonce,
                                             code_challenge, code_challenge_method, auth_time, expires_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            """,
            [
                .text(hash(code)), .text(stored.poolId), .text(stored.clientId), .text(stored.sub), .text(stored.credentialStamp),
                .text(stored.redirectURI), .text(stored.grant.scopeText), stored.grant.nonce.map { .text($0) } ?? .null,
                stored.codeChallenge.map { .text($0) } ?? .null, stored.codeChallengeMethod.map { .text($0) } ?? .null,
                .integer(stored.authTime), .real(stored.expiresAt),
            ])
    }

    /// The code's row, marked used in the same transaction (a second exchange finds it used).
    static func takeCode(_ code: String, now: Double, in connection: Connection) throws -> StoredAuthorizationCode? {
        guard let row = try connection.query(
            """
            SELECT pool_id, client_id, sub, credential_stamp, redirect_uri, scopes, nonce, code_challenge, code_challenge_method,
                   auth_time, expires_at, used_at IS NOT NULL
            FROM authorization_codes WHERE code_hash = ?1
            """, [.text(hash(code))]
        ).first else { return nil }
        try connection.execute("UPDATE authorization_codes SET used_at = ?2 WHERE code_hash = ?1", [.text(hash(code)), .real(now)])
        return StoredAuthorizationCode(
            poolId: row.text(0) ?? "", clientId: row.text(1) ?? "", sub: row.text(2) ?? "", credentialStamp: row.text(3) ?? "",
            redirectURI: row.text(4) ?? "", grant: OAuthGrant(scopes: OAuthGrant.split(row.text(5) ?? ""), nonce: row.text(6)),
            codeChallenge: row.text(7), codeChallengeMethod: row.text(8), authTime: row.integer(9) ?? 0,
            expiresAt: row.real(10) ?? 0, used: row.integer(11) == 1)
    }
}
