import AWSJSONProtocol

/// One user pool as stored. The members this server acts on are typed; every other member of
/// AWS's `UserPoolType` (Policies, Schema, LambdaConfig, ...) is kept in `settings` exactly as it
/// will be echoed by DescribeUserPool, so new model fields are stored and returned without code.
struct UserPool: Sendable, Equatable {
    let id: String
    var name: String
    let region: String
    let arn: String
    let creationDate: Double
    var lastModifiedDate: Double
    var mfaMode: MfaMode
    var factors: MfaFactors
    /// `UserPoolType` members other than the ones above, keyed by their AWS names.
    var settings: [String: JSONValue]

    var tier: String { settings["UserPoolTier"]?.stringValue ?? "ESSENTIALS" }
    var smsConfiguration: JSONValue? { settings["SmsConfiguration"] }
    var emailSendingAccount: String {
        settings["EmailConfiguration"]?["EmailSendingAccount"]?.stringValue ?? "COGNITO_DEFAULT"
    }
    var deletionProtectionActive: Bool { settings["DeletionProtection"]?.stringValue == "ACTIVE" }

    /// Names of `AccountRecoverySetting.RecoveryMechanisms`, highest priority first.
    var recoveryMechanisms: [String] {
        let mechanisms = settings["AccountRecoverySetting"]?["RecoveryMechanisms"]?.arrayValue ?? []
        return mechanisms
            .sorted { ($0["Priority"]?.intValue ?? 0) < ($1["Priority"]?.intValue ?? 0) }
            .compactMap { $0["Name"]?.stringValue }
    }

    /// `Policies.SignInPolicy.AllowedFirstAuthFactors`.
    var allowedFirstAuthFactors: [String] {
        settings["Policies"]?["SignInPolicy"]?["AllowedFirstAuthFactors"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The `UserPool` member of DescribeUserPool (and CreateUserPool) output.
    func describe(estimatedNumberOfUsers: Int) -> JSONValue {
        var object = settings
        object["Id"] = .string(id)
        object["Name"] = .string(name)
        object["Arn"] = .string(arn)
        object["CreationDate"] = .double(creationDate)
        object["LastModifiedDate"] = .double(lastModifiedDate)
        object["MfaConfiguration"] = .string(mfaMode.rawValue)
        object["EstimatedNumberOfUsers"] = .int(Int64(estimatedNumberOfUsers))
        return .object(object)
    }

    /// The output of GetUserPoolMfaConfig and SetUserPoolMfaConfig: `MfaConfiguration` always,
    /// each factor block only when configured (spec 1.3).
    var mfaConfiguration: JSONValue {
        var object: [String: JSONValue] = ["MfaConfiguration": .string(mfaMode.rawValue)]
        if factors.sms {
            var sms: [String: JSONValue] = [:]
            if let smsConfiguration { sms["SmsConfiguration"] = smsConfiguration }
            if let message = settings["SmsAuthenticationMessage"] { sms["SmsAuthenticationMessage"] = message }
            object["SmsMfaConfiguration"] = .object(sms)
        }
        if let enabled = factors.softwareToken {
            object["SoftwareTokenMfaConfiguration"] = ["Enabled": .bool(enabled)]
        }
        if let email = factors.email { object["EmailMfaConfiguration"] = .object(email) }
        if let webAuthn = factors.webAuthn { object["WebAuthnConfiguration"] = .object(webAuthn) }
        return .object(object)
    }

    /// The entry for ListUserPools (`UserPoolDescriptionType`).
    var summary: JSONValue {
        [
            "Id": .string(id),
            "Name": .string(name),
            "LambdaConfig": settings["LambdaConfig"] ?? [:],
            "CreationDate": .double(creationDate),
            "LastModifiedDate": .double(lastModifiedDate),
        ]
    }
}
