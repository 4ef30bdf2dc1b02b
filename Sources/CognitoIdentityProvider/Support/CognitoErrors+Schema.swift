import AWSJSONProtocol

/// Error texts of the pool schema (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
    /// [R] CreateUserPool with a required custom attribute:
    /// https://github.com/boto/boto3/issues/2317 and https://github.com/trek10inc/serverless-cognito-manager/issues/4;
    /// the same text for AddCustomAttributes [I].
    static let requiredCustomAttribute = AWSServiceError.invalidParameter(
        "Required custom attributes are not supported currently.")

    /// [R] AddCustomAttributes with a name the pool has:
    /// https://github.com/jmaleonard/serverless-cognito-add-custom-attributes/issues/3
    /// ("custom:custom:name: Existing attribute already has name custom:custom:name."); a name sent
    /// twice in one request gets the same text [I].
    static func customAttributeExists(_ name: String) -> AWSServiceError {
        .invalidParameter("\(name): Existing attribute already has name \(name).")
    }

    /// [I] The limit is documented (50 custom attributes, developer guide Quotas); the text is this
    /// project's, the type the only fitting one in AddCustomAttributes' error list (BOTO has no
    /// LimitExceededException there).
    static let tooManyCustomAttributes = AWSServiceError.invalidParameter(
        "A user pool can have at most 50 custom attributes.")
}
