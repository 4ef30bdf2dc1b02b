import AWSJSONProtocol

/// DeleteUser: the caller deletes their own user.
enum DeleteUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        try environment.database.write { connection in
            let user = try call.user(in: connection)
            try UserStore.delete(user, in: connection)
            try RefreshTokenStore.revokeAll(
                poolId: call.pool.id, username: user.username, at: environment.clock.now(), in: connection)
        }
        return [:]
    }
}
