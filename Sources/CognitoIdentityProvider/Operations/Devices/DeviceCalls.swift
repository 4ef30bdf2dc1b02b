import AWSJSONProtocol
import SQLiteStore

/// What the device operations share: the caller's device by key, the `DeviceType` output, paging.
enum DeviceCalls {
    /// `user`'s confirmed device `key` (`DeviceKey`), or `ResourceNotFoundException: Device does not exist.`
    static func device(_ input: JSONValue, of user: User, pool: UserPool, in connection: Connection) throws -> Device {
        try DeviceVerifier.device(input["DeviceKey"]?.stringValue ?? "", of: user, pool: pool, in: connection)
    }

    /// `DeviceType` for `device` of `user`.
    static func output(_ device: Device, of user: User, pool: UserPool) -> JSONValue {
        // The pool ARN `arn:aws:cognito-idp:<region>:<account>:userpool/<id>` gives the device ARN's prefix.
        let prefix = pool.arn.firstRange(of: ":userpool/").map { String(pool.arn[..<$0.lowerBound]) } ?? pool.arn
        return device.output(owner: user.username, arnPrefix: prefix)
    }

    /// ListDevices / AdminListDevices: `Devices` (confirmed devices, oldest first) and a
    /// `PaginationToken` when more remain. `Limit` defaults to the model's maximum, 60.
    static func list(_ input: JSONValue, of user: User, pool: UserPool, in connection: Connection) throws -> JSONValue {
        let limit = Int(input["Limit"]?.intValue ?? 60)
        var after: Int64 = 0
        if let token = input["PaginationToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: "devices") else {
                throw AWSServiceError.invalidParameter("Invalid pagination token")  // [I]
            }
            after = position
        }
        let page = try DeviceStore.page(poolId: pool.id, sub: user.sub, after: after, limit: max(limit, 1), in: connection)
        var result: [String: JSONValue] = ["Devices": .array(page.devices.map { output($0, of: user, pool: pool) })]
        if let next = page.next { result["PaginationToken"] = .string(PaginationToken.encode(next, kind: "devices")) }
        return .object(result)
    }

    /// UpdateDeviceStatus / AdminUpdateDeviceStatus: `remembered` or `not_remembered`; an omitted
    /// status leaves the device as it is [I].
    static func updateStatus(_ input: JSONValue, of user: User, pool: UserPool, now: Double, in connection: Connection) throws {
        var device = try device(input, of: user, pool: pool, in: connection)
        guard let status = input["DeviceRememberedStatus"]?.stringValue else { return }
        device.remembered = status == "remembered"
        device.modifiedAt = now
        try DeviceStore.save(device, in: connection)
    }

    /// ForgetDevice / AdminForgetDevice: the device is deleted; its key no longer signs in.
    static func forget(_ input: JSONValue, of user: User, pool: UserPool, in connection: Connection) throws {
        let device = try device(input, of: user, pool: pool, in: connection)
        try DeviceStore.delete(poolId: pool.id, key: device.key, in: connection)
    }
}
