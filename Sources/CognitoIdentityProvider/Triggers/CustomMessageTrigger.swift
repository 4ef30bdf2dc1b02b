import AWSJSONProtocol
import FoundationEssentials
import Glibc
import SQLiteStore

/// A code message recorded with the pool's own text inside an operation's transaction, for the
/// custom message function to word once that transaction has committed: the function then runs
/// without holding the writer, and may call back into this server.
struct PendingCustomMessage: Sendable {
    let message: Outbox.Message
    let source: String
    let user: User
    /// The username put into invitations (`CustomMessage_AdminCreateUser`), else nil.
    let username: String?
    let clientId: String?
    let clientMetadata: JSONValue?
}

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
            var filled = text.replacing(Self.codeParameter, with: code)
            if let username { filled = filled.replacing(Self.usernameParameter, with: username) }
            return filled
        default:
            throw TriggerErrors.unrecognizable
        }
    }

    /// Records a code message in the caller's transaction: with the pool's own text at once when the
    /// pool has no custom message function, else silently, as a pending message added to `pending`
    /// for `deliver` to word after the commit.
    func recordCodeMessage(
        source: String, user: User, channel: Outbox.Channel, destination: String? = nil, code: String, username: String?,
        defaultText: String, clientId: String?, clientMetadata: JSONValue?, pending: inout [PendingCustomMessage],
        in connection: Connection
    ) throws {
        try refuseCustomSender(for: channel)
        let destination = destination ?? user.attribute(channel.attribute) ?? ""
        let deferred = has("CustomMessage")
        let message = try Outbox.record(
            poolId: pool.id, username: user.username, channel: channel, destination: destination, code: code,
            message: defaultText, at: environment.clock.now(), in: connection,
            log: deferred ? { _ in } : environment.messageLog)
        if deferred {
            pending.append(PendingCustomMessage(
                message: message, source: source, user: user, username: username, clientId: clientId,
                clientMetadata: clientMetadata))
        }
    }

    /// Runs the custom message function for each pending message (outside any transaction) and
    /// stores its wording. A failing function takes its message back and fails the operation, whose
    /// other changes stay (AWS reports the error after creating the user [I]).
    func deliver(_ pending: [PendingCustomMessage]) throws {
        for item in pending {
            let message = item.message
            let custom: String?
            do {
                custom = try customMessage(
                    source: item.source, user: item.user, clientId: item.clientId, channel: message.channel,
                    code: message.code ?? "", username: item.username, clientMetadata: item.clientMetadata)
            } catch {
                try environment.database.write { try Outbox.withdraw(seq: message.seq, in: $0) }
                throw error
            }
            let text = custom ?? message.message
            if let custom { try environment.database.write { try Outbox.reword(seq: message.seq, message: custom, in: $0) } }
            environment.messageLog(Outbox.logLine(
                poolId: pool.id, username: item.user.username, channel: message.channel,
                destination: message.destination, message: text))
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
