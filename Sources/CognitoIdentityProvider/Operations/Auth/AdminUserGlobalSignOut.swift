import AWSJSONProtocol

/// AdminUserGlobalSignOut: GlobalSignOut for a named user of a pool.
enum AdminUserGlobalSignOut {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let now = environment.clock.now()
        try environment.database.write { connection in
            guard let user = try UserStore.findForSignIn(pool: pool, name: name, in: connection) else { throw CognitoErrors.userNotFound }
            try RefreshTokenStore.revokeAll(poolId: pool.id, username: user.username, at: now, in: connection)
        }
        return [:]
    }
}
