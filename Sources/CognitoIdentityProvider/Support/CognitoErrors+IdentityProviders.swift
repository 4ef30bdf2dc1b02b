import AWSJSONProtocol

/// Error texts of identity providers (evidence tags as in `CognitoErrors`). No public record of
/// AWS's wording was found for these; each is [I], worded like Cognito's other resource texts.
extension CognitoErrors {
    /// [I] DuplicateProviderException is the model's error for a repeated name or identifier.
    static func duplicateProvider(_ name: String) -> AWSServiceError {
        AWSServiceError(type: "DuplicateProviderException", message: "A provider with the name \(name) already exists in this user pool.")
    }

    /// [I]
    static func duplicateIdpIdentifier(_ identifier: String) -> AWSServiceError {
        AWSServiceError(type: "DuplicateProviderException", message: "Identifier \(identifier) is already used by another provider.")
    }

    /// [I] Worded like "User pool client <id> does not exist."
    static func identityProviderNotFound(_ name: String) -> AWSServiceError {
        .resourceNotFound("Identity provider \(name) does not exist.")
    }

    /// [I]
    static func idpIdentifierNotFound(_ identifier: String) -> AWSServiceError {
        .resourceNotFound("Identity provider with identifier \(identifier) does not exist.")
    }

    /// [I] Social providers carry their type as their name [D: DG "the provider name must be Google",
    /// the CDK/Terraform examples all name them so].
    static func socialProviderName(_ type: String) -> AWSServiceError {
        .invalidParameter("The provider name of a \(type) identity provider must be \(type).")
    }

    /// [I] A ProviderDetails key the provider type requires [D: BOTO ProviderDetails lists them].
    static func missingProviderDetail(_ key: String, type: String) -> AWSServiceError {
        .invalidParameter("ProviderDetails of a \(type) identity provider must include \(key).")
    }

    /// [I] SAML needs exactly one of MetadataURL and MetadataFile [D: BOTO].
    static let samlMetadataRequired = AWSServiceError.invalidParameter(
        "ProviderDetails of a SAML identity provider must include either MetadataURL or MetadataFile.")

    /// [I] AttributeMapping keys are user pool attributes (or `username`) [D: DG attribute mapping].
    static func invalidAttributeMapping(_ attribute: String) -> AWSServiceError {
        .invalidParameter("Invalid attribute mapping: \(attribute) is not an attribute of the user pool.")
    }
}
