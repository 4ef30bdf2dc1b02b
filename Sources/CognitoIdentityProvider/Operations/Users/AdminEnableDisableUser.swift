import AWSJSONProtocol

/// AdminDisableUser: the user can no longer sign in (`NotAuthorizedException: User is disabled.`),
/// and every token issued so far is revoked [D: BOTO AdminDisableUser "revokes all access tokens
/// for the user"], so their access tokens answer `Access Token has been revoked`.
enum AdminDisableUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        try AdminEnableUser.setEnabled(false, input, environment)
        return [:]
    }
}

/// AdminEnableUser: lifts AdminDisableUser.
enum AdminEnableUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        try setEnabled(true, input, environment)
        return [:]
    }

    static func setEnabled(_ enabled: Bool, _ input: JSONValue, _ environment: ServiceEnvironment) throws {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        try environment.database.write { connection in
            var user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            guard user.enabled != enabled else { return }
            let now = environment.clock.now()
            user.enabled = enabled
            user.lastModifiedDate = now
            try UserStore.save(user, pool: pool, in: connection)
            if !enabled { try RefreshTokenStore.revokeAll(poolId: pool.id, username: user.username, at: now, in: connection) }
        }
    }
}
