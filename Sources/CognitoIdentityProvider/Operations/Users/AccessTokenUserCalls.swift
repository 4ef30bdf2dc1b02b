import AWSJSONProtocol
import SQLiteStore

/// The start the access-token operations on the caller's own user share: the token (verified by
/// `AccessTokenVerifier`, with its texts), the pool, the app client that issued it and the user.
struct AccessTokenUserCall {
    let token: VerifiedAccessToken
    let pool: UserPool
    let client: AppClient?

    init(_ input: JSONValue, _ environment: ServiceEnvironment) throws {
        token = try environment.accessTokens.verifyForUserOperations(input["AccessToken"]?.stringValue ?? "", now: environment.clock.now())
        pool = try environment.pools.require(token.poolId)
        client = try environment.clients.find(token.clientId)
    }

    /// The token's user: `UserNotFoundException: User does not exist.` once deleted,
    /// `NotAuthorizedException: User is disabled.` while disabled [I: the texts of the admin and
    /// sign-in paths].
    func user(in connection: Connection) throws -> User {
        guard let user = try UserStore.find(poolId: pool.id, sub: token.sub, in: connection) else {
            throw CognitoErrors.userNotFound
        }
        guard user.enabled else { throw CognitoErrors.userDisabled }
        return user
    }

    /// The attributes this client may read (`ReadAttributes`, all when unset; `sub` always).
    func readable(_ user: User) -> Set<String>? {
        guard let readable = client?.readAttributes else { return nil }
        return Set(readable + ["sub"])
    }
}
