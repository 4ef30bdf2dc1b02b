import AWSJSONProtocol

/// A user pool identity provider as stored: `details` and `attributeMapping` hold what
/// DescribeIdentityProvider answers (the sent values plus what AWS fills in, see `IdentityProviderRules`).
struct IdentityProvider: Sendable, Equatable {
    let poolId: String
    let name: String
    let type: String
    var details: [String: JSONValue]
    var attributeMapping: [String: JSONValue]
    var idpIdentifiers: [String]
    let creationDate: Double
    var lastModifiedDate: Double

    /// `IdentityProviderType`. `ProviderDetails` is answered in full, client secrets included, as
    /// AWS does (the Terraform provider compares them with its configuration).
    var describe: JSONValue {
        [
            "UserPoolId": .string(poolId), "ProviderName": .string(name), "ProviderType": .string(type),
            "ProviderDetails": .object(details), "AttributeMapping": .object(attributeMapping),
            "IdpIdentifiers": .array(idpIdentifiers.map(JSONValue.string)),
            "LastModifiedDate": .double(lastModifiedDate), "CreationDate": .double(creationDate),
        ]
    }

    /// `ProviderDescription`, the entry of ListIdentityProviders.
    var summary: JSONValue {
        [
            "ProviderName": .string(name), "ProviderType": .string(type),
            "LastModifiedDate": .double(lastModifiedDate), "CreationDate": .double(creationDate),
        ]
    }
}
