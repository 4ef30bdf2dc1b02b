import AWSJSONProtocol

/// Error texts of app clients and SECRET_HASH (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
    /// [R] aws/aws-sdk-php#2183 (raw body), aws-amplify/amplify-flutter#740, anomalyco/guide#82.
    static func userPoolClientNotFound(_ clientId: String) -> AWSServiceError {
        .resourceNotFound("User pool client \(clientId) does not exist.")
    }

    /// [R] hashicorp/terraform-provider-aws#32504, aws-samples/cloudfront-authorization-at-edge#144,
    /// awsdocs/aws-cloudformation-user-guide#828 (any token validity outside its range).
    static let invalidTokenValidityRange = AWSServiceError.invalidParameter("Invalid range for token validity.")

    /// [R] aws/aws-cdk#7625 (ExplicitAuthFlows of ALLOW_ values without ALLOW_REFRESH_TOKEN_AUTH).
    static let refreshTokenAuthRequired = AWSServiceError.invalidParameter("REFRESH_TOKEN_AUTH should always be allowed.")

    /// [D] BOTO forbids legacy and ALLOW_ ExplicitAuthFlows together; [I] the wording.
    static let legacyAndAllowFlowsMixed = AWSServiceError.invalidParameter(
        "Legacy ExplicitAuthFlows values cannot be used together with values that begin with ALLOW_.")

    /// [D] BOTO forbids GenerateSecret true with a ClientSecret; [I] the wording.
    static let generateSecretWithClientSecret = AWSServiceError.invalidParameter(
        "Cannot specify both GenerateSecret as true and a ClientSecret value.")

    /// [I] wording of the write-attributes text (below) applied to ReadAttributes, as a public
    /// CloudFormation preflight rule (pf-cognito-read-attributes-exists) quotes it.
    static func invalidReadAttributes(_ action: String) -> AWSServiceError {
        .invalidParameter("Invalid read attributes specified while \(action) a client")
    }

    /// [R] deploy notes quoting "Invalid write attributes specified while creating a client" and
    /// "... while updating a client" (email_verified listed; a required attribute left out, measured).
    static func invalidWriteAttributes(_ action: String) -> AWSServiceError {
        .invalidParameter("Invalid write attributes specified while \(action) a client")
    }

    /// [R] aws-amplify/amplify-android#2504, furaiev/amazon-cognito-identity-dart-2#249.
    static func secretHashMissing(_ clientId: String) -> AWSServiceError {
        AWSServiceError(
            type: "NotAuthorizedException", message: "Client \(clientId) is configured with secret but SECRET_HASH was not received")
    }

    /// A wrong SECRET_HASH on sign-in, sign-up and the other client calls: [R] raw bodies in
    /// ArranJacques/laravel-aws-cognito-auth#26, a pycognito RespondToAuthChallenge trace, and the
    /// AWS knowledge-center article titled with this text; current in 2025 app error tables.
    static func secretHashMismatch(_ clientId: String) -> AWSServiceError {
        AWSServiceError(type: "NotAuthorizedException", message: "Unable to verify secret hash for client \(clientId)")
    }

    /// A wrong SECRET_HASH on REFRESH_TOKEN_AUTH: [R] aws/aws-sdk-net-extensions-cognito#94 and #122
    /// (2022–23), theosnel/python-xsense#9 (2024); spec 3.4.
    static func refreshSecretHashMismatch(_ clientId: String) -> AWSServiceError {
        AWSServiceError(type: "NotAuthorizedException", message: "SecretHash does not match for the client: \(clientId)")
    }
}
