import AWSJSONProtocol
import SQLiteStore

/// AdminCreateUser: a new user in FORCE_CHANGE_PASSWORD with a temporary password (given, or
/// generated to satisfy the policy), invited by SMS and/or email unless `MessageAction` is
/// SUPPRESS; `MessageAction: RESEND` sends a new invitation to an existing FORCE_CHANGE_PASSWORD
/// user. `ValidationData` and `ClientMetadata` only feed Lambda triggers, which are not emulated.
enum AdminCreateUser {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let attributes = UserOperations.attributes(input["UserAttributes"])
        let action = input["MessageAction"]?.stringValue
        let temporary = input["TemporaryPassword"]?.stringValue
        if let temporary { try PasswordPolicy.check(temporary, pool: pool, wording: .adminCreateUser) }
        let password = temporary ?? PasswordPolicy.generateTemporaryPassword(pool: pool)
        // [D: BOTO] DesiredDeliveryMediums: "The default value is "SMS"".
        let mediums = input["DesiredDeliveryMediums"]?.arrayValue?.compactMap(\.stringValue) ?? ["SMS"]
        let now = environment.clock.now()
        let decision = action == "RESEND" ? PreSignUpDecision() : try Triggers(environment: environment, pool: pool).preSignUp(
            source: "PreSignUp_AdminCreateUser", userName: name, clientId: nil, attributes: attributes, input: input)

        var pending: [PendingCustomMessage] = []
        let user = try environment.database.write { connection -> User in
            var user: User
            if action == "RESEND" {
                guard let existing = try UserOperations.findUser(pool: pool, name: name, in: connection) else {
                    throw CognitoErrors.userNotFound
                }
                guard existing.status == .forceChangePassword else { throw CognitoErrors.resendNotPossible(name) }
                user = existing
            } else {
                user = try newUser(name: name, attributes: attributes, pool: pool, now: now, in: connection)
                // AdminCreateUser users always start in FORCE_CHANGE_PASSWORD: only the verified flags apply.
                decision.apply(to: &user, confirm: false)
                try resolveAliasConflicts(
                    of: user, pool: pool, force: input["ForceAliasCreation"]?.boolValue ?? false, now: now,
                    in: connection)
            }
            user.setPassword(password, temporary: true, now: now, pool: pool)
            try UserStore.save(user, pool: pool, in: connection)
            if action != "SUPPRESS" {
                try invite(user, shownName: name, password: password, mediums: mediums, pool: pool, now: now,
                           environment: environment, clientMetadata: input["ClientMetadata"], pending: &pending,
                           in: connection)
            }
            return user
        }
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return ["User": user.userType()]
    }

    /// The user to create, after the schema, username-attribute and uniqueness checks.
    static func newUser(
        name: String, attributes: [UserAttribute], pool: UserPool, now: Double, in connection: Connection
    ) throws -> User {
        try UserOperations.checkNewAttributes(attributes, pool: pool)
        let sub = UserOperations.newSub()
        var attributes = attributes
        var username = name
        if !pool.usernameAttributes.isEmpty {
            // Email / phone number as username: the real username is the sub and the value sent
            // becomes the attribute (awscli `admin-get-user.rst`: Username is a UUID for
            // jane@example.com).
            let attribute = try usernameAttribute(for: name, pool: pool)
            if let index = attributes.firstIndex(where: { $0.name == attribute }) {
                attributes[index].value = name
            } else {
                attributes.append(UserAttribute(attribute, name))
            }
            username = sub
            if try !UserStore.aliasOwners(pool: pool, attribute: attribute, value: name, excluding: nil, in: connection)
                .isEmpty
            {
                throw attribute == "email" ? CognitoErrors.emailAlreadyExists : CognitoErrors.phoneAlreadyExists
            }
        } else if try UserStore.find(pool: pool, username: name, in: connection) != nil {
            throw CognitoErrors.userAccountExists
        }
        try UserOperations.checkRequired(attributes, pool: pool)
        return User(
            poolId: pool.id, username: username, sub: sub, attributes: attributes, status: .forceChangePassword,
            creationDate: now)
    }

    /// Which `UsernameAttributes` member `name` is, or the error AWS gives when it is neither.
    static func usernameAttribute(for name: String, pool: UserPool) throws -> String {
        let allowed = pool.usernameAttributes
        if allowed.contains("email"), UserOperations.isEmail(name) { return "email" }
        if allowed.contains("phone_number"), UserOperations.isPhoneNumber(name) { return "phone_number" }
        throw allowed.contains("email") ? CognitoErrors.usernameShouldBeEmail : CognitoErrors.usernameShouldBePhone
    }

    /// In `AliasAttributes` pools a verified email / phone belongs to one user: another owner makes
    /// the request fail with `AliasExistsException`, unless `ForceAliasCreation` moves the alias to
    /// the new user (the previous owner's attribute becomes unverified) [D: BOTO ForceAliasCreation].
    static func resolveAliasConflicts(
        of user: User, pool: UserPool, force: Bool, now: Double, in connection: Connection
    ) throws {
        for attribute in ["email", "phone_number"] where pool.aliasAttributes.contains(attribute) {
            guard let value = user.attribute(attribute), user.isVerified(attribute) else { continue }
            let owners = try UserStore.aliasOwners(
                pool: pool, attribute: attribute, value: value, excluding: user.sub, in: connection)
            guard !owners.isEmpty else { continue }
            guard force else { throw CognitoErrors.aliasExists(attribute) }
            for var owner in owners {
                owner.setAttribute("\(attribute)_verified", "false")
                owner.lastModifiedDate = now
                try UserStore.save(owner, pool: pool, in: connection)
            }
        }
    }

    /// Records the invitation on every requested medium the user has an address for.
    static func invite(
        _ user: User, shownName: String, password: String, mediums: [String], pool: UserPool, now: Double,
        environment: ServiceEnvironment, clientMetadata: JSONValue? = nil, pending: inout [PendingCustomMessage],
        in connection: Connection
    ) throws {
        for medium in mediums {
            guard let channel = Outbox.Channel(rawValue: medium), let destination = user.attribute(channel.attribute)
            else { continue }
            try Triggers(environment: environment, pool: pool).recordCodeMessage(
                source: "CustomMessage_AdminCreateUser", user: user, channel: channel, destination: destination, code: password,
                username: shownName,
                defaultText: MessageTemplates.invitation(pool: pool, channel: channel, password: password, username: shownName),
                clientId: nil, clientMetadata: clientMetadata, pending: &pending, in: connection)
        }
    }
}
