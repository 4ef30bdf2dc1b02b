import AWSJSONProtocol

/// AdminSetUserPassword: `Permanent: true` makes the password permanent and the user CONFIRMED;
/// otherwise it is temporary and the user FORCE_CHANGE_PASSWORD [D: BOTO AdminSetUserPassword].
/// The pool's password policy applies (InvalidPasswordException, `PasswordPolicy.Wording.reset`).
enum AdminSetUserPassword {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let password = input["Password"]?.stringValue ?? ""
        let permanent = input["Permanent"]?.boolValue ?? false
        try environment.database.write { connection in
            var user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            try PasswordPolicy.check(password, pool: pool, wording: .reset)
            user.setPassword(password, temporary: !permanent, now: environment.clock.now(), pool: pool)
            try UserStore.save(user, pool: pool, in: connection)
        }
        return [:]
    }
}
