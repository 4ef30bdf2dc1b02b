import AWSJSONProtocol

/// The Lambda triggers of one pool: finds the function for a trigger in the pool's `LambdaConfig`,
/// builds the event every trigger source shares, invokes it, and turns a failure into AWS's error.
///
/// Invocations never happen inside a write transaction (code messages are worded after the commit,
/// `PendingCustomMessage`), so a function may call back into this server (a PostConfirmation
/// function adding the user to a group) and never holds up other writers.
struct Triggers {
    let environment: ServiceEnvironment
    let pool: UserPool

    /// The function ARN configured for `trigger` (a `LambdaConfig` member name), or nil.
    /// PreTokenGeneration: `PreTokenGenerationConfig.LambdaArn` when set, else the older member.
    func arn(_ trigger: String) -> String? {
        let config = pool.settings["LambdaConfig"]
        if trigger == "PreTokenGeneration", let arn = config?["PreTokenGenerationConfig"]?["LambdaArn"]?.stringValue {
            return arn
        }
        return config?[trigger]?.stringValue
    }

    func has(_ trigger: String) -> Bool { arn(trigger) != nil }

    /// The event version of the pre token generation trigger: "1", "2" or "3" (`V1_0`…`V3_0`).
    var preTokenGenerationVersion: String {
        switch pool.settings["LambdaConfig"]?["PreTokenGenerationConfig"]?["LambdaVersion"]?.stringValue {
        case "V2_0": "2"
        case "V3_0": "3"
        default: "1"
        }
    }

    /// Invokes `trigger` with an event of `source` and answers the function's `response` object.
    /// `clientId` nil: an admin operation, `CLIENT_ID_NOT_APPLICABLE` as AWS sends it.
    /// Precondition: the trigger is configured (`has(trigger)`).
    func invoke(
        _ trigger: String, source: String, userName: String?, clientId: String?, request: [String: JSONValue],
        response: [String: JSONValue], version: String = "1"
    ) throws -> [String: JSONValue] {
        guard let arn = arn(trigger) else { return response }
        // ClientMetadata / ValidationData the request did not carry are left out of the event, not
        // sent as null [R for clientMetadata: a CustomMessage_AdminCreateUser event logged from a real
        // pool and published as sample data has none; I for validationData].
        var request = request
        for member in ["clientMetadata", "validationData"] where request[member] == .null { request[member] = nil }
        var event: [String: JSONValue] = [
            "version": .string(version),
            "triggerSource": .string(source),
            "region": .string(pool.region),
            "userPoolId": .string(pool.id),
            // [I] The SDK of the caller is not known here; AWS sends e.g. `aws-sdk-unknown-unknown`
            // for calls whose SDK it cannot name (seen in events from the hosted UI).
            "callerContext": ["awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": .string(clientId ?? "CLIENT_ID_NOT_APPLICABLE")],
            "request": .object(request),
            "response": .object(response),
        ]
        if let userName { event["userName"] = .string(userName) }
        let payload = JSONSerializer.serialize(.object(event))
        let result: [UInt8]
        do {
            guard let lambda = environment.lambda else { throw LambdaInvocationError.notConfigured }
            result = try lambda.invoke(functionArn: arn, payload: payload)
        } catch let failure as LambdaInvocationError {
            throw error(for: failure, trigger: trigger, arn: arn)
        }
        guard let answer = try? JSONParser.parse(result) else {
            environment.triggerLog("\(trigger) \(arn): the result is not JSON")
            throw TriggerErrors.invalidJSON
        }
        guard case .object(let object) = answer else {
            environment.triggerLog("\(trigger) \(arn): the result is not a JSON object")
            throw TriggerErrors.unrecognizable
        }
        switch object["response"] {
        case .object(let members): return members
        // [I] A result without a response (or with a null one) changes nothing.
        case nil, .null?: return [:]
        default:
            environment.triggerLog("\(trigger) \(arn): the result's response is not an object")
            throw TriggerErrors.unrecognizable
        }
    }

    private func error(for failure: LambdaInvocationError, trigger: String, arn: String) -> AWSServiceError {
        switch failure {
        case .notConfigured:
            environment.triggerLog("\(trigger) \(arn) not invoked: the server has no --lambda-endpoint")
            // [I] What a function that cannot be found gives: the Lambda service's ResourceNotFoundException.
            return TriggerErrors.invocationFailed(trigger, "ResourceNotFoundException")
        case .unreachable(let reason):
            environment.triggerLog("\(trigger) \(arn) not invoked: the Lambda endpoint is unreachable (\(reason))")
            return TriggerErrors.invocationFailed(trigger, "ResourceNotFoundException")
        case .timedOut:
            environment.triggerLog("\(trigger) \(arn): no answer within 5 s")
            return TriggerErrors.timedOut(trigger)
        case .serviceError(let type, let message):
            environment.triggerLog("\(trigger) \(arn): the Lambda service answered \(type): \(message)")
            return TriggerErrors.invocationFailed(trigger, type)
        case .functionError(let message):
            environment.triggerLog("\(trigger) \(arn): the function failed: \(message)")
            return TriggerErrors.functionFailed(trigger, message)
        }
    }

    /// The user's attributes as trigger events carry them: name → string, with `sub` and, for an
    /// existing user, `cognito:user_status` (AWS developer guide, trigger event examples).
    static func userAttributes(_ user: User, withStatus: Bool = true) -> [String: JSONValue] {
        var attributes: [String: JSONValue] = [:]
        for attribute in user.attributes { attributes[attribute.name] = .string(attribute.value) }
        attributes["sub"] = .string(user.sub)
        if withStatus { attributes["cognito:user_status"] = .string(user.status.rawValue) }
        return attributes
    }

    /// `ClientMetadata` / `ValidationData` of a request as the event's string map.
    static func stringMap(_ value: JSONValue?) -> [String: JSONValue] {
        value?.objectValue?.filter { $0.value.stringValue != nil } ?? [:]
    }

    /// `ValidationData` (a list of Name/Value pairs) as the event's string map.
    static func nameValueMap(_ value: JSONValue?) -> [String: JSONValue] {
        var map: [String: JSONValue] = [:]
        for item in value?.arrayValue ?? [] {
            if let name = item["Name"]?.stringValue { map[name] = .string(item["Value"]?.stringValue ?? "") }
        }
        return map
    }
}
