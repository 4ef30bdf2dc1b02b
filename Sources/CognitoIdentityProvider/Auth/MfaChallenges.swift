import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// Issues the MFA challenges of spec 3.1 with their exact parameters: codes for SMS and email are
/// generated here, put in the outbox (rendered from the pool's templates) and kept in the session,
/// valid for the session's lifetime (spec 3.4).
struct MfaChallenges {
    let signIn: SignInFlow

    /// The decision's answer for `user`: tokens, or the challenge it calls for.
    func respond(to outcome: MfaOutcome, for user: User, mfa: UserMfa) throws -> JSONValue {
        let userId = ["USER_ID_FOR_SRP": user.username]  // row 10: always present
        switch outcome {
        case .tokens:
            return try signIn.issueTokens(user)
        case .select(let factors):
            return try signIn.challenge(
                "SELECT_MFA_TYPE", for: user, parameters: userId.merging(["MFAS_CAN_CHOOSE": Self.list(factors)]) { $1 },
                state: ["choices": .array(factors.map { .string($0.rawValue) })])
        case .setup(let factors):
            return try signIn.challenge(
                "MFA_SETUP", for: user, parameters: userId.merging(["MFAS_CAN_SETUP": Self.list(factors)]) { $1 })
        case .challenge(.softwareToken):
            var parameters = userId
            if let name = mfa.softwareToken?.friendlyDeviceName { parameters["FRIENDLY_DEVICE_NAME"] = name }
            return try signIn.challenge(MfaFactor.softwareToken.rawValue, for: user, parameters: parameters)
        case .challenge(let factor):
            return try sendCode(factor, to: user)
        }
    }

    /// SMS_MFA or EMAIL_OTP: a 6-digit code (row 13) sent now and remembered by the session.
    /// `enablesFactor`: a right answer also enables the factor for the user (set-up through MFA_SETUP).
    /// `challenge`: the challenge name when it is not the factor's (USER_AUTH's `SMS_OTP`).
    func sendCode(_ factor: MfaFactor, to user: User, enablesFactor: Bool = false, challenge: String? = nil) throws -> JSONValue {
        let pool = signIn.pool
        let code = SecureRandom.string(count: 6, from: Array("0123456789".utf8))
        let channel: Outbox.Channel = factor == .sms ? .sms : .email
        let destination = user.attribute(factor == .sms ? "phone_number" : "email") ?? ""
        let template = factor == .sms
            ? pool.settings["SmsAuthenticationMessage"]?.stringValue ?? MfaTexts.defaultSmsMessage
            : pool.factors.email?["Message"]?.stringValue ?? MfaTexts.defaultEmailMessage
        // CustomMessage_Authentication: the function words the code message, before any transaction.
        let custom = try Triggers(environment: signIn.environment, pool: pool).customMessage(
            source: "CustomMessage_Authentication", user: user, clientId: signIn.client.clientId, channel: channel,
            code: code, username: nil, clientMetadata: signIn.clientMetadata)
        let message = custom ?? template.replacing("{####}", with: code)
        let now = signIn.environment.clock.now()
        let log = signIn.environment.messageLog
        return try signIn.challenge(
            challenge ?? factor.rawValue, for: user,
            parameters: [
                "USER_ID_FOR_SRP": user.username,
                "CODE_DELIVERY_DELIVERY_MEDIUM": channel.rawValue,
                "CODE_DELIVERY_DESTINATION": UserOperations.mask(destination, channel: channel),
            ],
            state: enablesFactor ? ["code": .string(code), "enablesFactor": true] : ["code": .string(code)]
        ) { connection in
            try Outbox.record(
                poolId: pool.id, username: user.username, channel: channel, destination: destination, code: code,
                message: message, at: now, in: connection, log: log)
        }
    }

    /// A JSON list inside a string, as `MFAS_CAN_SETUP` and `MFAS_CAN_CHOOSE` carry it (spec 3.1).
    static func list(_ factors: [MfaFactor]) -> String {
        JSONText.string(.array(factors.map { .string($0.rawValue) }))
    }
}

/// Default MFA texts (row 13; the SMS one with its trailing space, as pools made in the console carry it).
enum MfaTexts {
    static let defaultSmsMessage = "Your authentication code is {####}. "
    static let defaultEmailSubject = "Your sign-in code"
    static let defaultEmailMessage = "Your sign-in code is {####}."
}
