import AWSJSONProtocol

/// Custom attributes of a pool schema: how a `SchemaAttributeType` sent to CreateUserPool or
/// AddCustomAttributes is stored, and the rules it must meet beyond the model's constraints.
enum CustomAttributeRules {
    /// "Custom attributes per user pool: 50" [D: developer guide, Quotas].
    static let limit = 50

    /// The stored name: `custom:<name>`, or `dev:custom:<name>` for a `DeveloperOnlyAttribute`
    /// [D: awscli `describe-user-pool.rst` lists `custom:111` and `dev:custom:222`].
    static func storedName(_ attribute: JSONValue) -> String {
        let name = attribute["Name"]?.stringValue ?? ""
        return attribute["DeveloperOnlyAttribute"]?.boolValue == true ? "dev:custom:\(name)" : "custom:\(name)"
    }

    /// The schema entry for a custom attribute as DescribeUserPool lists it: the stored name and
    /// `DeveloperOnlyAttribute`, `Mutable` (default true) and `Required` filled in [D: BOTO
    /// SchemaAttributeType defaults]; constraints as sent.
    static func entry(_ attribute: JSONValue) -> JSONValue {
        var object = attribute.objectValue ?? [:]
        object["Name"] = .string(storedName(attribute))
        object["DeveloperOnlyAttribute"] = object["DeveloperOnlyAttribute"] ?? false
        object["Mutable"] = object["Mutable"] ?? true
        object["Required"] = object["Required"] ?? false
        return .object(object)
    }

    /// Checks custom attributes about to join `existing` (a pool's `SchemaAttributes`), in order:
    /// required ones, names already taken (in the pool or earlier in the request), then the limit.
    static func check(_ added: [JSONValue], existing: [JSONValue]) throws {
        var names = Set(existing.compactMap { $0["Name"]?.stringValue })
        for attribute in added {
            if attribute["Required"]?.boolValue == true { throw CognitoErrors.requiredCustomAttribute }
            let name = storedName(attribute)
            if !names.insert(name).inserted { throw CognitoErrors.customAttributeExists(name) }
        }
        if names.filter(isCustom).count > limit { throw CognitoErrors.tooManyCustomAttributes }
    }

    static func isCustom(_ name: String) -> Bool {
        name.hasPrefix("custom:") || name.hasPrefix("dev:custom:")
    }
}
