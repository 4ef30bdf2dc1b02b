import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import Glibc

/// One of a user's devices (developer guide, "Working with user devices in your user pool"): made
/// when a sign-in returns `NewDeviceMetadata`, confirmed by ConfirmDevice with the device's own SRP
/// verifier, and then remembered or not (UpdateDeviceStatus).
struct Device: Sendable, Equatable {
    let poolId: String
    /// `<region>_<uuid>`, at most 55 characters (API `NewDeviceMetadataType.DeviceKey`, pattern `[\w-]+_[0-9a-f-]+`).
    let key: String
    let sub: String
    /// Shared by the user's devices; the device's "pool name" in its SRP key derivation.
    let groupKey: String
    var name: String?
    /// The device's SRP salt and verifier, nil until ConfirmDevice.
    var secret: (salt: [UInt8], verifier: [UInt8])?
    var remembered: Bool
    let createdAt: Double
    var modifiedAt: Double
    var lastAuthenticatedAt: Double?

    var confirmed: Bool { secret != nil }

    static func == (lhs: Device, rhs: Device) -> Bool {
        lhs.poolId == rhs.poolId && lhs.key == rhs.key && lhs.sub == rhs.sub && lhs.groupKey == rhs.groupKey
            && lhs.name == rhs.name && lhs.secret?.salt == rhs.secret?.salt && lhs.secret?.verifier == rhs.secret?.verifier
            && lhs.remembered == rhs.remembered && lhs.createdAt == rhs.createdAt && lhs.modifiedAt == rhs.modifiedAt
            && lhs.lastAuthenticatedAt == rhs.lastAuthenticatedAt
    }

    /// A new device key in the pool's region.
    static func makeKey(region: String) -> String {
        "\(region)_\(UUID().uuidString.lowercased())"
    }

    /// A new device group key: a dash and 9 letters or digits, the shape of the AWS CLI and
    /// developer-guide examples (`-v7w9UcY6`, `-wt2ha1Zd`) [M: their lengths vary, 8 or 9].
    static func makeGroupKey() -> String {
        "-" + SecureRandom.string(count: 9, from: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8))
    }

    /// `DeviceType` as GetDevice, ListDevices and their Admin variants return it. The attribute
    /// names and order are the AWS CLI examples' (`admin-get-device.rst`); `last_ip_used` and
    /// `dev:device_sdk` are left out, this server knows neither [I].
    func output(owner: String, arnPrefix: String) -> JSONValue {
        var attributes: [JSONValue] = [["Name": "device_status", "Value": "valid"]]
        if let name { attributes.append(["Name": "device_name", "Value": .string(name)]) }
        attributes.append(["Name": "dev:device_arn", "Value": .string("\(arnPrefix):owner/\(owner).\(poolId)/device/\(key)")])
        attributes.append(["Name": "dev:device_owner", "Value": .string("\(owner).\(poolId)")])
        attributes.append(["Name": "dev:device_remembered_status", "Value": .string(remembered ? "remembered" : "not_remembered")])
        var object: [String: JSONValue] = [
            "DeviceKey": .string(key), "DeviceAttributes": .array(attributes),
            "DeviceCreateDate": .double(createdAt), "DeviceLastModifiedDate": .double(modifiedAt),
        ]
        if let lastAuthenticatedAt { object["DeviceLastAuthenticatedDate"] = .double(lastAuthenticatedAt) }
        return .object(object)
    }
}

/// The pool's `DeviceConfiguration` (API `DeviceConfigurationType`).
struct DeviceConfiguration: Sendable, Equatable {
    /// "When true, a remembered device can sign in with device authentication instead of SMS and TOTP
    /// factors for multi-factor authentication" [D: API DeviceConfigurationType].
    let challengeRequiredOnNewDevice: Bool
    /// "When true, Amazon Cognito doesn't automatically remember a user's device when your app sends a
    /// ConfirmDevice API request" [D: API DeviceConfigurationType].
    let onlyRememberedOnUserPrompt: Bool

    /// The pool's configuration, or nil when it has none: then no device is tracked [I: a pool whose
    /// configuration has both members false still tracks devices, as the console's "Always remember"].
    init?(_ pool: UserPool) {
        guard let block = pool.settings["DeviceConfiguration"]?.objectValue else { return nil }
        challengeRequiredOnNewDevice = block["ChallengeRequiredOnNewDevice"]?.boolValue ?? false
        onlyRememberedOnUserPrompt = block["DeviceOnlyRememberedOnUserPrompt"]?.boolValue ?? false
    }
}
