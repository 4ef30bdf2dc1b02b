import AWSJSONProtocol

/// Every Cognito error text this server emits, in one place, each with its evidence tag from
/// `shared/spec/cognito-mfa.md` ([R] real response, [M] measured, [D] documented, [I] inferred;
/// "row N" points at the spec's section 9 decision table).
enum CognitoErrors {
    /// [R] FLOCI-2853, MOTO-4434, ASPNET-135 (spec 1.5 rule 2).
    static func userPoolNotFound(_ poolId: String) -> AWSServiceError {
        .resourceNotFound("User pool \(poolId) does not exist.")
    }

    /// [M] FLOCI-2831 (spec 1.5 rule 3; row 6).
    static let invalidSmsMfaConfiguration = AWSServiceError.invalidParameter(
        "Invalid SMS MFA configuration given, external id and a valid caller arn are required")

    /// [R] TF-USERPOOL, CROSSPLANE, LGALLARD-74; [M] CDKD-1923 (spec 1.5 rule 4).
    static let offWithFactor = AWSServiceError.invalidParameter(
        "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.")

    /// [R] CDKD-NOTES-JA, RESPAI-DOC; [M] FLOCI-SETMFA-TEST (spec 1.5 rule 5; row 1, current wording).
    static let noFactorEnabled = AWSServiceError.invalidParameter(
        "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.")

    /// [D] BOTO + [R] TF-40734 message form; feature label "Email MFA" is row 4's choice.
    static func featureUnavailableInTier(_ tier: String, feature: String) -> AWSServiceError {
        AWSServiceError(
            type: "FeatureUnavailableInTierException",
            message: "The following features need to be disabled for the \(tier) pricing tier configured: \(feature)")
    }

    /// [R] NEXUS-ADR; [M] CDKD-PROVIDER (spec 1.5 rule 6).
    static let emailMfaWithCognitoDefaultSender = AWSServiceError.invalidParameter(
        "Cannot set EmailMfaConfiguration when user pool EmailConfiguration contains an EmailSendingAccount of COGNITO_DEFAULT.")

    /// [R] NEXUS-ADR (spec 1.5 rule 6).
    static let emailMfaWithEmailOnlyRecovery = AWSServiceError.invalidParameter(
        "Cannot set EmailMfaConfiguration when user pool AccountRecoverySetting is not set or contains only verified_email in RecoveryMechanisms.")

    /// [M] CDKD-PROVIDER (spec 1.5 rule 8).
    static let onWithPasswordlessFirstFactors = AWSServiceError.invalidParameter(
        "Only PASSWORD and WEB_AUTHN (if configured) can be enabled as an auth factor if MFA is enabled")

    /// [M] CDKD-PROVIDER (spec 1.5 rule 8).
    static let singleFactorWebAuthnWithRequiredMfa = AWSServiceError.invalidParameter(
        "Cannot set WebAuthn factor configuration to SINGLE_FACTOR if MFA is required and WebAuthn is an allowed first auth factor")

    /// [R] CDK-11478 (spec 1.5 rule 7, seen on CreateUserPool).
    static let phoneRecoveryWithSmsMfa = AWSServiceError.invalidParameter(
        "Invalid account recovery setting parameter. Account Recovery Setting cannot use verified_phone_number as a recovery mechanism when SMS MFA is configured.")

    /// [R] CDK-11478, CDK-12075, CFN-769, CFN-2221 (spec section 2; row 7).
    static let mfaNeedsSmsConfiguration = AWSServiceError.invalidParameter(
        "SMS configuration and Auto verification for phone_number are required when MFA is required/optional")

    /// [R] cfn-lint issue 237 (2018): CreateUserPool with MFA ON and an SmsConfiguration without
    /// ExternalId, although the model no longer marks ExternalId as required.
    static let smsConfigurationWithoutExternalId = AWSServiceError.invalidParameter(
        "1 validation error detected: Value null at 'smsConfiguration.externalId' failed to satisfy constraint: Member must not be null")

    /// [R] quoted in Terraform provider issues about deletion_protection (see the end-to-end test).
    static let deletionProtectionActive = AWSServiceError.invalidParameter(
        "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")

    /// [I] Cognito documents only that UsernameAttributes and AliasAttributes exclude each other.
    static let usernameAndAliasAttributes = AWSServiceError.invalidParameter(
        "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool")

    /// [I] The token was not issued by this server (or was altered).
    static let invalidPaginationToken = AWSServiceError.invalidParameter("Invalid pagination token.")

    // MARK: App clients

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
