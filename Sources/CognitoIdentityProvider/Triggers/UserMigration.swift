import AWSJSONProtocol

/// The user migration trigger (developer guide, "Migrate user Lambda trigger"): when a user who does
/// not exist signs in with a password or asks for a password reset, the function may answer the
/// user's attributes from the old system, and the user is created with them.
extension Triggers {
    /// `UserMigration_Authentication` (with the password typed) or `UserMigration_ForgotPassword`
    /// (without): the user created from the function's answer, or nil when the pool has no trigger.
    func migrateUser(
        source: String, name: String, password: String?, clientId: String, clientMetadata: JSONValue?
    ) throws -> User? {
        guard has("UserMigration") else { return nil }
        var request: [String: JSONValue] = [
            // [I] validationData carries the request's ClientMetadata, as for pre authentication.
            "validationData": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
            "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
        ]
        if let password { request["password"] = .string(password) }
        let response = try invoke(
            "UserMigration", source: source, userName: name, clientId: clientId, request: request,
            response: [
                "userAttributes": .null, "finalUserStatus": .null, "messageAction": .null,
                "desiredDeliveryMediums": .null, "forceAliasCreation": .null, "enableSMSMFA": .null,
            ])
        let attributes = try Self.stringPairs(response["userAttributes"])
            .sorted { $0.key < $1.key }.map { UserAttribute($0.key, $0.value) }
            .filter { $0.name != "sub" && $0.name != "username" }
        let finalStatus: UserStatus
        switch response["finalUserStatus"]?.stringValue {
        case nil: finalStatus = password == nil ? .resetRequired : .confirmed
        case "CONFIRMED"?: finalStatus = password == nil ? .resetRequired : .confirmed
        case "RESET_REQUIRED"?: finalStatus = .resetRequired
        default: throw TriggerErrors.unrecognizable
        }
        let forceAlias = try Self.flag(response["forceAliasCreation"])
        let now = environment.clock.now()
        return try environment.database.write { connection -> User in
            // The same checks as AdminCreateUser: schema, username attributes, uniqueness.
            var user = try AdminCreateUser.newUser(name: name, attributes: attributes, pool: pool, now: now, in: connection)
            try AdminCreateUser.resolveAliasConflicts(of: user, pool: pool, force: forceAlias, now: now, in: connection)
            if let password { user.setPassword(password, temporary: false, now: now, pool: pool) }
            user.status = finalStatus
            try UserStore.save(user, pool: pool, in: connection)
            return user
        }
    }
}
