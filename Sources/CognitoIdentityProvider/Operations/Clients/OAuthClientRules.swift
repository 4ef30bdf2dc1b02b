import AWSJSONProtocol
import FoundationEssentials
import Glibc

/// The OAuth 2.0 settings of an app client, checked against the pool (its resource servers and
/// identity providers) as Create/UpdateUserPoolClient do. Checked in this order ([I]: AWS's order
/// among these checks is not documented): flows, scopes, callback and sign-out URLs, default
/// redirect, identity providers.
enum OAuthClientRules {
    /// [D: BOTO AllowedOAuthScopes] the scopes every pool has.
    static let standardScopes: Set<String> = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"]

    /// What the pool offers the check: scope identifiers of its resource servers and names of its providers.
    struct PoolOffer {
        var customScopes: Set<String>
        var providerNames: Set<String>
    }

    static func check(_ input: JSONValue, poolId: String, hasSecret: Bool, offer: PoolOffer) throws {
        let flows = strings(input["AllowedOAuthFlows"])
        let scopes = strings(input["AllowedOAuthScopes"])
        let callbacks = strings(input["CallbackURLs"])
        if flows.contains("client_credentials") {
            if flows.contains("code") || flows.contains("implicit") { throw CognitoErrors.clientCredentialsWithOtherFlows }
            if !hasSecret { throw CognitoErrors.clientCredentialsWithoutSecret }
            if scopes.contains(where: standardScopes.contains) { throw CognitoErrors.clientCredentialsWithStandardScope }
        }
        for scope in scopes where !standardScopes.contains(scope) && !offer.customScopes.contains(scope) {
            throw CognitoErrors.scopeDoesNotExist(scope)
        }
        if (flows.contains("code") || flows.contains("implicit")) && callbacks.isEmpty {
            throw CognitoErrors.callbackURLsRequired
        }
        for url in callbacks + strings(input["LogoutURLs"]) { try checkRedirect(url) }
        if let defaultRedirect = input["DefaultRedirectURI"]?.stringValue {
            try checkRedirect(defaultRedirect)
            if !callbacks.contains(defaultRedirect) { throw CognitoErrors.defaultRedirectNotInCallbacks }
        }
        // "COGNITO" is the pool's own directory; every other name must be a provider of the pool.
        for provider in strings(input["SupportedIdentityProviders"])
        where provider != "COGNITO" && !offer.providerNames.contains(provider) {
            throw CognitoErrors.providerDoesNotExist(provider, poolId: poolId)
        }
    }

    /// A redirect (callback or sign-out) URL: absolute, no fragment, and HTTPS unless it is plain
    /// HTTP to a loopback host (`localhost`, `127.0.0.1`, `[::1]`) [D: DG app client settings] or
    /// an app's own scheme (`myapp://callback`, allowed for mobile apps [D: BOTO CallbackURLs]).
    static func checkRedirect(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            components.fragment == nil
        else { throw CognitoErrors.invalidRedirectURL(url) }
        if scheme == "http" {
            let host = components.host?.lowercased() ?? ""
            guard ["localhost", "127.0.0.1", "::1", "[::1]"].contains(host) else { throw CognitoErrors.insecureRedirectURL(url) }
        } else if scheme == "https", (components.host ?? "").isEmpty {
            throw CognitoErrors.invalidRedirectURL(url)
        }
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        value?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}

extension ServiceEnvironment {
    /// The pool's resource-server scopes and identity provider names, for `OAuthClientRules`.
    func oauthOffer(poolId: String) throws -> OAuthClientRules.PoolOffer {
        try database.read { connection in
            let servers = try ResourceServerStore.all(poolId: poolId, in: connection)
            return OAuthClientRules.PoolOffer(
                customScopes: Set(servers.flatMap(\.scopeIdentifiers)),
                providerNames: Set(try IdentityProviderStore.names(poolId: poolId, in: connection)))
        }
    }
}
