import AWSJSONProtocol

/// What a pre sign-up function decided (developer guide, "Pre sign-up Lambda trigger": the
/// response's `autoConfirmUser`, `autoVerifyEmail`, `autoVerifyPhone`, all false by default).
struct PreSignUpDecision: Equatable {
    var autoConfirmUser = false
    var autoVerifyEmail = false
    var autoVerifyPhone = false

    /// Applies the decision to a user about to be stored: verified flags for the attributes the user
    /// has, and CONFIRMED for SignUp when the function confirmed it.
    func apply(to user: inout User, confirm: Bool) {
        if autoVerifyEmail, user.attribute("email") != nil { user.setAttribute("email_verified", "true") }
        if autoVerifyPhone, user.attribute("phone_number") != nil { user.setAttribute("phone_number_verified", "true") }
        if confirm, autoConfirmUser { user.status = .confirmed }
    }
}

extension Triggers {
    /// PreSignUp for `source` (`PreSignUp_SignUp`, `PreSignUp_AdminCreateUser`): the event carries
    /// the attributes sent, `validationData` and `clientMetadata` (null when the request has none [I]).
    func preSignUp(
        source: String, userName: String, clientId: String?, attributes: [UserAttribute], input: JSONValue
    ) throws -> PreSignUpDecision {
        guard has("PreSignUp") else { return PreSignUpDecision() }
        var userAttributes: [String: JSONValue] = [:]
        for attribute in attributes { userAttributes[attribute.name] = .string(attribute.value) }
        let response = try invoke(
            "PreSignUp", source: source, userName: userName, clientId: clientId,
            request: [
                "userAttributes": .object(userAttributes),
                "validationData": input["ValidationData"] == nil ? .null : .object(Self.nameValueMap(input["ValidationData"])),
                "clientMetadata": input["ClientMetadata"] == nil ? .null : .object(Self.stringMap(input["ClientMetadata"])),
            ],
            response: ["autoConfirmUser": false, "autoVerifyEmail": false, "autoVerifyPhone": false])
        return PreSignUpDecision(
            autoConfirmUser: try Self.flag(response["autoConfirmUser"]),
            autoVerifyEmail: try Self.flag(response["autoVerifyEmail"]),
            autoVerifyPhone: try Self.flag(response["autoVerifyPhone"]))
    }

    /// A boolean response field: absent or null is false; anything but a boolean is not an answer
    /// Cognito can use [I: the type check; AWS documents the fields as booleans].
    static func flag(_ value: JSONValue?) throws -> Bool {
        switch value {
        case nil, .null?: return false
        case .bool(let flag)?: return flag
        default: throw TriggerErrors.unrecognizable
        }
    }

    /// PostConfirmation (`PostConfirmation_ConfirmSignUp`, `PostConfirmation_ConfirmForgotPassword`),
    /// invoked after the confirmation is stored; its response has no fields.
    func postConfirmation(source: String, user: User, clientId: String?, input: JSONValue) throws {
        guard has("PostConfirmation") else { return }
        _ = try invoke(
            "PostConfirmation", source: source, userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)),
                "clientMetadata": input["ClientMetadata"] == nil ? .null : .object(Self.stringMap(input["ClientMetadata"])),
            ],
            response: [:])
    }
}
