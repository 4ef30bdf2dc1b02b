import AWSJSONProtocol

/// AdminDeleteUser: removes the user, its pending codes and (through the database) anything keyed
/// to it. Its messages stay in the outbox, as sent mail stays sent.
enum AdminDeleteUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            try UserStore.delete(user, in: connection)
            // A deleted user's tokens stop working (their access tokens read as revoked) [I].
            try RefreshTokenStore.revokeAll(poolId: pool.id, username: user.username, at: environment.clock.now(), in: connection)
        }
        return [:]
    }
}
