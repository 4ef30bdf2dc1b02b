import AWSJSONProtocol

/// AdminResetUserPassword: the user's password stops working (status RESET_REQUIRED: sign-in then
/// answers `PasswordResetRequiredException: Password reset required for the user`) until
/// ConfirmForgotPassword sets a new one with the code sent now. The code goes where ForgotPassword
/// would send it (a verified email or phone, by the pool's recovery setting); with no such channel
/// no message is sent and the status still changes [D: BOTO AdminResetUserPassword, "if ... a
/// verified phone number exists ... or ... a verified email exists ..., calling this API will also
/// result in sending a message"]. A user who never set a password (FORCE_CHANGE_PASSWORD) gets
/// ForgotPassword's `User password cannot be reset in the current state.` [I]. Answers `{}`.
enum AdminResetUserPassword {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        var pending: [PendingCustomMessage] = []
        try environment.database.write { connection in
            var user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            if user.status == .forceChangePassword { throw CognitoErrors.passwordCannotBeReset }
            user.status = .resetRequired
            user.lastModifiedDate = environment.clock.now()
            try UserStore.save(user, pool: pool, in: connection)
            if let channel = ForgotPassword.recoveryChannel(for: user, pool: pool) {
                _ = try UserOperations.sendCode(
                    .forgotPassword, to: user, channel: channel, pool: pool, environment: environment, in: connection,
                    pending: &pending, clientMetadata: input["ClientMetadata"])
            }
        }
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return [:]
    }
}
