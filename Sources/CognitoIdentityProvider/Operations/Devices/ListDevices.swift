import AWSJSONProtocol

/// ListDevices: the caller's confirmed devices.
enum ListDevices {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        return try environment.database.read { connection in
            try DeviceCalls.list(input, of: try call.user(in: connection), pool: call.pool, in: connection)
        }
    }
}

/// AdminListDevices: a user's confirmed devices, by user pool and username.
enum AdminListDevices {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        return try environment.database.read { connection in
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            return try DeviceCalls.list(input, of: user, pool: pool, in: connection)
        }
    }
}
