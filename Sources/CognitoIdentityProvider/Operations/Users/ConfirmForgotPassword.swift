import AWSJSONProtocol

/// ConfirmForgotPassword: the reset code from ForgotPassword plus a new password (checked against
/// the policy before the code is used, so a refused password leaves the code valid [I]). Wrong
/// code → CodeMismatchException; expired (one hour) → ExpiredCodeException; no code requested →
/// ExpiredCodeException; with PreventUserExistenceErrors unknown or disabled users get
/// CodeMismatchException [D: developer guide "Managing user existence error responses"].
enum ConfirmForgotPassword {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try UserClientCall(input, environment)
        let pool = call.pool
        let code = input["ConfirmationCode"]?.stringValue ?? ""
        let password = input["Password"]?.stringValue ?? ""
        let now = environment.clock.now()
        let changed = try environment.database.write { connection -> User in
            guard var user = try call.user(in: connection) else {
                throw call.hidesUserExistence ? CognitoErrors.codeMismatch : CognitoErrors.usernameClientIdNotFound
            }
            if !user.enabled { throw call.hidesUserExistence ? CognitoErrors.codeMismatch : CognitoErrors.userDisabled }
            try PasswordPolicy.check(password, pool: pool, wording: .reset)
            switch try UserCodeStore.redeem(code, purpose: .forgotPassword, for: user, now: now, in: connection) {
            case .mismatch: throw CognitoErrors.codeMismatch
            case .missing, .expired: throw CognitoErrors.expiredCode
            case .accepted:
                user.setPassword(password, temporary: false, now: now, pool: pool)
                try UserStore.save(user, pool: pool, in: connection)
            }
            return user
        }
        try Triggers(environment: environment, pool: pool).postConfirmation(
            source: "PostConfirmation_ConfirmForgotPassword", user: changed, clientId: call.client.clientId, input: input)
        return [:]
    }
}
