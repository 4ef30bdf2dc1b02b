import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import SQLiteStore

/// The tokens of one successful sign-in or refresh, as `AuthenticationResult` carries them.
struct IssuedTokens: Sendable {
    let accessToken: String
    let idToken: String
    /// Only on sign-in; a refresh answers without a new refresh token.
    let refreshToken: String?
    let expiresIn: Int

    var authenticationResult: JSONValue {
        var result: [String: JSONValue] = [
            "AccessToken": .string(accessToken), "IdToken": .string(idToken),
            "ExpiresIn": .int(Int64(expiresIn)), "TokenType": "Bearer",
        ]
        if let refreshToken { result["RefreshToken"] = .string(refreshToken) }
        return .object(result)
    }
}

/// Issues Cognito's tokens: RS256-signed ID and access JWTs with the claims AWS puts in them, and
/// opaque refresh tokens of which only a hash is stored. Every token of one sign-in shares its
/// `origin_jti`, which is what revocation works on.
struct TokenIssuer: Sendable {
    let keys: SigningKeys
    let database: Database

    /// The issuer for a pool: `http://<Host>/<poolId>` (spec section 9), so that clients which
    /// derive it from the endpoint URL (pycognito) and clients reading the discovery document agree.
    static func issuer(poolId: String, host: String?) -> String {
        "http://\(host ?? "localhost:9229")/\(poolId)"
    }

    /// Tokens for a new sign-in, with its refresh token stored. The pool's key is fetched (or made)
    /// first and the JWTs are signed after the commit, so the writers' lock is held only for the insert.
    func signIn(user: User, client: AppClient, pool: UserPool, host: String?, now: Double) throws -> IssuedTokens {
        let key = try keys.key(for: pool.id, now: now)
        let originJti = UUID().uuidString.lowercased()
        let authTime = Int64(now)
        let refreshToken = Self.makeRefreshToken()
        try database.write { connection in
            try RefreshTokenStore.insert(
                hash: Self.hash(refreshToken), poolId: pool.id, clientId: client.clientId, username: user.username,
                originJti: originJti, authTime: authTime, issuedAt: now,
                expiresAt: now + Double(client.refreshTokenValiditySeconds), in: connection)
        }
        return try tokens(
            user: user, client: client, pool: pool, host: host, now: now, key: key, originJti: originJti,
            authTime: authTime, refreshToken: refreshToken)
    }

    /// New ID and access tokens for a stored refresh token's sign-in.
    func refresh(user: User, client: AppClient, pool: UserPool, host: String?, now: Double, stored: StoredRefreshToken) throws -> IssuedTokens {
        try tokens(
            user: user, client: client, pool: pool, host: host, now: now, key: keys.key(for: pool.id, now: now),
            originJti: stored.originJti, authTime: stored.authTime, refreshToken: nil)
    }

    private func tokens(
        user: User, client: AppClient, pool: UserPool, host: String?, now: Double, key: PoolSigningKey, originJti: String,
        authTime: Int64, refreshToken: String?
    ) throws -> IssuedTokens {
        let issuedAt = Int64(now)
        let issuer = Self.issuer(poolId: pool.id, host: host)
        let eventId = UUID().uuidString.lowercased()
        var idClaims: [String: JSONValue] = [:]
        for attribute in user.attributes where client.canRead(attribute.name) {
            idClaims[attribute.name] = Self.claimValue(name: attribute.name, value: attribute.value)
        }
        idClaims["sub"] = .string(user.sub)
        idClaims["iss"] = .string(issuer)
        idClaims["cognito:username"] = .string(user.username)
        idClaims["origin_jti"] = .string(originJti)
        idClaims["aud"] = .string(client.clientId)
        idClaims["event_id"] = .string(eventId)
        idClaims["token_use"] = "id"
        idClaims["auth_time"] = .int(authTime)
        idClaims["iat"] = .int(issuedAt)
        idClaims["exp"] = .int(issuedAt + Int64(client.idTokenValiditySeconds))
        idClaims["jti"] = .string(UUID().uuidString.lowercased())
        let accessClaims: [String: JSONValue] = [
            "sub": .string(user.sub), "iss": .string(issuer), "client_id": .string(client.clientId),
            "origin_jti": .string(originJti), "event_id": .string(eventId), "token_use": "access",
            "scope": "aws.cognito.signin.user.admin", "auth_time": .int(authTime), "iat": .int(issuedAt),
            "exp": .int(issuedAt + Int64(client.accessTokenValiditySeconds)),
            "jti": .string(UUID().uuidString.lowercased()), "username": .string(user.username),
        ]
        let header = JSONSerializer.serialize(["kid": .string(key.kid), "alg": "RS256"])
        return IssuedTokens(
            accessToken: try JSONWebSignature.signRS256(
                header: header, payload: JSONSerializer.serialize(.object(accessClaims)), key: key.privateKey),
            idToken: try JSONWebSignature.signRS256(
                header: header, payload: JSONSerializer.serialize(.object(idClaims)), key: key.privateKey),
            refreshToken: refreshToken,
            expiresIn: client.accessTokenValiditySeconds)
    }

    /// `email_verified` and `phone_number_verified` are JSON booleans in ID tokens; other attributes are strings.
    private static func claimValue(name: String, value: String) -> JSONValue {
        if name == "email_verified" || name == "phone_number_verified" { return .bool(value == "true") }
        return .string(value)
    }

    /// An opaque refresh token shaped like Cognito's (five base64url segments, the first a JWE header).
    static func makeRefreshToken() -> String {
        let header = Base64URL.encode(Array(#"{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}"#.utf8))
        let segments = [256, 12, 512, 16].map { Base64URL.encode(SecureRandom.bytes($0)) }
        return ([header] + segments).joined(separator: ".")
    }

    static func hash(_ token: String) -> String {
        Base64URL.encode(Digest.sha256(Array(token.utf8)))
    }
}
