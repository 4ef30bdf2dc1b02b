import AWSJSONProtocol

/// GetDevice: one of the caller's devices (`Device`, a `DeviceType`).
enum GetDevice {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        return try environment.database.read { connection in
            let user = try call.user(in: connection)
            let device = try DeviceCalls.device(input, of: user, pool: call.pool, in: connection)
            return ["Device": DeviceCalls.output(device, of: user, pool: call.pool)]
        }
    }
}

/// AdminGetDevice: one of a user's devices, by user pool and username.
enum AdminGetDevice {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        return try environment.database.read { connection in
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            let device = try DeviceCalls.device(input, of: user, pool: pool, in: connection)
            return ["Device": DeviceCalls.output(device, of: user, pool: pool)]
        }
    }
}
