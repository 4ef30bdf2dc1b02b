import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// The pool a domain serves, as the web layer needs it.
public struct DomainSite: Sendable, Equatable {
    public let domain: String
    public let poolId: String
    public let poolName: String
    public let isCustom: Bool
}

/// An app client's OAuth 2.0 settings (CreateUserPoolClient's `AllowedOAuth*`, `CallbackURLs`, ...).
public struct OAuthClient: Sendable, Equatable {
    public let clientId: String
    public let poolId: String
    public let hasSecret: Bool
    /// `AllowedOAuthFlowsUserPoolClient`: the client may use the domain's OAuth endpoints at all.
    public let oauthEnabled: Bool
    public let flows: [String]
    public let scopes: [String]
    public let callbackURLs: [String]
    public let logoutURLs: [String]
    public let identityProviders: [String]

    init(_ client: AppClient) {
        func strings(_ key: String) -> [String] { client.settings[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        clientId = client.clientId
        poolId = client.poolId
        hasSecret = client.clientSecret != nil
        oauthEnabled = client.settings["AllowedOAuthFlowsUserPoolClient"]?.boolValue == true
        flows = strings("AllowedOAuthFlows")
        scopes = strings("AllowedOAuthScopes")
        callbackURLs = strings("CallbackURLs")
        logoutURLs = strings("LogoutURLs")
        identityProviders = strings("SupportedIdentityProviders")
    }
}

/// Where a managed-login sign-in stands after a step.
public enum SignInStep: Sendable {
    /// Every step passed: the value of the new login cookie.
    case signedIn(loginSession: String)
    /// The next challenge (the API's name, Session and ChallengeParameters).
    case challenge(name: String, session: String, parameters: [String: String])
    /// The step failed with the API's error (its message is what the page shows).
    case failed(AWSServiceError)
}

/// The domain's side of a pool's OAuth 2.0 authorization server and managed login. Each sign-in step
/// runs the API's own code (`SignInFlow`, `ChallengeResponder`, `MfaDecision`, `SignInLockout`, the
/// MFA set-up operations), so a page sign-in meets exactly the rules of InitiateAuth and
/// RespondToAuthChallenge; only the last step differs: a login session instead of tokens.
public struct AuthorizationServer: Sendable {
    let environment: ServiceEnvironment

    /// The domain `name` (a prefix or a custom domain name) and its pool; nil when no pool has it.
    public func site(named name: String) throws -> DomainSite? {
        let found = try environment.database.read { try UserPoolDomainStore.findAnyRegion(name.lowercased(), in: $0) }
        guard let found, let pool = try? environment.pools.require(found.poolId) else { return nil }
        return DomainSite(domain: found.domain, poolId: pool.id, poolName: pool.name, isCustom: found.isCustom)
    }

    /// The app client `clientId` of the site's pool; nil for an unknown client or another pool's.
    public func client(_ clientId: String, of site: DomainSite) -> OAuthClient? {
        guard let client = try? environment.clients.find(clientId), client.poolId == site.poolId else { return nil }
        return OAuthClient(client)
    }

    /// The login session behind a cookie, if it is still good: same pool, unexpired, and its user
    /// still there, enabled, with the credentials it signed in with.
    public func loginSession(_ cookie: String, site: DomainSite) throws -> LoginSession? {
        let now = environment.clock.now()
        return try environment.database.read { connection in
            guard let session = try OAuthStore.loginSession(cookie, now: now, in: connection), session.poolId == site.poolId,
                let user = try UserStore.find(poolId: site.poolId, sub: session.sub, in: connection),
                user.enabled, user.credentialStamp == session.credentialStamp
            else { return nil }
            return session
        }
    }

    public func endLoginSession(_ cookie: String) throws {
        try environment.database.write { try OAuthStore.endLoginSession(cookie, in: $0) }
    }

    /// The password step: InitiateAuth's USER_PASSWORD_AUTH checks (lockout included), whatever the
    /// client's ExplicitAuthFlows (managed login does not use them).
    public func signIn(site: DomainSite, clientId: String, username: String, password: String, host: String?) -> SignInStep {
        step(site: site, clientId: clientId, host: host) { flow, client in
            var parameters: [String: JSONValue] = ["USERNAME": .string(username), "PASSWORD": .string(password)]
            if let hash = Self.secretHash(username, client) { parameters["SECRET_HASH"] = .string(hash) }
            return try flow.passwordSignIn(parameters)
        }
    }

    /// Answers a challenge as RespondToAuthChallenge does (`responses` without USERNAME or SECRET_HASH).
    public func answer(
        site: DomainSite, clientId: String, challenge: String, session: String, username: String,
        responses: [String: String], host: String?
    ) -> SignInStep {
        step(site: site, clientId: clientId, host: host) { flow, client in
            var answers = responses.mapValues { JSONValue.string($0) }
            answers["USERNAME"] = .string(username)
            if let hash = Self.secretHash(username, client) { answers["SECRET_HASH"] = .string(hash) }
            return try ChallengeResponder(signIn: flow).respond(challengeName: challenge, session: session, responses: answers)
        }
    }

    /// MFA_SETUP for TOTP, step 1: AssociateSoftwareToken with the challenge session.
    public func associateSoftwareToken(session: String) -> Result<(secret: String, session: String), AWSServiceError> {
        operation { try AssociateSoftwareToken.handle(["Session": .string(session)], $0, environment) }.map {
            ($0["SecretCode"]?.stringValue ?? "", $0["Session"]?.stringValue ?? "")
        }
    }

    /// MFA_SETUP for TOTP, step 2: VerifySoftwareToken with Associate's session; the next session
    /// answers MFA_SETUP.
    public func verifySoftwareToken(session: String, code: String) -> Result<String, AWSServiceError> {
        operation {
            try VerifySoftwareToken.handle(["Session": .string(session), "UserCode": .string(code)], $0, environment)
        }.map { $0["Session"]?.stringValue ?? "" }
    }

    private func operation(_ body: (RequestContext) throws -> JSONValue) -> Result<JSONValue, AWSServiceError> {
        do {
            return .success(try body(RequestContext(requestId: RequestID.make(), region: "", host: nil)))
        } catch let error as AWSServiceError {
            return .failure(error)
        } catch {
            return .failure(.internalError())
        }
    }

    private func step(
        site: DomainSite, clientId: String, host: String?, _ body: (SignInFlow, AppClient) throws -> JSONValue
    ) -> SignInStep {
        do {
            let client = try environment.requireClient(clientId, inPool: site.poolId)
            let pool = try environment.pools.require(site.poolId)
            let flow = SignInFlow(environment: environment, pool: pool, client: client, host: host, completion: .loginSession)
            let output = try body(flow, client)
            if let id = output["LoginSession"]?.stringValue { return .signedIn(loginSession: id) }
            let parameters = output["ChallengeParameters"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
            return .challenge(
                name: output["ChallengeName"]?.stringValue ?? "", session: output["Session"]?.stringValue ?? "",
                parameters: parameters)
        } catch let error as AWSServiceError {
            return .failed(error)
        } catch {
            return .failed(.internalError())
        }
    }

    private static func secretHash(_ username: String, _ client: AppClient) -> String? {
        client.clientSecret.map { SecretHash.expectedHash(username: username, clientId: client.clientId, clientSecret: $0) }
    }
}

extension CognitoService {
    /// The OAuth 2.0 authorization server and managed login of the pools' domains.
    public var authorizationServer: AuthorizationServer { AuthorizationServer(environment: environment) }
}
