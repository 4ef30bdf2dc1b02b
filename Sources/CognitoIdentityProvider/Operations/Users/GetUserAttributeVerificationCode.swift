import AWSJSONProtocol

/// GetUserAttributeVerificationCode: sends the caller a code for `email` or `phone_number`
/// (awscli `get-user-attribute-verification-code.rst`: `CodeDeliveryDetails`), to the new value
/// when an update waits for verification, else to the current one. A new code replaces the last.
enum GetUserAttributeVerificationCode {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let name = input["AttributeName"]?.stringValue ?? ""
        guard let purpose = UserCodeStore.Purpose.verification(of: name) else { throw CognitoErrors.attributeNotVerifiable }
        let channel: Outbox.Channel = name == "email" ? .email : .sms
        var pending: [PendingCustomMessage] = []
        let answer = try environment.database.write { connection -> JSONValue in
            let user = try call.user(in: connection)
            let pendingValue = try UserCodeStore.pending(purpose, for: user, in: connection)?.pendingValue
            guard pendingValue != nil || user.attribute(name) != nil else { throw CognitoErrors.attributeNotSet(name) }
            let details = try UserOperations.sendCode(
                purpose, to: user, channel: channel, pendingValue: pendingValue, pool: call.pool,
                environment: environment, in: connection, pending: &pending, clientId: call.client?.clientId,
                clientMetadata: input["ClientMetadata"], messageSource: "CustomMessage_VerifyUserAttribute")
            return ["CodeDeliveryDetails": details]
        }
        // The custom message function words the code message after the commit.
        try Triggers(environment: environment, pool: call.pool).deliver(pending)
        return answer
    }
}
