import AWSJSONProtocol
import FoundationEssentials
import Glibc

/// ConfirmDevice: the device a sign-in got (`NewDeviceMetadata`) takes its SRP salt and verifier
/// (`DeviceSecretVerifierConfig`, base64) and its name. It is remembered at once unless the pool's
/// `DeviceOnlyRememberedOnUserPrompt` leaves that to UpdateDeviceStatus, which
/// `UserConfirmationNecessary` tells the client [D: API ConfirmDevice, DeviceConfigurationType].
enum ConfirmDevice {
    /// Longest verifier accepted: N's 384 bytes plus a sign byte; longest salt [I: clients send 16–17 bytes].
    static let longestVerifier = 385
    static let longestSalt = 64

    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let key = input["DeviceKey"]?.stringValue ?? ""
        let config = input["DeviceSecretVerifierConfig"]
        guard let verifier = config?["PasswordVerifier"]?.stringValue.flatMap({ Data(base64Encoded: $0) }).map(Array.init),
            let salt = config?["Salt"]?.stringValue.flatMap({ Data(base64Encoded: $0) }).map(Array.init),
            (1...longestVerifier).contains(verifier.count), (1...longestSalt).contains(salt.count)
        else { throw DeviceErrors.invalidVerifierConfig }
        let onlyOnPrompt = DeviceConfiguration(call.pool)?.onlyRememberedOnUserPrompt ?? false
        let now = environment.clock.now()
        try environment.database.write { connection in
            let user = try call.user(in: connection)
            // The caller's own device, not yet confirmed; a confirmed one only with the token of a
            // sign-in made with it, so a token of another sign-in cannot re-key a remembered device [I].
            guard var device = try DeviceStore.find(poolId: call.pool.id, key: key, in: connection), device.sub == user.sub,
                !device.confirmed || call.token.deviceKey == key
            else { throw DeviceErrors.invalidDeviceKey }
            device.secret = (salt, verifier)
            if let name = input["DeviceName"]?.stringValue { device.name = name }
            device.remembered = !onlyOnPrompt
            device.modifiedAt = now
            try DeviceStore.save(device, in: connection)
        }
        return ["UserConfirmationNecessary": .bool(onlyOnPrompt)]
    }
}
