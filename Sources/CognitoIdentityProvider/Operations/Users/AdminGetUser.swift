import AWSJSONProtocol

/// AdminGetUser: the user with `UserAttributes` (awscli `admin-get-user.rst`); the MFA members
/// are omitted for users without MFA (spec 4.4).
enum AdminGetUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let (user, mfa) = try environment.database.read { connection in
            let user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            return (user, try UserMfaStore.load(poolId: user.poolId, sub: user.sub, in: connection))
        }
        return user.adminGetUserOutput(mfa: mfa.outputMembers)
    }
}
