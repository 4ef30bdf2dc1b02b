import AWSJSONProtocol

/// RevokeToken: revokes one refresh token and every token issued from the same sign-in.
enum RevokeToken {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let client = try environment.requireClient(input["ClientId"]?.stringValue ?? "")
        if let secret = client.clientSecret, input["ClientSecret"]?.stringValue != secret {
            throw AuthErrors.invalidClientSecret(client.clientId)
        }
        guard client.enableTokenRevocation else { throw AuthErrors.revocationDisabled }
        let token = input["Token"]?.stringValue ?? ""
        let now = environment.clock.now()
        try environment.database.write { connection in
            let hash = TokenIssuer.hash(token)
            guard let stored = try RefreshTokenStore.find(hash: hash, in: connection), stored.clientId == client.clientId else {
                throw AuthErrors.unrevokableToken
            }
            try RefreshTokenStore.revoke(hash: hash, at: now, in: connection)
        }
        return [:]
    }
}
