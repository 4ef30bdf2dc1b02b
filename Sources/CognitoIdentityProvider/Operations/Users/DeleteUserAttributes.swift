import AWSJSONProtocol

/// DeleteUserAttributes: AdminDeleteUserAttributes for the caller, limited to the attributes the
/// app client may write [I: deleting is writing]. Answers `{}`.
enum DeleteUserAttributes {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let call = try AccessTokenUserCall(input, environment)
        let names = input["UserAttributeNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        try AdminDeleteUserAttributes.check(names, pool: call.pool)
        if let client = call.client {
            try UserClientCall.checkWritable(names.map { UserAttribute($0, "") }, client: client)
        }
        try environment.database.write { connection in
            var user = try call.user(in: connection)
            AdminDeleteUserAttributes.remove(names, from: &user)
            user.lastModifiedDate = environment.clock.now()
            try UserStore.save(user, pool: call.pool, in: connection)
        }
        return [:]
    }
}
