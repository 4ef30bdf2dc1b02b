import AWSJSONProtocol

/// ConfirmSignUp: the code sent by SignUp / ResendConfirmationCode confirms the user and verifies
/// the attribute it was sent to. Wrong code → CodeMismatchException, code older than 24 hours →
/// ExpiredCodeException, user not UNCONFIRMED → NotAuthorizedException "User cannot be confirmed.
/// Current status is ...". With PreventUserExistenceErrors an unknown user gets
/// CodeMismatchException [D: developer guide "Managing user existence error responses"].
enum ConfirmSignUp {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try UserClientCall(input, environment)
        let pool = call.pool
        let code = input["ConfirmationCode"]?.stringValue ?? ""
        let force = input["ForceAliasCreation"]?.boolValue ?? false
        let now = environment.clock.now()
        let confirmed = try environment.database.write { connection -> User in
            guard var user = try call.user(in: connection) else {
                throw call.hidesUserExistence ? CognitoErrors.codeMismatch : CognitoErrors.usernameClientIdNotFound
            }
            guard user.status == .unconfirmed else { throw CognitoErrors.cannotConfirm(user.status) }
            switch try UserCodeStore.redeem(code, purpose: .signUp, for: user, now: now, in: connection) {
            case .missing, .mismatch: throw CognitoErrors.codeMismatch
            case .expired: throw CognitoErrors.expiredCode
            case .accepted(let issued):
                user.status = .confirmed
                if let attribute = issued.attribute, user.attribute(attribute) != nil {
                    user.setAttribute("\(attribute)_verified", "true")
                }
                user.lastModifiedDate = now
                try AdminCreateUser.resolveAliasConflicts(of: user, pool: pool, force: force, now: now, in: connection)
                try UserStore.save(user, pool: pool, in: connection)
            }
            return user
        }
        // After the commit, so the function may call back (add the user to a group); a failure is
        // reported but the user stays confirmed [I].
        try Triggers(environment: environment, pool: pool).postConfirmation(
            source: "PostConfirmation_ConfirmSignUp", user: confirmed, clientId: call.client.clientId, input: input)
        return [:]
    }
}
