import AWSJSONProtocol

/// A pool's `MfaConfiguration`. `OFF` is also what an omitted value means to SetUserPoolMfaConfig (spec 1.4).
public enum MfaMode: String, Sendable {
    case off = "OFF"
    case on = "ON"
    case optional = "OPTIONAL"
}

/// Which MFA factors a pool has configured, as SetUserPoolMfaConfig last replaced them.
///
/// The SMS configuration and SMS text themselves live on the pool (`SmsConfiguration`,
/// `SmsAuthenticationMessage`) because CreateUserPool, UpdateUserPool and SetUserPoolMfaConfig
/// share them (spec 1.6); keeping one copy is what makes DescribeUserPool and
/// GetUserPoolMfaConfig always agree.
public struct MfaFactors: Sendable, Equatable {
    /// The SMS factor is configured (GetUserPoolMfaConfig reports `SmsMfaConfiguration`).
    public var sms: Bool = false
    /// `nil` when no `SoftwareTokenMfaConfiguration` block was sent; otherwise its `Enabled`
    /// (section 9 row 2: `{Enabled:false}` is stored and echoed).
    public var softwareToken: Bool?
    /// The `EmailMfaConfiguration` block as sent (`Message`, `Subject`), or `nil`.
    public var email: [String: JSONValue]?
    /// The `WebAuthnConfiguration` block as sent, or `nil` (row 3: kept when Set omits it).
    public var webAuthn: [String: JSONValue]?

    public init() {}

    /// True when at least one MFA factor block is configured (WebAuthn is not an MFA factor).
    var hasAnyFactor: Bool { sms || softwareToken != nil || email != nil }

    /// The factors with WebAuthn kept and every MFA factor dropped (what `OFF` leaves behind).
    var droppingMfaFactors: MfaFactors {
        var kept = MfaFactors()
        kept.webAuthn = webAuthn
        return kept
    }
}

extension MfaFactors {
    /// Stored form (one JSON column); the key names are this server's, not AWS's.
    var storedJSON: JSONValue {
        var object: [String: JSONValue] = ["sms": .bool(sms)]
        if let softwareToken { object["softwareToken"] = .bool(softwareToken) }
        if let email { object["email"] = .object(email) }
        if let webAuthn { object["webAuthn"] = .object(webAuthn) }
        return .object(object)
    }

    init(stored: JSONValue) {
        self.init()
        sms = stored["sms"]?.boolValue ?? false
        softwareToken = stored["softwareToken"]?.boolValue
        email = stored["email"]?.objectValue
        webAuthn = stored["webAuthn"]?.objectValue
    }
}
