import AWSJSONProtocol
import SQLiteStore

/// AdminUpdateUserAttributes: sets attributes. A changed email / phone number becomes unverified
/// unless the request also sets its `*_verified` flag, and when the pool auto-verifies it a
/// verification code is sent [D: BOTO AdminUpdateUserAttributes]. `sub` and attributes the
/// schema marks immutable cannot change.
enum AdminUpdateUserAttributes {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["Username"]?.stringValue ?? ""
        let attributes = UserOperations.attributes(input["UserAttributes"])
        try UserOperations.checkUpdatedAttributes(attributes, pool: pool)
        var pending: [PendingCustomMessage] = []
        try environment.database.write { connection in
            let user = try UserOperations.requireUser(pool: pool, username: name, in: connection)
            _ = try update(user, with: attributes, pool: pool, environment: environment, pending: &pending, in: connection)
        }
        try Triggers(environment: environment, pool: pool).deliver(pending)
        return [:]
    }

    /// Applies the update, stores the user and sends verification codes; answers the deliveries
    /// (UpdateUserAttributes returns them as `CodeDeliveryDetailsList`).
    ///
    /// In a pool with `AttributesRequireVerificationBeforeUpdate`, a new email / phone number is not
    /// stored: the old value (and its verified flag) stays, the code goes to the new value, and
    /// VerifyUserAttribute makes it the attribute [D: BOTO UserAttributeUpdateSettingsType "Amazon
    /// Cognito doesn't change the value of the attribute until your user ... confirms the new
    /// value"]. Setting `*_verified` to true in the same request applies it at once (same source).
    /// The pending value is reported only by the delivery details and the code's message: no
    /// user representation has a member for it.
    static func update(
        _ user: User, with attributes: [UserAttribute], pool: UserPool, environment: ServiceEnvironment,
        pending: inout [PendingCustomMessage], in connection: Connection
    ) throws -> [JSONValue] {
        var awaitingVerification: [String: String] = [:]
        for attribute in attributes where pool.attributesKeptUntilVerified.contains(attribute.name) {
            let verifiedNow = attributes.contains { $0.name == "\(attribute.name)_verified" && $0.value == "true" }
            if attribute.value != user.attribute(attribute.name), !verifiedNow { awaitingVerification[attribute.name] = attribute.value }
        }
        var updated = user
        UserOperations.applyUpdate(attributes.filter { awaitingVerification[$0.name] == nil }, to: &updated)
        updated.lastModifiedDate = environment.clock.now()
        for attribute in ["email", "phone_number"] where updated.isVerified(attribute) || pool.usernameAttributes.contains(attribute) {
            guard let value = updated.attribute(attribute), value != user.attribute(attribute),
                pool.signInAttributes.contains(attribute)
            else { continue }
            let owners = try UserStore.aliasOwners(
                pool: pool, attribute: attribute, value: value, excluding: user.sub, in: connection)
            if !owners.isEmpty { throw CognitoErrors.aliasExists(attribute) }
        }
        try UserStore.save(updated, pool: pool, in: connection)
        var deliveries: [JSONValue] = []
        for channel in [Outbox.Channel.email, .sms] {
            let attribute = channel.attribute
            guard let purpose = UserCodeStore.Purpose.verification(of: attribute) else { continue }
            if let value = awaitingVerification[attribute] {
                deliveries.append(
                    try UserOperations.sendCode(
                        purpose, to: updated, channel: channel, pendingValue: value, pool: pool,
                        environment: environment, in: connection, pending: &pending))
                continue
            }
            // A value set outright ends any verification still waiting for an earlier one.
            if attributes.contains(where: { $0.name == attribute }) {
                try UserCodeStore.remove(purpose, for: updated, in: connection)
            }
            guard pool.autoVerifiedAttributes.contains(attribute), let value = updated.attribute(attribute),
                value != user.attribute(attribute), !updated.isVerified(attribute)
            else { continue }
            deliveries.append(
                try UserOperations.sendCode(
                    purpose, to: updated, channel: channel, pool: pool, environment: environment,
                    in: connection, pending: &pending))
        }
        return deliveries
    }
}
