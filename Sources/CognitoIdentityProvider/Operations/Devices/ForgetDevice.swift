import AWSJSONProtocol

/// ForgetDevice: deletes one of the caller's devices; its key no longer signs in (a client that
/// sends it gets `Device does not exist.` and signs in again without it).
enum ForgetDevice {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        try environment.database.write { connection in
            try DeviceCalls.forget(input, of: try call.user(in: connection), pool: call.pool, in: connection)
        }
        return [:]
    }
}

/// AdminForgetDevice: deletes one of a user's devices, by user pool and username.
enum AdminForgetDevice {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            try DeviceCalls.forget(input, of: user, pool: pool, in: connection)
        }
        return [:]
    }
}
