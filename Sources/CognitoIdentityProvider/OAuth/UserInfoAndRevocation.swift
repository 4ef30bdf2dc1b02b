import AWSJSONProtocol
import CryptoPrimitives

/// `GET|POST /oauth2/userInfo` and `POST /oauth2/revoke`.
extension AuthorizationServer {
    /// What `/oauth2/userInfo` answers for a bearer access token: the user's attributes the client
    /// may read, values as strings, with `sub` and `username` [D: DG userInfo endpoint sample
    /// response]. The token must be valid, unrevoked and carry `openid`.
    public func userInfo(bearer: String?) -> Result<JSONValue, OAuthError> {
        guard let bearer, !bearer.isEmpty else { return .failure(OAuthError.invalidRequest) }
        let now = environment.clock.now()
        guard let verified = try? environment.accessTokens.verify(bearer, now: now) else {
            return .failure(OAuthError("invalid_token", status: 401))
        }
        // [I] a token without openid: RFC 6750 §3.1's insufficient_scope (AWS's answer not captured).
        guard verified.scopes.contains("openid") else { return .failure(OAuthError("insufficient_scope", status: 403)) }
        let client = (try? environment.clients.find(verified.clientId)) ?? nil
        guard let user = try? environment.database.read({ try UserStore.find(poolId: verified.poolId, sub: verified.sub, in: $0) }),
            user.enabled
        else { return .failure(OAuthError("invalid_token", status: 401)) }
        var body: [String: JSONValue] = [:]
        for attribute in user.attributes where client?.canRead(attribute.name) ?? true {
            body[attribute.name] = .string(attribute.value)
        }
        body["sub"] = .string(user.sub)
        body["username"] = .string(user.username)
        return .success(.object(body))
    }

    /// Revokes a refresh token and the tokens of its sign-in (RFC 7009; [D: DG revoke endpoint]):
    /// 200 with an empty body, also for a token already revoked or unknown (RFC 7009 §2.2).
    public func revoke(site: DomainSite, form: [String: String], authorization: String?) -> Result<Void, OAuthError> {
        do {
            let client = try authenticate(site: site, form: form, authorization: authorization)
            guard let token = form["token"], !token.isEmpty else { throw OAuthError.invalidRequest }
            // A JWT (three dot-separated parts) is an access or ID token, not a refresh token.
            if token.split(separator: ".", omittingEmptySubsequences: false).count == 3 { throw OAuthError.unsupportedTokenType }
            guard client.enableTokenRevocation else { throw OAuthError.unauthorizedClient }  // [I]
            let now = environment.clock.now()
            try environment.database.write { connection in
                let hash = TokenIssuer.hash(token)
                guard let stored = try RefreshTokenStore.find(hash: hash, in: connection) else { return }
                // Another client's token: invalid_request [I: RevokeToken's "not issued to this client" as an OAuth code].
                guard stored.clientId == client.clientId else { throw OAuthError.invalidRequest }
                try RefreshTokenStore.revoke(hash: hash, at: now, in: connection)
            }
            return .success(())
        } catch let error as OAuthError {
            return .failure(error)
        } catch {
            return .failure(OAuthError.invalidRequest)
        }
    }
}
