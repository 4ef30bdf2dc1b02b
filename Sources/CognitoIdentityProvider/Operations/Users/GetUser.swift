import AWSJSONProtocol

/// GetUser: the caller's `Username` and `UserAttributes` (awscli `get-user.rst`), limited to the
/// app client's `ReadAttributes` when it has them [D: BOTO UserPoolClientType.ReadAttributes];
/// MFA members only for users with MFA (spec 4.4).
enum GetUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        return try environment.database.read { connection in
            let user = try call.user(in: connection)
            let mfa = try UserMfaStore.load(poolId: call.pool.id, sub: user.sub, in: connection)
            var output = user.getUserOutput(mfa: mfa.outputMembers).objectValue ?? [:]
            output["UserAttributes"] = .array(user.orderedAttributes(only: call.readable(user)).map(\.json))
            return .object(output)
        }
    }
}
