import AWSJSONProtocol

/// SignUp: a new UNCONFIRMED user with a permanent password; when the pool auto-verifies email or
/// phone a confirmation code is sent (email first when both are possible) and described in
/// `CodeDeliveryDetails` (awscli `sign-up.rst`: `UserConfirmed`, `UserSub`).
enum SignUp {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try UserClientCall(input, environment)
        let pool = call.pool
        if pool.adminCreateUserOnly { throw CognitoErrors.signUpNotPermitted }
        let attributes = UserOperations.attributes(input["UserAttributes"])
        try call.checkWritable(attributes)
        try UserOperations.checkNewAttributes(attributes, pool: pool)
        guard let password = input["Password"]?.stringValue else { throw CognitoErrors.passwordEmpty }
        try PasswordPolicy.check(password, pool: pool, wording: .signUp)
        // The pre sign-up function runs before anything is stored, outside the transaction.
        let decision = try Triggers(environment: environment, pool: pool).preSignUp(
            source: "PreSignUp_SignUp", userName: call.username, clientId: call.client.clientId, attributes: attributes,
            input: input)
        let now = environment.clock.now()
        var pending: [PendingCustomMessage] = []
        let answer = try environment.database.write { connection -> JSONValue in
            var user: User
            do {
                user = try AdminCreateUser.newUser(
                    name: call.username, attributes: attributes, pool: pool, now: now, in: connection)
            } catch let error as AWSServiceError where error == CognitoErrors.userAccountExists {
                // SignUp words it differently from AdminCreateUser [R, see CognitoErrors].
                throw CognitoErrors.userAlreadyExists
            }
            user.setPassword(password, temporary: false, now: now, pool: pool)
            user.status = .unconfirmed
            decision.apply(to: &user, confirm: true)
            try UserStore.save(user, pool: pool, in: connection)
            var output: [String: JSONValue] = ["UserConfirmed": .bool(user.status == .confirmed), "UserSub": .string(user.sub)]
            // An auto-confirmed user needs no confirmation code (developer guide, pre sign-up trigger).
            if user.status == .unconfirmed, let channel = UserOperations.verificationChannel(for: user, pool: pool) {
                output["CodeDeliveryDetails"] = try UserOperations.sendCode(
                    .signUp, to: user, channel: channel, pool: pool, environment: environment, in: connection,
                    pending: &pending, clientId: call.client.clientId, clientMetadata: input["ClientMetadata"])
            }
            return .object(output)
        }
        // The custom message function words the code message after the commit.
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return answer
    }
}
