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

    /// Tokens for a new sign-in, with its refresh token stored (and `alongside` run in the same
    /// transaction). The pool's key is fetched (or made) first and the JWTs are signed after the
    /// commit, so the writers' lock is held only for the insert.
    /// `grant`: an OAuth 2.0 sign-in's scopes and nonce (nil for the API flows); `authTime`: when
    /// the user proved who they are, if earlier than now (a managed-login session).
    func signIn(
        user: User, client: AppClient, pool: UserPool, host: String?, now: Double, deviceKey: String? = nil,
        grant: OAuthGrant? = nil, authTime: Int64? = nil, customization: TokenCustomization? = nil,
        alongside: (Connection) throws -> Void = { _ in }
    ) throws -> IssuedTokens {
        let key = try keys.key(for: pool.id, now: now)
        let originJti = UUID().uuidString.lowercased()
        let authTime = authTime ?? Int64(saturatingFloor: now)
        let refreshToken = Self.makeRefreshToken()
        try database.write { connection in
            try alongside(connection)
            try RefreshTokenStore.insert(
                hash: Self.hash(refreshToken), poolId: pool.id, clientId: client.clientId, username: user.username,
                originJti: originJti, authTime: authTime, issuedAt: now,
                expiresAt: now + Double(client.refreshTokenValiditySeconds), deviceKey: deviceKey, scopes: grant?.scopeText,
                in: connection)
        }
        return try tokens(
            user: user, client: client, pool: pool, host: host, now: now, key: key, originJti: originJti,
            authTime: authTime, refreshToken: refreshToken, deviceKey: deviceKey, grant: grant, customization: customization)
    }

    /// New ID and access tokens for a stored refresh token's sign-in, with the scopes it was granted
    /// (an OAuth sign-in's; the nonce belongs to the first ID token only, OIDC Core 12.2).
    func refresh(
        user: User, client: AppClient, pool: UserPool, host: String?, now: Double, stored: StoredRefreshToken,
        customization: TokenCustomization? = nil
    ) throws -> IssuedTokens {
        try tokens(
            user: user, client: client, pool: pool, host: host, now: now, key: keys.key(for: pool.id, now: now),
            originJti: stored.originJti, authTime: stored.authTime, refreshToken: nil, deviceKey: stored.deviceKey,
            grant: stored.scopes.map { OAuthGrant(scopes: OAuthGrant.split($0), nonce: nil) }, customization: customization)
    }

    private func tokens(
        user: User, client: AppClient, pool: UserPool, host: String?, now: Double, key: PoolSigningKey, originJti: String,
        authTime: Int64, refreshToken: String?, deviceKey: String?, grant: OAuthGrant?, customization: TokenCustomization?
    ) throws -> IssuedTokens {
        let issuedAt = Int64(saturatingFloor: now)
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
        idClaims["exp"] = .int(issuedAt.addingSaturating(client.idTokenValiditySeconds))
        idClaims["jti"] = .string(UUID().uuidString.lowercased())
        if let nonce = grant?.nonce { idClaims["nonce"] = .string(nonce) }  // OIDC Core 3.1.3.6
        var accessClaims: [String: JSONValue] = [
            "sub": .string(user.sub), "iss": .string(issuer), "client_id": .string(client.clientId),
            "origin_jti": .string(originJti), "event_id": .string(eventId), "token_use": "access",
            "scope": "aws.cognito.signin.user.admin", "auth_time": .int(authTime), "iat": .int(issuedAt),
            "exp": .int(issuedAt.addingSaturating(client.accessTokenValiditySeconds)),
            "jti": .string(UUID().uuidString.lowercased()), "username": .string(user.username),
        ]
        // The sign-in's device (developer guide, device tracking: the access token's `device_key`).
        if let deviceKey { accessClaims["device_key"] = .string(deviceKey) }
        if let grant {
            // Tokens from a domain's token endpoint carry the granted scopes and `version: 2`
            // [R: decoded managed-login access tokens in public posts].
            accessClaims["scope"] = .string(grant.scopeText)
            accessClaims["version"] = 2
        }
        try addClaims(for: user, pool: pool, customization: customization, idToken: &idClaims, accessToken: &accessClaims)
        let header = JSONSerializer.serialize(["kid": .string(key.kid), "alg": "RS256"])
        return IssuedTokens(
            accessToken: try JSONWebSignature.signRS256(
                header: header, payload: JSONSerializer.serialize(.object(accessClaims)), key: key.privateKey),
            idToken: try JSONWebSignature.signRS256(
                header: header, payload: JSONSerializer.serialize(.object(idClaims)), key: key.privateKey),
            refreshToken: refreshToken,
            expiresIn: client.accessTokenValiditySeconds)
    }

    /// The claims hook: what the user's state adds to both tokens at every sign-in and refresh, read
    /// afresh each time so that a refresh shows membership changes (the group claims, `GroupClaims`).
    /// A pre token generation function's changes come last (`TokenCustomization`), its group
    /// override replacing the user's groups.
    private func addClaims(
        for user: User, pool: UserPool, customization: TokenCustomization?, idToken: inout [String: JSONValue],
        accessToken: inout [String: JSONValue]
    ) throws {
        if let groups = customization?.groups {
            groups.add(idToken: &idToken, accessToken: &accessToken)
        } else {
            let groups = try database.read { try GroupStore.groups(ofUser: user.sub, poolId: pool.id, in: $0) }
            GroupClaims(groups).add(idToken: &idToken, accessToken: &accessToken)
        }
        customization?.apply(idToken: &idToken, accessToken: &accessToken)
    }

    /// `email_verified` and `phone_number_verified` are JSON booleans in ID tokens; other attributes are strings.
    private static func claimValue(name: String, value: String) -> JSONValue {
        if name == "email_verified" || name == "phone_number_verified" { return .bool(value == "true") }
        return .string(value)
    }

    /// An access token for a client-credentials grant: the client is the subject, no user claims
    /// [D: DG "access token" M2M example: sub and client_id are the app client id, scope, version 2].
    func clientCredentials(client: AppClient, scopes: [String], host: String?, now: Double) throws -> (token: String, expiresIn: Int) {
        let key = try keys.key(for: client.poolId, now: now)
        let issuedAt = Int64(now)
        let claims: [String: JSONValue] = [
            "sub": .string(client.clientId), "token_use": "access", "scope": .string(scopes.joined(separator: " ")),
            "auth_time": .int(issuedAt), "iss": .string(Self.issuer(poolId: client.poolId, host: host)),
            "exp": .int(issuedAt + Int64(client.accessTokenValiditySeconds)), "iat": .int(issuedAt), "version": 2,
            "jti": .string(UUID().uuidString.lowercased()), "client_id": .string(client.clientId),
        ]
        let header = JSONSerializer.serialize(["kid": .string(key.kid), "alg": "RS256"])
        let token = try JSONWebSignature.signRS256(header: header, payload: JSONSerializer.serialize(.object(claims)), key: key.privateKey)
        return (token, client.accessTokenValiditySeconds)
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
