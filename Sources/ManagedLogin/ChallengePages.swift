import AWSJSONProtocol
import CognitoIdentityProvider

/// What each challenge page asks for, and how its form becomes RespondToAuthChallenge's
/// ChallengeResponses (the API's own keys, so the same code checks the answers). Titles and hints
/// are this server's own words [I]; error texts on the pages are the API's, unchanged.
enum ChallengePages {
    struct Content {
        let title: String
        let intro: [HTML]
        let fields: [HTML]
        let submit: String
    }

    static func content(name: String, parameters: [String: String]) -> Content {
        let code = Pages.field("Code", name: "code", autocomplete: "one-time-code", extra: [("inputmode", "numeric")])
        switch name {
        case "SMS_MFA", "EMAIL_OTP":
            let medium = name == "SMS_MFA" ? "a text message" : "email"
            let destination = parameters["CODE_DELIVERY_DESTINATION"] ?? ""
            return Content(title: "Enter your sign-in code",
                           intro: [.element("p", [], [.text("We sent a code by \(medium) to \(destination).")])],
                           fields: [code], submit: "Sign in")
        case "SOFTWARE_TOKEN_MFA":
            return Content(title: "Enter the code from your authenticator app",
                           intro: [.element("p", [], [.text("Open your authenticator app and enter the 6-digit code it shows.")])],
                           fields: [code], submit: "Sign in")
        case "SELECT_MFA_TYPE":
            let choices = list(parameters["MFAS_CAN_CHOOSE"]).map { radio(name: "answer", value: $0) }
            return Content(title: "Choose how to receive your code", intro: [], fields: choices, submit: "Continue")
        case "NEW_PASSWORD_REQUIRED":
            let required = list(parameters["requiredAttributes"]).map {
                Pages.field(String($0.dropFirst("userAttributes.".count)), name: $0)
            }
            return Content(title: "Change your password",
                           intro: [.element("p", [], [.text("You must choose a new password to continue.")])],
                           fields: [Pages.field("New password", name: "new_password", type: "password", autocomplete: "new-password")] + required,
                           submit: "Change password")
        default:
            return Content(title: "Sign in", intro: [.element("p", [], [.text("This sign-in step (\(name)) is not offered on this page.")])],
                           fields: [], submit: "Continue")
        }
    }

    /// The form's answer in the API's ChallengeResponses keys.
    static func responses(challenge: String, form: [String: String]) -> [String: String] {
        switch challenge {
        case "SMS_MFA": return ["SMS_MFA_CODE": form["code"] ?? ""]
        case "EMAIL_OTP": return ["EMAIL_OTP_CODE": form["code"] ?? ""]
        case "SOFTWARE_TOKEN_MFA": return ["SOFTWARE_TOKEN_MFA_CODE": form["code"] ?? ""]
        case "SELECT_MFA_TYPE": return ["ANSWER": form["answer"] ?? ""]
        case "NEW_PASSWORD_REQUIRED":
            var answers = ["NEW_PASSWORD": form["new_password"] ?? ""]
            for (key, value) in form where key.hasPrefix("userAttributes.") && !value.isEmpty { answers[key] = value }
            return answers
        default: return [:]
        }
    }

    /// Errors after which the same page (and session) takes another try: a wrong code or an unacceptable password.
    static func retryable(_ error: AWSServiceError) -> Bool {
        ["CodeMismatchException", "InvalidPasswordException", "InvalidParameterException", "EnableSoftwareTokenMFAException"]
            .contains(error.type)
    }

    /// The challenge parameters a page carried in its `param.` fields.
    static func carried(_ form: [String: String]) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in form where key.hasPrefix("param.") { parameters[String(key.dropFirst(6))] = value }
        return parameters
    }

    /// `MFAS_CAN_SETUP`-style values: a JSON list inside a string.
    static func list(_ text: String?) -> [String] {
        guard let text, let value = try? JSONParser.parse(Array(text.utf8)) else { return [] }
        return value.arrayValue?.compactMap(\.stringValue) ?? []
    }

    static let factorNames = [
        "SOFTWARE_TOKEN_MFA": "Authenticator app", "SMS_MFA": "Text message (SMS)", "EMAIL_OTP": "Email",
    ]

    static func radio(name: String, value: String) -> HTML {
        let input: [(StaticString, String)] = [("type", "radio"), ("name", name), ("value", value), ("required", "required")]
        return .element("label", [("class", "choice")], [
            .element("input", input),
            .text(" " + (factorNames[value] ?? value)),
        ])
    }
}
