import AWSJSONProtocol

/// What CreateUserPool fills in for members the caller leaves out, as AWS's CreateUserPool output
/// shows them (awscli example `create-user-pool.rst`, spec section 2 and 9).
enum UserPoolDefaults {
    /// AWS's default password policy [D: BOTO; CLI example].
    static let passwordPolicy: [String: JSONValue] = [
        "MinimumLength": 8,
        "RequireUppercase": true,
        "RequireLowercase": true,
        "RequireNumbers": true,
        "RequireSymbols": true,
        "TemporaryPasswordValidityDays": 7,
    ]

    static let signInPolicy: JSONValue = ["AllowedFirstAuthFactors": ["PASSWORD"]]

    static let adminCreateUserConfig: [String: JSONValue] = [
        "AllowAdminCreateUserOnly": false,
        "UnusedAccountValidityDays": 7,
    ]

    static let verificationMessageTemplate: [String: JSONValue] = ["DefaultEmailOption": "CONFIRM_WITH_CODE"]

    static let emailConfiguration: [String: JSONValue] = ["EmailSendingAccount": "COGNITO_DEFAULT"]

    /// The standard attributes every pool has, in AWS's order.
    static let standardSchema: [JSONValue] = [
        string("sub", min: 1, required: true, mutable: false),
        string("name"), string("given_name"), string("family_name"), string("middle_name"),
        string("nickname"), string("preferred_username"), string("profile"), string("picture"),
        string("website"), string("email"), boolean("email_verified"), string("gender"),
        string("birthdate", min: 10, max: 10), string("zoneinfo"), string("locale"),
        string("phone_number"), boolean("phone_number_verified"), string("address"),
        [
            "Name": "updated_at", "AttributeDataType": "Number", "DeveloperOnlyAttribute": false,
            "Mutable": true, "Required": false, "NumberAttributeConstraints": ["MinValue": "0"],
        ],
        [
            "Name": "identities", "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
            "Mutable": true, "Required": false, "StringAttributeConstraints": [:],
        ],
    ]

    private static func string(
        _ name: String, min: Int = 0, max: Int = 2048, required: Bool = false, mutable: Bool = true
    ) -> JSONValue {
        [
            "Name": .string(name), "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
            "Mutable": .bool(mutable), "Required": .bool(required),
            "StringAttributeConstraints": ["MinLength": .string(String(min)), "MaxLength": .string(String(max))],
        ]
    }

    private static func boolean(_ name: String) -> JSONValue {
        ["Name": .string(name), "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": false, "Mutable": true, "Required": false]
    }

    /// `SchemaAttributes` for a new pool: the standard attributes, with any the caller redefines in
    /// `Schema` replaced, followed by the caller's custom attributes as `custom:<name>` (see
    /// `CustomAttributeRules`; CreateUserPool checks them first).
    static func schemaAttributes(from schema: [JSONValue]?) -> [JSONValue] {
        var attributes = standardSchema
        for attribute in schema ?? [] {
            guard let object = attribute.objectValue, let name = object["Name"]?.stringValue else { continue }
            if let index = attributes.firstIndex(where: { $0["Name"]?.stringValue == name }) {
                var merged = attributes[index].objectValue ?? [:]
                for (key, value) in object { merged[key] = value }
                attributes[index] = .object(merged)
            } else {
                attributes.append(CustomAttributeRules.entry(.object(object)))
            }
        }
        return attributes
    }
}
