import AWSJSONProtocol
import FoundationEssentials
import SQLiteStore

/// Every SMS and email this server "sends" (invitations, confirmation and reset codes, MFA codes)
/// lands in the `messages` table, where tests read it through `GET /_mock/messages`, and in the log.
enum Outbox {
    enum Channel: String, Sendable {
        case sms = "SMS"
        case email = "EMAIL"

        /// The attribute a message on this channel goes to.
        var attribute: String { self == .sms ? "phone_number" : "email" }
    }

    /// One stored message, as `/_mock/messages` lists it.
    struct Message: Sendable, Equatable {
        /// Its place in the send order (the `messages.seq` column); 0 when not read from the table.
        var seq: Int64 = 0
        let channel: Channel
        let destination: String
        let code: String?
        let message: String
        let sentAt: Double

        var json: JSONValue {
            var object: [String: JSONValue] = [
                "channel": .string(channel.rawValue), "destination": .string(destination),
                "message": .string(message), "sentAt": .double(sentAt),
            ]
            object["code"] = code.map(JSONValue.string) ?? .null
            return .object(object)
        }
    }

    /// Stores one message in the current transaction and writes it to `log`.
    @discardableResult
    static func record(
        poolId: String, username: String, channel: Channel, destination: String, code: String?, message: String,
        at sentAt: Double, in connection: Connection, log: @Sendable (String) -> Void = { _ in }
    ) throws -> Message {
        let inserted = try connection.query(
            """
            INSERT INTO messages (pool_id, username, channel, destination, code, message, sent_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING seq
            """,
            [
                .text(poolId), .text(username), .text(channel.rawValue), .text(destination),
                code.map(SQLValue.text) ?? .null, .text(message), .real(sentAt),
            ])
        log(logLine(poolId: poolId, username: username, channel: channel, destination: destination, message: message))
        return Message(
            seq: inserted.first?.integer(0) ?? 0, channel: channel, destination: destination, code: code, message: message,
            sentAt: sentAt)
    }

    static func logLine(poolId: String, username: String, channel: Channel, destination: String, message: String) -> String {
        "message \(channel.rawValue) to \(destination) for \(username) in \(poolId): \(message)"
    }

    /// Replaces the text of message `seq` (a custom message function worded it after the commit).
    static func reword(seq: Int64, message: String, in connection: Connection) throws {
        try connection.execute("UPDATE messages SET message = ?2 WHERE seq = ?1", [.integer(seq), .text(message)])
    }

    /// Takes message `seq` back (its custom message function failed, so AWS would not have sent it).
    static func withdraw(seq: Int64, in connection: Connection) throws {
        try connection.execute("DELETE FROM messages WHERE seq = ?1", [.integer(seq)])
    }

    /// The pool's messages, oldest first; only those to `username` (internal) when given.
    static func messages(poolId: String, username: String?, in connection: Connection) throws -> [Message] {
        let rows: [Row]
        if let username {
            rows = try connection.query(
                "SELECT channel, destination, code, message, sent_at FROM messages WHERE pool_id = ?1 AND username = ?2 ORDER BY seq",
                [.text(poolId), .text(username)])
        } else {
            rows = try connection.query(
                "SELECT channel, destination, code, message, sent_at FROM messages WHERE pool_id = ?1 ORDER BY seq",
                [.text(poolId)])
        }
        return rows.map { row in
            Message(
                channel: Channel(rawValue: row.text(0) ?? "") ?? .email, destination: row.text(1) ?? "",
                code: row.text(2), message: row.text(3) ?? "", sentAt: row.real(4) ?? 0)
        }
    }
}

/// The texts of the messages Cognito sends, from the pool's templates or AWS's defaults.
enum MessageTemplates {
    /// Default verification text of pools whose template is unset: `Your verification code is
    /// {####}. ` (with the trailing space) [R: Terraform state exported from real pools, spec 6].
    static let defaultVerification = "Your verification code is {####}. "
    /// Default invitation texts [D: AWS CDK `UserInvitationConfig` defaults, "Your username is
    /// {username} and temporary password is {####}." for email, without the period for SMS].
    static let defaultInvitationEmail = "Your username is {username} and temporary password is {####}."
    static let defaultInvitationSms = "Your username is {username} and temporary password is {####}"

    /// A verification / confirmation / password-reset code message.
    /// `VerificationMessageTemplate` wins over the older `SmsVerificationMessage` /
    /// `EmailVerificationMessage` members [D: BOTO CreateUserPool docs].
    static func verification(pool: UserPool, channel: Outbox.Channel, code: String, username: String) -> String {
        let template = pool.settings["VerificationMessageTemplate"]
        let text: String?
        switch channel {
        case .sms: text = template?["SmsMessage"]?.stringValue ?? pool.settings["SmsVerificationMessage"]?.stringValue
        case .email:
            text = template?["EmailMessage"]?.stringValue ?? pool.settings["EmailVerificationMessage"]?.stringValue
        }
        return fill(text ?? defaultVerification, code: code, username: username)
    }

    /// The AdminCreateUser invitation (`AdminCreateUserConfig.InviteMessageTemplate`).
    static func invitation(pool: UserPool, channel: Outbox.Channel, password: String, username: String) -> String {
        let template = pool.settings["AdminCreateUserConfig"]?["InviteMessageTemplate"]
        let text: String
        switch channel {
        case .sms: text = template?["SMSMessage"]?.stringValue ?? defaultInvitationSms
        case .email: text = template?["EmailMessage"]?.stringValue ?? defaultInvitationEmail
        }
        return fill(text, code: password, username: username)
    }

    static func fill(_ template: String, code: String, username: String) -> String {
        template.replacing("{####}", with: code).replacing("{username}", with: username)
    }
}

extension CognitoService {
    /// The body of `GET /_mock/messages?userPoolId=<id>[&username=<name>]`: a JSON array of the
    /// pool's messages, oldest first, or nil when the pool does not exist. `username` may be any
    /// name the user signs in with; a name no current user has matches messages recorded for it.
    public func outboxMessages(userPoolId: String, username: String?) throws -> [UInt8]? {
        guard let pool = try? environment.pools.require(userPoolId) else { return nil }
        let messages = try environment.database.read { connection -> [Outbox.Message] in
            var recipient = username
            if let username, let user = try UserOperations.findUser(pool: pool, name: username, in: connection) {
                recipient = user.username
            }
            return try Outbox.messages(poolId: pool.id, username: recipient, in: connection)
        }
        return JSONSerializer.serialize(.array(messages.map(\.json)))
    }
}
