import AWSJSONProtocol

/// ForgotPassword: sends a reset code (valid one hour) to the user's verified email or phone,
/// chosen by the pool's `AccountRecoverySetting` priorities, or without one by the legacy rule
/// "SMS is preferred over email" [D: BOTO AccountRecoverySetting]. Errors: unknown user →
/// `UserNotFoundException` (client-id wording), disabled → `User is disabled.`, admin-created user
/// who never signed in → `User password cannot be reset in the current state.`, no verified
/// channel → `InvalidParameterException`. With PreventUserExistenceErrors the unknown, disabled and
/// unreachable cases answer simulated delivery details instead [D: developer guide].
enum ForgotPassword {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try UserClientCall(input, environment)
        let pool = call.pool
        let simulated: JSONValue = ["CodeDeliveryDetails": call.simulatedDelivery()]
        // An unknown user may come from an old system (UserMigration_ForgotPassword), outside the transaction.
        if try environment.database.read({ try call.user(in: $0) }) == nil {
            _ = try Triggers(environment: environment, pool: pool).migrateUser(
                source: "UserMigration_ForgotPassword", name: call.username, password: nil, clientId: call.client.clientId,
                clientMetadata: input["ClientMetadata"])
        }
        var pending: [PendingCustomMessage] = []
        let answer = try environment.database.write { connection -> JSONValue in
            guard let user = try call.user(in: connection) else {
                if call.hidesUserExistence { return simulated }
                throw CognitoErrors.usernameClientIdNotFound
            }
            if !user.enabled {
                if call.hidesUserExistence { return simulated }
                throw CognitoErrors.userDisabled
            }
            if user.status == .forceChangePassword { throw CognitoErrors.passwordCannotBeReset }
            guard let channel = recoveryChannel(for: user, pool: pool) else {
                if call.hidesUserExistence { return simulated }
                throw CognitoErrors.noVerifiedRecoveryChannel
            }
            let details = try UserOperations.sendCode(
                .forgotPassword, to: user, channel: channel, pool: pool, environment: environment, in: connection,
                pending: &pending, clientId: call.client.clientId, clientMetadata: input["ClientMetadata"])
            return ["CodeDeliveryDetails": details]
        }
        // The custom message function words the code message after the commit.
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return answer
    }

    /// The verified channel the reset code goes to, or nil (including `admin_only` pools).
    static func recoveryChannel(for user: User, pool: UserPool) -> Outbox.Channel? {
        let mechanisms = pool.recoveryMechanisms
        let order = mechanisms.isEmpty ? ["verified_phone_number", "verified_email"] : mechanisms
        for mechanism in order {
            switch mechanism {
            case "verified_phone_number" where user.isVerified("phone_number") && user.attribute("phone_number") != nil:
                return .sms
            case "verified_email" where user.isVerified("email") && user.attribute("email") != nil:
                return .email
            default: continue
            }
        }
        return nil
    }
}
