import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import Glibc

/// `POST /oauth2/token` [D: DG token endpoint]: the authorization_code (with PKCE, RFC 7636),
/// refresh_token and client_credentials grants. Client authentication is `client_secret_basic` or
/// `client_secret_post`; a public client names itself with `client_id`.
extension AuthorizationServer {
    public func token(site: DomainSite, form: [String: String], authorization: String?, host: String?) -> Result<JSONValue, OAuthError> {
        do {
            guard let grantType = form["grant_type"], !grantType.isEmpty else { throw OAuthError.invalidRequest }
            guard ["authorization_code", "refresh_token", "client_credentials"].contains(grantType) else {
                throw OAuthError.unsupportedGrantType
            }
            let client = try authenticate(site: site, form: form, authorization: authorization)
            let settings = OAuthClient(client)
            switch grantType {
            case "authorization_code":
                guard settings.oauthEnabled, settings.flows.contains("code") else { throw OAuthError.unauthorizedClient }
                return .success(try exchangeCode(form, client: client, host: host))
            case "refresh_token":
                return .success(try refresh(form, client: client, host: host))
            default:
                guard settings.oauthEnabled, settings.flows.contains("client_credentials") else { throw OAuthError.unauthorizedClient }
                guard client.clientSecret != nil else { throw OAuthError.invalidClient }
                return .success(try clientCredentials(form, client: client, allowed: settings.scopes, host: host))
            }
        } catch let error as OAuthError {
            return .failure(error)
        } catch {
            return .failure(OAuthError.invalidRequest)
        }
    }

    /// The client from the Basic header or the body; its secret checked when it has one.
    func authenticate(site: DomainSite, form: [String: String], authorization: String?) throws -> AppClient {
        var clientId = form["client_id"]
        var secret = form["client_secret"]
        if let authorization, authorization.lowercased().hasPrefix("basic ") {
            // RFC 6749 §2.3.1: id and secret are form-urlencoded before Base64.
            guard let data = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingWhitespaces()),
                let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
            else { throw OAuthError.invalidClient }
            let decode = { (part: Substring) in percentDecoded(String(part)) ?? String(part) }
            let basicId = decode(text[..<colon])
            if let clientId, clientId != basicId { throw OAuthError.invalidClient }
            clientId = basicId
            secret = decode(text[text.index(after: colon)...])
        }
        guard let clientId, !clientId.isEmpty else { throw OAuthError.invalidRequest }
        guard let client = try environment.clients.find(clientId), client.poolId == site.poolId else { throw OAuthError.invalidClient }
        if let expected = client.clientSecret {
            guard let secret, Digest.constantTimeEquals(Array(secret.utf8), Array(expected.utf8)) else { throw OAuthError.invalidClient }
        }
        return client
    }

    private func exchangeCode(_ form: [String: String], client: AppClient, host: String?) throws -> JSONValue {
        guard let code = form["code"], !code.isEmpty, let redirectURI = form["redirect_uri"] else { throw OAuthError.invalidRequest }
        let now = environment.clock.now()
        let stored = try environment.database.write { try OAuthStore.takeCode(code, now: now, in: $0) }
        guard let stored, !stored.used, now < stored.expiresAt, stored.clientId == client.clientId else { throw OAuthError.invalidGrant }
        // A redirect_uri other than the authorization request's: unauthorized_client, as Cognito
        // answers it [M: stackoverflow 50264679, a missing trailing slash gave unauthorized_client].
        guard stored.redirectURI == redirectURI else { throw OAuthError.unauthorizedClient }
        if let challenge = stored.codeChallenge {
            guard let verifier = form["code_verifier"], Self.pkceMatches(verifier: verifier, challenge: challenge,
                                                                          method: stored.codeChallengeMethod ?? "plain")
            else { throw OAuthError.invalidGrant }
        }
        let (user, _, pool) = try signedInUser(poolId: stored.poolId, clientId: client.clientId, sub: stored.sub,
                                               credentialStamp: stored.credentialStamp)
        let tokens = try environment.tokens.signIn(
            user: user, client: client, pool: pool, host: host, now: now, grant: stored.grant, authTime: stored.authTime)
        return Self.response(tokens, grant: stored.grant)
    }

    /// RFC 7636 §4.6: S256 is BASE64URL(SHA256(verifier)); plain compares the verifier itself.
    /// The verifier is 43–128 characters of [A-Za-z0-9-._~] (§4.1).
    static func pkceMatches(verifier: String, challenge: String, method: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        guard (43...128).contains(verifier.count), verifier.allSatisfy(allowed.contains) else { return false }
        let derived = method == "S256" ? Base64URL.encode(Digest.sha256(Array(verifier.utf8))) : verifier
        return Digest.constantTimeEquals(Array(derived.utf8), Array(challenge.utf8))
    }

    private func refresh(_ form: [String: String], client: AppClient, host: String?) throws -> JSONValue {
        guard let token = form["refresh_token"], !token.isEmpty else { throw OAuthError.invalidRequest }
        let now = environment.clock.now()
        let stored = try environment.database.read { try RefreshTokenStore.find(hash: TokenIssuer.hash(token), in: $0) }
        guard let stored, stored.clientId == client.clientId, !stored.revoked, now < stored.expiresAt,
            let pool = try? environment.pools.require(stored.poolId),
            let user = try environment.database.read({ try UserStore.find(pool: pool, username: stored.username, in: $0) }),
            user.enabled
        else { throw OAuthError.invalidGrant }
        let tokens = try environment.tokens.refresh(user: user, client: client, pool: pool, host: host, now: now, stored: stored)
        // An API sign-in's refresh token gives what the API gives: an ID token and the admin scope.
        let grant = stored.scopes.map { OAuthGrant(scopes: OAuthGrant.split($0), nonce: nil) } ?? OAuthGrant(scopes: ["openid"], nonce: nil)
        return Self.response(tokens, grant: grant)
    }

    /// Only the client's custom (resource-server) scopes; none asked means all of them [D: DG token
    /// endpoint `scope`]; one it does not have is `invalid_scope` (RFC 6749 §5.2) [I: AWS's answer].
    private func clientCredentials(_ form: [String: String], client: AppClient, allowed: [String], host: String?) throws -> JSONValue {
        let custom = allowed.filter { !OAuthClientRules.standardScopes.contains($0) }
        let requested = form["scope"].map(OAuthGrant.split) ?? []
        guard requested.allSatisfy(custom.contains) else { throw OAuthError.invalidScope }
        let scopes = requested.isEmpty ? custom : requested
        guard !scopes.isEmpty else { throw OAuthError.invalidScope }
        let issued = try environment.tokens.clientCredentials(client: client, scopes: scopes, host: host, now: environment.clock.now())
        return ["access_token": .string(issued.token), "expires_in": .int(Int64(issued.expiresIn)), "token_type": "Bearer"]
    }

    static func response(_ tokens: IssuedTokens, grant: OAuthGrant) -> JSONValue {
        var body: [String: JSONValue] = [
            "access_token": .string(tokens.accessToken), "expires_in": .int(Int64(tokens.expiresIn)), "token_type": "Bearer",
        ]
        if grant.includesIdToken { body["id_token"] = .string(tokens.idToken) }
        if let refresh = tokens.refreshToken { body["refresh_token"] = .string(refresh) }
        return .object(body)
    }
}
