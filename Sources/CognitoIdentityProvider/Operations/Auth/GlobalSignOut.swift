import AWSJSONProtocol

/// GlobalSignOut: revokes every refresh token of the access token's user, and with them every
/// access and ID token issued from those sign-ins.
enum GlobalSignOut {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let now = environment.clock.now()
        let caller = try environment.accessTokens.verifyForUserOperations(input["AccessToken"]?.stringValue ?? "", now: now)
        try environment.database.write { connection in
            try RefreshTokenStore.revokeAll(poolId: caller.poolId, username: caller.username, at: now, in: connection)
        }
        return [:]
    }
}
