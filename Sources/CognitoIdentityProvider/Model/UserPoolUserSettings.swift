import AWSJSONProtocol

/// The pool settings that shape its users: sign-in names, case rule, verification and messages.
extension UserPool {
    /// `UsernameConfiguration.CaseSensitive`; true when the pool was created without it
    /// [D: BOTO `UsernameConfigurationType.CaseSensitive`: "true ... This is the default value."].
    var usernamesCaseSensitive: Bool {
        settings["UsernameConfiguration"]?["CaseSensitive"]?.boolValue ?? true
    }

    /// `UsernameAttributes` (email and/or phone_number used in place of a username).
    var usernameAttributes: [String] { stringList("UsernameAttributes") }

    /// `AliasAttributes` (email, phone_number, preferred_username usable besides the username).
    var aliasAttributes: [String] { stringList("AliasAttributes") }

    /// Attributes whose value can stand for the username at sign-in.
    var signInAttributes: Set<String> { Set(usernameAttributes + aliasAttributes) }

    var autoVerifiedAttributes: [String] { stringList("AutoVerifiedAttributes") }

    /// Attributes whose new value waits for verification: those in
    /// `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate` that the pool also
    /// verifies automatically (only those get a code to confirm) [I].
    var attributesKeptUntilVerified: Set<String> {
        let listed = settings["UserAttributeUpdateSettings"]?["AttributesRequireVerificationBeforeUpdate"]?.arrayValue ?? []
        return Set(listed.compactMap(\.stringValue)).intersection(autoVerifiedAttributes)
    }

    /// The lookup form of a username: lower-cased in case-insensitive pools.
    func usernameKey(_ username: String) -> String {
        usernamesCaseSensitive ? username : username.lowercased()
    }

    /// The lookup form of an alias value. Case-insensitive pools also make email and
    /// preferred_username aliases case-insensitive [D: BOTO `CaseSensitive` "false ... also enables
    /// both preferred_username and email alias to be case insensitive"].
    func aliasKey(_ attribute: String, _ value: String) -> String {
        attribute == "phone_number" || usernamesCaseSensitive ? value : value.lowercased()
    }

    /// `AdminCreateUserConfig.AllowAdminCreateUserOnly`.
    var adminCreateUserOnly: Bool {
        settings["AdminCreateUserConfig"]?["AllowAdminCreateUserOnly"]?.boolValue ?? false
    }

    /// `Policies.PasswordPolicy` as stored (CreateUserPool stores the default policy when none is
    /// sent; a sent policy's missing `Require*` flags mean false).
    var passwordPolicy: [String: JSONValue] {
        settings["Policies"]?["PasswordPolicy"]?.objectValue ?? UserPoolDefaults.passwordPolicy
    }

    /// `TemporaryPasswordValidityDays` (default 7).
    var temporaryPasswordValidityDays: Int {
        Int(passwordPolicy["TemporaryPasswordValidityDays"]?.intValue ?? 7)
    }

    /// The pool's `SchemaAttributes` entry named `name` (custom attributes as `custom:<name>`).
    func schemaAttribute(_ name: String) -> JSONValue? {
        settings["SchemaAttributes"]?.arrayValue?.first { $0["Name"]?.stringValue == name }
    }

    private func stringList(_ member: String) -> [String] {
        settings[member]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
