import AWSJSONProtocol
import Foundation

/// The custom message trigger (developer guide, "Custom message Lambda trigger"): before a message
/// is sent, the function gets `codeParameter` (`{####}`) and, for `CustomMessage_AdminCreateUser`,
/// `usernameParameter` (`{username}`), and may answer `smsMessage`, `emailMessage`, `emailSubject`
/// with those placeholders in them; Cognito then puts the real code and username in.
extension Triggers {
    static let codeParameter = "{####}"
    static let usernameParameter = "{username}"

    /// The text to send on `channel`: the function's message with the code (and username) filled
    /// in, or nil to send the pool's own message. A message without the code placeholder (or, for
    /// an invitation, without the username placeholder) cannot deliver the code: the pool's own
    /// message is sent instead [I: the guide says the response "must include" them].
    func customMessage(
        source: String, user: User, clientId: String?, channel: Outbox.Channel, code: String, username: String?,
        clientMetadata: JSONValue? = nil
    ) throws -> String? {
        try refuseCustomSender(for: channel)
        guard has("CustomMessage") else { return nil }
        let response = try invoke(
            "CustomMessage", source: source, userName: user.username, clientId: clientId,
            request: [
                "userAttributes": .object(Self.userAttributes(user)),
                "codeParameter": .string(Self.codeParameter),
                "usernameParameter": username == nil ? .null : .string(Self.usernameParameter),
                // [I] The link placeholder of verification by link, as the guide's example events show it.
                "linkParameter": "{##Click Here##}",
                "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
            ],
            response: ["smsMessage": .null, "emailMessage": .null, "emailSubject": .null])
        let field = channel == .sms ? "smsMessage" : "emailMessage"
        switch response[field] {
        case nil, .null?: return nil
        case .string(let text)?:
            guard text.contains(Self.codeParameter), username == nil || text.contains(Self.usernameParameter) else {
                environment.triggerLog("CustomMessage \(source): \(field) lacks the placeholders; the pool's message is sent")
                return nil
            }
            var filled = text.replacingOccurrences(of: Self.codeParameter, with: code)
            if let username { filled = filled.replacingOccurrences(of: Self.usernameParameter, with: username) }
            return filled
        default:
            throw TriggerErrors.unrecognizable
        }
    }

    /// CustomSMSSender / CustomEmailSender are not supported: AWS hands them the code encrypted with
    /// the pool's KMS key, which this server has no way to do. A message that would go through one
    /// fails as a sender that cannot be invoked does on AWS [I: the text follows the pattern of
    /// `TriggerErrors.invocationFailed`], and the log says why.
    func refuseCustomSender(for channel: Outbox.Channel) throws {
        let trigger = channel == .sms ? "CustomSMSSender" : "CustomEmailSender"
        guard pool.settings["LambdaConfig"]?[trigger]?["LambdaArn"]?.stringValue != nil else { return }
        environment.triggerLog("\(trigger) is not supported (it needs KMS): the message is not sent")
        throw TriggerErrors.invocationFailed(trigger, "AccessDeniedException")
    }
}
