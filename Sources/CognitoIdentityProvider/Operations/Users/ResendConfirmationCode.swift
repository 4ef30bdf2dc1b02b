import AWSJSONProtocol

/// ResendConfirmationCode: a new sign-up code for an UNCONFIRMED user (the previous one stops
/// working). A confirmed user gets `InvalidParameterException: User is already confirmed.`; with
/// PreventUserExistenceErrors an unknown or disabled user gets simulated delivery details
/// [D: developer guide "Managing user existence error responses"].
enum ResendConfirmationCode {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try UserClientCall(input, environment)
        let pool = call.pool
        var pending: [PendingCustomMessage] = []
        let answer = try environment.database.write { connection -> JSONValue in
            guard let user = try call.user(in: connection), user.enabled || !call.hidesUserExistence else {
                if call.hidesUserExistence { return ["CodeDeliveryDetails": call.simulatedDelivery()] }
                throw CognitoErrors.usernameClientIdNotFound
            }
            if !user.enabled { throw CognitoErrors.userDisabled }
            guard user.status == .unconfirmed else { throw CognitoErrors.alreadyConfirmed }
            guard let channel = UserOperations.verificationChannel(for: user, pool: pool) else {
                throw CognitoErrors.autoVerificationNotEnabled
            }
            let details = try UserOperations.sendCode(
                .signUp, to: user, channel: channel, pool: pool, environment: environment, in: connection,
                pending: &pending, clientId: call.client.clientId, clientMetadata: input["ClientMetadata"],
                messageSource: "CustomMessage_ResendCode")
            return ["CodeDeliveryDetails": details]
        }
        // The custom message function words the code message after the commit.
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return answer
    }
}
