import AWSJSONProtocol

/// UpdateUserPool. AWS documents that omitted members reset to their defaults; measurements show
/// exceptions (spec section 2): `MfaConfiguration` and each `Policies` sub-policy are kept when
/// omitted, and `UserPoolTier` changes only when sent. Members that cannot be updated (Schema,
/// UsernameAttributes, AliasAttributes, UsernameConfiguration) are always kept, and so are tags when `UserPoolTags` is omitted.
enum UpdateUserPool {
    private static let immutableMembers = [
        "SchemaAttributes", "UsernameAttributes", "AliasAttributes", "UsernameConfiguration", "Domain", "CustomDomain",
    ]

    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        try environment.pools.update(poolId) { pool in
            var updated = pool
            updated.settings = settings(after: input, from: pool)
            if let name = input["PoolName"]?.stringValue { updated.name = name }
            let requestedMode = input["MfaConfiguration"]?.stringValue.flatMap(MfaMode.init(rawValue:))
            try SignInPolicyRules.check(updated)
            updated = try PoolMfaRules.apply(requestedMode: requestedMode, to: updated)
            updated.lastModifiedDate = environment.clock.now()
            return updated
        }
        return [:]
    }

    private static func settings(after input: JSONValue, from pool: UserPool) -> [String: JSONValue] {
        var settings = CreateUserPool.defaultSettings(for: input)
        for member in immutableMembers { settings[member] = pool.settings[member] }
        if input["UserPoolTier"] == nil { settings["UserPoolTier"] = pool.settings["UserPoolTier"] }
        // Tags sent replace the pool's tags (what TagResource and ListTagsForResource see); an update
        // without `UserPoolTags` keeps them [I: tags belong to the resource, not its configuration; the
        // Terraform provider updates a pool without UserPoolTags and plans clean against AWS afterwards].
        if input["UserPoolTags"] == nil { settings["UserPoolTags"] = pool.settings["UserPoolTags"] }
        // Policies: each sub-policy the request leaves out is kept [M: CDKD-PROVIDER].
        var policies = pool.settings["Policies"]?.objectValue ?? [:]
        for (name, policy) in input["Policies"]?.objectValue ?? [:] { policies[name] = policy }
        settings["Policies"] = CreateUserPool.policies(from: .object(policies))
        // Settings a configured MFA factor depends on survive an update that omits them, so the
        // pool never ends up in a state SetUserPoolMfaConfig would have refused.
        // Row 7: a request that turns MFA on may rely on the SmsConfiguration already stored.
        let turnsMfaOn = ["ON", "OPTIONAL"].contains(input["MfaConfiguration"]?.stringValue ?? "")
        if pool.factors.sms || turnsMfaOn, input["SmsConfiguration"] == nil {
            settings["SmsConfiguration"] = pool.settings["SmsConfiguration"]
        }
        if pool.factors.email != nil {
            if input["EmailConfiguration"] == nil { settings["EmailConfiguration"] = pool.settings["EmailConfiguration"] }
            if input["AccountRecoverySetting"] == nil {
                settings["AccountRecoverySetting"] = pool.settings["AccountRecoverySetting"]
            }
        }
        return settings
    }
}
