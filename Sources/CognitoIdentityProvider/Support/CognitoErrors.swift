import AWSJSONProtocol

/// Every Cognito error text this server emits, in one place, each with its evidence tag from
/// `docs/spec.md` ([R] real response, [M] measured, [D] documented, [I] inferred; "spec N.M" is a
/// section of that file, "row N" a line of its section 9 decision table).
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
}

extension CognitoErrors {
    /// [I] The limit is documented ("as many as 50 tags", BOTO TagResource); the text is this project's.
    static let tooManyTags = AWSServiceError.invalidParameter("A user pool can have as many as 50 tags.")
}
