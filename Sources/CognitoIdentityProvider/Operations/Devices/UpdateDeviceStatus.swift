import AWSJSONProtocol

/// UpdateDeviceStatus: marks one of the caller's devices `remembered` or `not_remembered`.
enum UpdateDeviceStatus {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let now = environment.clock.now()
        try environment.database.write { connection in
            try DeviceCalls.updateStatus(input, of: try call.user(in: connection), pool: call.pool, now: now, in: connection)
        }
        return [:]
    }
}

/// AdminUpdateDeviceStatus: the same for a user, by user pool and username.
enum AdminUpdateDeviceStatus {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let now = environment.clock.now()
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            try DeviceCalls.updateStatus(input, of: user, pool: pool, now: now, in: connection)
        }
        return [:]
    }
}
