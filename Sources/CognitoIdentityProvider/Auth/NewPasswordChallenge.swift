import AWSJSONProtocol

/// NEW_PASSWORD_REQUIRED: a user with a temporary password (FORCE_CHANGE_PASSWORD) sets a
/// permanent one, and any required attributes it lacks, before sign-in continues.
enum NewPasswordChallenge {
    static let name = "NEW_PASSWORD_REQUIRED"

    /// `USER_ID_FOR_SRP`, `requiredAttributes` (JSON list of `userAttributes.<name>` for every
    /// attribute the pool requires: real captures list them even when the user has a value) and
    /// `userAttributes` (JSON object of the user's attributes as strings, without `sub`).
    static func parameters(for user: User, pool: UserPool) -> [String: String] {
        let required = requiredAttributes(of: pool).map { JSONValue.string("userAttributes.\($0)") }
        var attributes: [String: JSONValue] = [:]
        for attribute in user.attributes where attribute.name != "sub" {
            attributes[attribute.name] = .string(attribute.value)
        }
        return [
            "USER_ID_FOR_SRP": user.username,
            "requiredAttributes": JSONText.string(.array(required)),
            "userAttributes": JSONText.string(.object(attributes)),
        ]
    }

    /// Names of the pool's schema attributes marked `Required`, other than `sub`.
    static func requiredAttributes(of pool: UserPool) -> [String] {
        (pool.settings["SchemaAttributes"]?.arrayValue ?? []).compactMap { attribute in
            guard attribute["Required"]?.boolValue == true, let name = attribute["Name"]?.stringValue, name != "sub" else { return nil }
            return name
        }
    }
}
