import AWSJSONProtocol

/// The MFA factors a user can have, by their AWS names (`UserMFASettingList`, challenge names,
/// `MFAS_CAN_SETUP`, `MFAS_CAN_CHOOSE`). Email MFA is `EMAIL_OTP` everywhere (spec 3.1).
enum MfaFactor: String, Sendable, CaseIterable, Comparable {
    case sms = "SMS_MFA"
    case softwareToken = "SOFTWARE_TOKEN_MFA"
    case email = "EMAIL_OTP"

    /// The order AWS lists factors in (`["SMS_MFA","SOFTWARE_TOKEN_MFA"]`, spec 3.1 and 3.5).
    private var rank: Int {
        switch self {
        case .sms: 0
        case .softwareToken: 1
        case .email: 2
        }
    }

    static func < (lhs: MfaFactor, rhs: MfaFactor) -> Bool { lhs.rank < rhs.rank }
}

/// A verified authenticator app (RFC 6238 secret).
struct SoftwareToken: Sendable, Equatable {
    /// The raw shared secret; `SecretCode` is its base32 form.
    var secret: [UInt8]
    var friendlyDeviceName: String?
    var verifiedAt: Double
}

/// A user's MFA state: enabled factors and preference (SetUserMFAPreference), the authenticator
/// (AssociateSoftwareToken / VerifySoftwareToken), and what code reuse and lockout need.
///
/// Invariants: `preferred`, when set, is in `enabled`; `softwareToken` is only a verified token,
/// a newly associated one waits in `pendingSecret` until VerifySoftwareToken succeeds (spec 4.1).
struct UserMfa: Sendable, Equatable {
    var enabled: Set<MfaFactor> = []
    var preferred: MfaFactor?
    /// `WebAuthnMfaSettings.Enabled`: stored, not yet acted on.
    var webAuthnEnabled = false
    var softwareToken: SoftwareToken?
    var pendingSecret: [UInt8]?
    /// The newest RFC 6238 time step accepted for this user: a code of that step or older is refused
    /// as already used (`ExpiredCodeException`, spec 4.2).
    var lastAcceptedStep: Int64?
    /// Failed passwords and MFA codes in a row (`SignInLockout`: the fifth starts the lockout).
    var failedAttempts = 0
    var lockedUntil: Double?
    /// When the last of those failures happened (for the 15 quiet minutes that reset the count).
    var lastFailureAt: Double?

    /// `UserMFASettingList` in AWS's order.
    var enabledList: [MfaFactor] { enabled.sorted() }
}

extension UserMfa {
    /// Stored form (one JSON column); the key names are this server's.
    var storedJSON: JSONValue {
        var object: [String: JSONValue] = [
            "enabled": .array(enabledList.map { .string($0.rawValue) }),
            "webAuthnEnabled": .bool(webAuthnEnabled),
            "failedAttempts": .int(Int64(failedAttempts)),
        ]
        if let preferred { object["preferred"] = .string(preferred.rawValue) }
        if let softwareToken {
            var token: [String: JSONValue] = [
                "secret": .string(Self.hex(softwareToken.secret)), "verifiedAt": .double(softwareToken.verifiedAt),
            ]
            if let name = softwareToken.friendlyDeviceName { token["friendlyDeviceName"] = .string(name) }
            object["softwareToken"] = .object(token)
        }
        if let pendingSecret { object["pendingSecret"] = .string(Self.hex(pendingSecret)) }
        if let lastAcceptedStep { object["lastAcceptedStep"] = .int(lastAcceptedStep) }
        if let lockedUntil { object["lockedUntil"] = .double(lockedUntil) }
        if let lastFailureAt { object["lastFailureAt"] = .double(lastFailureAt) }
        return .object(object)
    }

    init(stored: JSONValue) {
        self.init()
        enabled = Set((stored["enabled"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(MfaFactor.init(rawValue:)) })
        preferred = stored["preferred"]?.stringValue.flatMap(MfaFactor.init(rawValue:))
        webAuthnEnabled = stored["webAuthnEnabled"]?.boolValue ?? false
        if let token = stored["softwareToken"], let secret = Self.bytes(token["secret"]?.stringValue) {
            softwareToken = SoftwareToken(
                secret: secret, friendlyDeviceName: token["friendlyDeviceName"]?.stringValue,
                verifiedAt: token["verifiedAt"]?.doubleValue ?? 0)
        }
        pendingSecret = Self.bytes(stored["pendingSecret"]?.stringValue)
        lastAcceptedStep = stored["lastAcceptedStep"]?.intValue
        failedAttempts = Int(stored["failedAttempts"]?.intValue ?? 0)
        lockedUntil = stored["lockedUntil"]?.doubleValue
        lastFailureAt = stored["lastFailureAt"]?.doubleValue
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: text, as: UTF8.self)
    }

    private static func bytes(_ hex: String?) -> [UInt8]? {
        guard let hex, hex.utf8.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = Self.nibble(high), let l = Self.nibble(low) else { return nil }
            result.append(h << 4 | l)
        }
        return result
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
