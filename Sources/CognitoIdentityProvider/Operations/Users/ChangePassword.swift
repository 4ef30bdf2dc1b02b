import AWSJSONProtocol

/// ChangePassword: the caller's previous password must match (`NotAuthorizedException: Incorrect
/// username or password.`, spec 9 row 20), then the proposed one must meet the policy
/// (`PasswordPolicy.Wording.reset`, [I]); the password stays permanent.
enum ChangePassword {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let previous = input["PreviousPassword"]?.stringValue ?? ""
        let proposed = input["ProposedPassword"]?.stringValue ?? ""
        try environment.database.write { connection in
            var user = try call.user(in: connection)
            guard user.passwordMatches(previous, pool: call.pool) else { throw CognitoErrors.incorrectUsernameOrPassword }
            try PasswordPolicy.check(proposed, pool: call.pool, wording: .reset)
            let status = user.status
            user.setPassword(proposed, temporary: false, now: environment.clock.now(), pool: call.pool)
            user.status = status == .forceChangePassword ? .confirmed : status
            try UserStore.save(user, pool: call.pool, in: connection)
        }
        return [:]
    }
}
