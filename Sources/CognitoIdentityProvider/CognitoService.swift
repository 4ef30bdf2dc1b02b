import AWSJSONProtocol
import SQLiteStore
import Synchronization

/// The Cognito user pools service: its operations, bound to one database and one clock.
public final class CognitoService: Sendable {
    public static let targetPrefix = "AWSCognitoIdentityProviderService"

    public let clock: ServiceClock
    let environment: ServiceEnvironment
    /// The seed files loaded at start, loaded again by `reset`.
    let seedFiles = Mutex<[SeedFile]>([])

    /// `messageLog` receives one line for every SMS or email the service "sends" (see `Outbox`);
    /// `lambda` invokes the pools' triggers (nil: no Lambda endpoint), `triggerLog` says why one failed.
    public init(
        database: Database, clock: ServiceClock, accountId: String,
        messageLog: @escaping @Sendable (String) -> Void = { _ in }, lambda: (any LambdaInvoking)? = nil,
        triggerLog: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.clock = clock
        self.environment = ServiceEnvironment(
            database: database, clock: clock, accountId: accountId, messageLog: messageLog, lambda: lambda,
            triggerLog: triggerLog)
    }

    /// The database's background WAL checkpoints so far (for `GET /_mock/stats` and the benchmark).
    public var checkpointCounts: (passive: Int, locked: Int) { environment.database.checkpointCounts }

    /// Every operation this server implements, with the model shape its input is validated against.
    public var operations: [OperationDefinition] {
        let environment = self.environment
        typealias Handler = @Sendable (JSONValue, RequestContext, ServiceEnvironment) throws -> JSONValue
        let handlers: [(String, Handler)] = [
            ("CreateUserPool", CreateUserPool.handle),
            ("DescribeUserPool", DescribeUserPool.handle),
            ("UpdateUserPool", UpdateUserPool.handle),
            ("DeleteUserPool", DeleteUserPool.handle),
            ("ListUserPools", ListUserPools.handle),
            ("SetUserPoolMfaConfig", SetUserPoolMfaConfig.handle),
            ("GetUserPoolMfaConfig", GetUserPoolMfaConfig.handle),
            ("CreateUserPoolClient", CreateUserPoolClient.handle),
            ("DescribeUserPoolClient", DescribeUserPoolClient.handle),
            ("UpdateUserPoolClient", UpdateUserPoolClient.handle),
            ("DeleteUserPoolClient", DeleteUserPoolClient.handle),
            ("ListUserPoolClients", ListUserPoolClients.handle),
            ("InitiateAuth", InitiateAuth.handle),
            ("AdminInitiateAuth", AdminInitiateAuth.handle),
            ("RespondToAuthChallenge", RespondToAuthChallenge.handle),
            ("AdminRespondToAuthChallenge", AdminRespondToAuthChallenge.handle),
            ("RevokeToken", RevokeToken.handle),
            ("GlobalSignOut", GlobalSignOut.handle),
            ("AdminUserGlobalSignOut", AdminUserGlobalSignOut.handle),
            ("AdminCreateUser", AdminCreateUser.handle),
            ("AdminGetUser", AdminGetUser.handle),
            ("AdminDeleteUser", AdminDeleteUser.handle),
            ("AdminSetUserPassword", AdminSetUserPassword.handle),
            ("AdminUpdateUserAttributes", AdminUpdateUserAttributes.handle),
            ("AdminDeleteUserAttributes", AdminDeleteUserAttributes.handle),
            ("AdminDisableUser", AdminDisableUser.handle),
            ("AdminEnableUser", AdminEnableUser.handle),
            ("AdminConfirmSignUp", AdminConfirmSignUp.handle),
            ("ListUsers", ListUsers.handle),
            ("SignUp", SignUp.handle),
            ("ConfirmSignUp", ConfirmSignUp.handle),
            ("ResendConfirmationCode", ResendConfirmationCode.handle),
            ("ForgotPassword", ForgotPassword.handle),
            ("ConfirmForgotPassword", ConfirmForgotPassword.handle),
            ("GetUser", GetUser.handle),
            ("UpdateUserAttributes", UpdateUserAttributes.handle),
            ("DeleteUser", DeleteUser.handle),
            ("ChangePassword", ChangePassword.handle),
            ("AssociateSoftwareToken", AssociateSoftwareToken.handle),
            ("VerifySoftwareToken", VerifySoftwareToken.handle),
            ("SetUserMFAPreference", SetUserMFAPreference.handle),
            ("AdminSetUserMFAPreference", AdminSetUserMFAPreference.handle),
            ("SetUserSettings", SetUserSettings.handle),
            ("AdminSetUserSettings", AdminSetUserSettings.handle),
            ("GetUserAuthFactors", GetUserAuthFactors.handle),
            ("CreateGroup", CreateGroup.handle),
            ("GetGroup", GetGroup.handle),
            ("UpdateGroup", UpdateGroup.handle),
            ("DeleteGroup", DeleteGroup.handle),
            ("ListGroups", ListGroups.handle),
            ("AdminAddUserToGroup", AdminAddUserToGroup.handle),
            ("AdminRemoveUserFromGroup", AdminRemoveUserFromGroup.handle),
            ("AdminListGroupsForUser", AdminListGroupsForUser.handle),
            ("ListUsersInGroup", ListUsersInGroup.handle),
            ("TagResource", TagResource.handle),
            ("UntagResource", UntagResource.handle),
            ("ListTagsForResource", ListTagsForResource.handle),
            ("AddCustomAttributes", AddCustomAttributes.handle),
            ("GetUserAttributeVerificationCode", GetUserAttributeVerificationCode.handle),
            ("VerifyUserAttribute", VerifyUserAttribute.handle),
            ("DeleteUserAttributes", DeleteUserAttributes.handle),
            ("AdminResetUserPassword", AdminResetUserPassword.handle),
            ("CreateUserPoolDomain", CreateUserPoolDomain.handle),
            ("DescribeUserPoolDomain", DescribeUserPoolDomain.handle),
            ("UpdateUserPoolDomain", UpdateUserPoolDomain.handle),
            ("DeleteUserPoolDomain", DeleteUserPoolDomain.handle),
            ("CreateResourceServer", CreateResourceServer.handle),
            ("DescribeResourceServer", DescribeResourceServer.handle),
            ("UpdateResourceServer", UpdateResourceServer.handle),
            ("DeleteResourceServer", DeleteResourceServer.handle),
            ("ListResourceServers", ListResourceServers.handle),
            ("CreateIdentityProvider", CreateIdentityProvider.handle),
            ("DescribeIdentityProvider", DescribeIdentityProvider.handle),
            ("UpdateIdentityProvider", UpdateIdentityProvider.handle),
            ("DeleteIdentityProvider", DeleteIdentityProvider.handle),
            ("ListIdentityProviders", ListIdentityProviders.handle),
            ("GetIdentityProviderByIdentifier", GetIdentityProviderByIdentifier.handle),
            ("ConfirmDevice", ConfirmDevice.handle),
            ("UpdateDeviceStatus", UpdateDeviceStatus.handle),
            ("GetDevice", GetDevice.handle),
            ("ListDevices", ListDevices.handle),
            ("ForgetDevice", ForgetDevice.handle),
            ("AdminGetDevice", AdminGetDevice.handle),
            ("AdminListDevices", AdminListDevices.handle),
            ("AdminForgetDevice", AdminForgetDevice.handle),
            ("AdminUpdateDeviceStatus", AdminUpdateDeviceStatus.handle),
            ("StartWebAuthnRegistration", StartWebAuthnRegistration.handle),
            ("CompleteWebAuthnRegistration", CompleteWebAuthnRegistration.handle),
            ("ListWebAuthnCredentials", ListWebAuthnCredentials.handle),
            ("DeleteWebAuthnCredential", DeleteWebAuthnCredential.handle),
        ]
        return handlers.map { name, handler in
            OperationDefinition(name: name, inputShape: "\(name)Request") { input, context in
                try handler(input, context, environment)
            }
        }
    }

    /// `/<poolId>/.well-known/jwks.json`: the pool's public signing key; nil for an unknown pool.
    public func jsonWebKeySet(poolId: String) throws -> JSONValue? {
        guard (try? environment.pools.require(poolId)) != nil else { return nil }
        let key = try environment.tokens.keys.key(for: poolId, now: clock.now())
        return ["keys": [key.jwk]]
    }

    /// `/<poolId>/.well-known/openid-configuration` for a pool reached through `host`; nil for an unknown pool.
    /// A pool with a domain also names its OAuth 2.0 endpoints, in the path form
    /// (`http://<host>/_domain/<domain>/oauth2/...`) that needs no name resolution.
    public func openIDConfiguration(poolId: String, host: String?) -> JSONValue? {
        guard (try? environment.pools.require(poolId)) != nil else { return nil }
        let issuer = TokenIssuer.issuer(poolId: poolId, host: host)
        var document: [String: JSONValue] = [
            "issuer": .string(issuer),
            "jwks_uri": .string("\(issuer)/.well-known/jwks.json"),
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "token"],
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "subject_types_supported": ["public"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        ]
        let domains = (try? environment.database.read { try UserPoolDomainStore.domains(ofPool: poolId, in: $0) }) ?? []
        if let domain = domains.first {
            let base = "http://\(host ?? "localhost:9229")/_domain/\(domain.domain)"
            document["authorization_endpoint"] = .string("\(base)/oauth2/authorize")
            document["token_endpoint"] = .string("\(base)/oauth2/token")
            document["userinfo_endpoint"] = .string("\(base)/oauth2/userInfo")
            document["revocation_endpoint"] = .string("\(base)/oauth2/revoke")
            document["end_session_endpoint"] = .string("\(base)/logout")
            document["code_challenge_methods_supported"] = ["S256", "plain"]
        }
        return .object(document)
    }
}
