import AWSJSONProtocol
import CryptoPrimitives

/// CreateUserPool: stores the pool with AWS's defaults for what was left out and answers
/// `{"UserPool": UserPoolType}`.
enum CreateUserPool {
    /// Request members that are echoed back under the same name in `UserPoolType`.
    static let echoedMembers = [
        "Policies", "DeletionProtection", "LambdaConfig", "AutoVerifiedAttributes", "AliasAttributes",
        "UsernameAttributes", "SmsVerificationMessage", "EmailVerificationMessage", "EmailVerificationSubject",
        "VerificationMessageTemplate", "SmsAuthenticationMessage", "UserAttributeUpdateSettings",
        "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration", "UserPoolTags", "AdminCreateUserConfig",
        "UserPoolAddOns", "UsernameConfiguration", "AccountRecoverySetting", "UserPoolTier",
    ]

    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        // Pool ids are `<region>_<9 alphanumerics>` (spec 6).
        let id = "\(request.region)_\(SecureRandom.string(count: 9, from: SecureRandom.alphanumerics))"
        let pool = try makePool(id: id, region: request.region, input: input, environment: environment)
        try environment.pools.insert(pool)
        return ["UserPool": pool.describe(estimatedNumberOfUsers: 0)]
    }

    /// The pool a (validated) CreateUserPool request describes, under the id given; not stored.
    /// Seed files use it with their fixed ids.
    static func makePool(id: String, region: String, input: JSONValue, environment: ServiceEnvironment) throws -> UserPool {
        if input["UsernameAttributes"] != nil, input["AliasAttributes"] != nil {
            throw CognitoErrors.usernameAndAliasAttributes
        }
        let standardNames = Set(UserPoolDefaults.standardSchema.compactMap { $0["Name"]?.stringValue })
        let custom = (input["Schema"]?.arrayValue ?? []).filter { !standardNames.contains($0["Name"]?.stringValue ?? "") }
        try CustomAttributeRules.check(custom, existing: UserPoolDefaults.standardSchema)
        let now = environment.clock.now()
        let pool = UserPool(
            id: id,
            name: input["PoolName"]?.stringValue ?? "",
            region: region,
            arn: "arn:aws:cognito-idp:\(region):\(environment.accountId):userpool/\(id)",
            creationDate: now,
            lastModifiedDate: now,
            mfaMode: .off,
            factors: MfaFactors(),
            settings: defaultSettings(for: input))
        let requestedMode = input["MfaConfiguration"]?.stringValue.flatMap(MfaMode.init(rawValue:))
        try SignInPolicyRules.check(pool)
        return try PoolMfaRules.apply(requestedMode: requestedMode, to: pool)
    }

    /// The stored `UserPoolType` members: what was sent, with AWS's defaults filled in.
    static func defaultSettings(for input: JSONValue) -> [String: JSONValue] {
        var settings: [String: JSONValue] = [:]
        for member in echoedMembers {
            if let value = input[member], !value.isNull { settings[member] = value }
        }
        settings["Policies"] = policies(from: input["Policies"])
        settings["DeletionProtection"] = settings["DeletionProtection"] ?? "INACTIVE"
        settings["LambdaConfig"] = LambdaConfigRules.normalized(settings["LambdaConfig"])
        settings["UserPoolTier"] = settings["UserPoolTier"] ?? "ESSENTIALS"
        // A pool without tags shows `"UserPoolTags": {}` (awscli `describe-user-pool.rst`).
        settings["UserPoolTags"] = settings["UserPoolTags"] ?? [:]
        settings["SchemaAttributes"] = .array(UserPoolDefaults.schemaAttributes(from: input["Schema"]?.arrayValue))
        settings["VerificationMessageTemplate"] = .object(
            UserPoolDefaults.verificationMessageTemplate.merging(
                input["VerificationMessageTemplate"]?.objectValue ?? [:], uniquingKeysWith: { _, sent in sent }))
        settings["AdminCreateUserConfig"] = .object(
            UserPoolDefaults.adminCreateUserConfig.merging(
                input["AdminCreateUserConfig"]?.objectValue ?? [:], uniquingKeysWith: { _, sent in sent }))
        settings["EmailConfiguration"] = .object(
            UserPoolDefaults.emailConfiguration.merging(
                input["EmailConfiguration"]?.objectValue ?? [:], uniquingKeysWith: { _, sent in sent }))
        return settings
    }

    /// `Policies` with AWS's default password and sign-in policies where the request has none.
    static func policies(from sent: JSONValue?) -> JSONValue {
        var policies = sent?.objectValue ?? [:]
        if let passwordPolicy = policies["PasswordPolicy"]?.objectValue {
            var filled = passwordPolicy
            filled["TemporaryPasswordValidityDays"] = filled["TemporaryPasswordValidityDays"] ?? 7
            policies["PasswordPolicy"] = .object(filled)
        } else {
            policies["PasswordPolicy"] = .object(UserPoolDefaults.passwordPolicy)
        }
        policies["SignInPolicy"] = policies["SignInPolicy"] ?? UserPoolDefaults.signInPolicy
        return .object(policies)
    }
}
