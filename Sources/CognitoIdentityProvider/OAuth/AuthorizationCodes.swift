import AWSJSONProtocol
import FoundationEssentials
import Glibc

/// What an accepted authorization request asks for, checked by the web layer against the client.
public struct AuthorizationGrant: Sendable {
    public let clientId: String
    public let redirectURI: String
    public let scopes: [String]
    public let nonce: String?
    public let codeChallenge: String?
    public let codeChallengeMethod: String?

    public init(
        clientId: String, redirectURI: String, scopes: [String], nonce: String?, codeChallenge: String?, codeChallengeMethod: String?
    ) {
        self.clientId = clientId
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.codeChallengeMethod = codeChallengeMethod
    }
}

/// The tokens of an implicit grant (`response_type=token`), put in the redirect's fragment.
public struct ImplicitTokens: Sendable {
    public let accessToken: String
    public let idToken: String?
    public let expiresIn: Int
}

extension AuthorizationServer {
    /// Authorization codes live five minutes [D: DG token endpoint, "authorization codes ... valid for five minutes"].
    static let codeLifetime: Double = 300

    /// A single-use authorization code for the signed-in user of `session`.
    public func issueCode(for grant: AuthorizationGrant, session: LoginSession) throws -> String {
        // Shaped like Cognito's codes, a lower-case UUID [R: `code=` values in public redirect URLs].
        let code = UUID().uuidString.lowercased()
        let now = environment.clock.now()
        let stored = StoredAuthorizationCode(
            poolId: session.poolId, clientId: grant.clientId, sub: session.sub, credentialStamp: session.credentialStamp,
            redirectURI: grant.redirectURI, grant: OAuthGrant(scopes: grant.scopes, nonce: grant.nonce),
            codeChallenge: grant.codeChallenge, codeChallengeMethod: grant.codeChallengeMethod, authTime: session.authTime,
            expiresAt: now + Self.codeLifetime, used: false)
        try environment.database.write { try OAuthStore.insertCode(code, stored, in: $0) }
        return code
    }

    /// The ID and access tokens of an implicit grant (no refresh token [D: DG authorize endpoint]).
    public func implicitTokens(for grant: AuthorizationGrant, session: LoginSession, host: String?) throws -> ImplicitTokens {
        let (user, client, pool) = try signedInUser(poolId: session.poolId, clientId: grant.clientId, sub: session.sub,
                                                    credentialStamp: session.credentialStamp)
        let oauth = OAuthGrant(scopes: grant.scopes, nonce: grant.nonce)
        let tokens = try environment.tokens.signIn(
            user: user, client: client, pool: pool, host: host, now: environment.clock.now(), grant: oauth, authTime: session.authTime)
        return ImplicitTokens(accessToken: tokens.accessToken, idToken: oauth.includesIdToken ? tokens.idToken : nil, expiresIn: tokens.expiresIn)
    }

    /// The user a code or login session names, re-read now: still there, enabled, same credentials.
    func signedInUser(poolId: String, clientId: String, sub: String, credentialStamp: String) throws -> (User, AppClient, UserPool) {
        guard let client = try environment.clients.find(clientId), client.poolId == poolId,
            let pool = try? environment.pools.require(poolId),
            let user = try environment.database.read({ try UserStore.find(poolId: poolId, sub: sub, in: $0) }),
            user.enabled, user.credentialStamp == credentialStamp
        else { throw OAuthError.invalidGrant }
        return (user, client, pool)
    }
}
