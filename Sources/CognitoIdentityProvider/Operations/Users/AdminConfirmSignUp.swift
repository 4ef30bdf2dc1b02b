import AWSJSONProtocol

/// AdminConfirmSignUp: UNCONFIRMED → CONFIRMED without a code. It verifies no attribute [D: BOTO
/// AdminConfirmSignUp]. Any other status is refused with the ConfirmSignUp text.
enum AdminConfirmSignUp {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let confirmed = try environment.database.write { connection -> User in
            var user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            guard user.status == .unconfirmed else { throw CognitoErrors.cannotConfirm(user.status) }
            user.status = .confirmed
            user.lastModifiedDate = environment.clock.now()
            try UserStore.save(user, pool: pool, in: connection)
            try UserCodeStore.remove(.signUp, for: user, in: connection)
            return user
        }
        try Triggers(environment: environment, pool: pool).postConfirmation(
            source: "PostConfirmation_ConfirmSignUp", user: confirmed, clientId: nil, input: input)
        return [:]
    }
}
