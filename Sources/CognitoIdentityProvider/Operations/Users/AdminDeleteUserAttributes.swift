import AWSJSONProtocol

/// AdminDeleteUserAttributes: removes the named attributes. Removing email or phone_number also
/// removes its `*_verified` flag [I]; `sub` and required attributes cannot be removed.
enum AdminDeleteUserAttributes {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let names = input["UserAttributeNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
        try check(names, pool: pool)
        try environment.database.write { connection in
            var user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            remove(names, from: &user)
            user.lastModifiedDate = environment.clock.now()
            try UserStore.save(user, pool: pool, in: connection)
        }
        return [:]
    }

    static func check(_ names: [String], pool: UserPool) throws {
        for name in names {
            if name == "sub" { throw CognitoErrors.nonMutableAttribute("sub") }
            guard let schema = pool.schemaAttribute(name) else { throw CognitoErrors.updateAttributeNotInSchema(name) }
            if schema["Required"]?.boolValue == true {
                throw CognitoErrors.attributesDoNotConform([(name, CognitoErrors.attributeRequired)])
            }
        }
    }

    static func remove(_ names: [String], from user: inout User) {
        for name in names {
            user.removeAttribute(name)
            if name == "email" || name == "phone_number" { user.removeAttribute("\(name)_verified") }
        }
    }
}
