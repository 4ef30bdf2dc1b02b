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

    // MARK: - Users
    // Evidence URLs are given in full for texts found after the spec was written.

    /// [R] https://github.com/amazon-archives/amazon-cognito-auth-js/issues/168 (`UserNotFoundException`,
    /// `User does not exist.`); admin operations and access-token operations.
    static let userNotFound = AWSServiceError(type: "UserNotFoundException", message: "User does not exist.")

    /// [R] client-id operations (ForgotPassword, ResendConfirmationCode, ConfirmSignUp) on an unknown
    /// user: aws-amplify/amplify-ui e2e feature "Reset Password with invalid username" and apps that
    /// match the exact text (https://github.com/aws-amplify/amplify-js/issues/10157).
    static let usernameClientIdNotFound = AWSServiceError(
        type: "UserNotFoundException", message: "Username/client id combination not found.")

    /// [R] https://github.com/localstack/localstack/issues/4465 (AdminCreateUser on AWS, 2021).
    static let userAccountExists = AWSServiceError(type: "UsernameExistsException", message: "User account already exists")

    /// [R] SignUp on AWS: "An error occurred (UsernameExistsException) when calling the SignUp
    /// operation: User already exists" (API docs quoting it in public code).
    static let userAlreadyExists = AWSServiceError(type: "UsernameExistsException", message: "User already exists")

    /// [R] apps matching `UsernameExistsException:An account with the given email already exists.`
    /// (email used as username or alias already taken).
    static let emailAlreadyExists = AWSServiceError(
        type: "UsernameExistsException", message: "An account with the given email already exists.")
    /// [I] the phone-number counterpart of `emailAlreadyExists`.
    static let phoneAlreadyExists = AWSServiceError(
        type: "UsernameExistsException", message: "An account with the given phone_number already exists.")

    /// `AliasExistsException` when a verified email / phone alias already belongs to another user
    /// [D: BOTO error list of AdminCreateUser / ConfirmSignUp / AdminUpdateUserAttributes]; the text
    /// reuses the UsernameExistsException wording above [I].
    static func aliasExists(_ attribute: String) -> AWSServiceError {
        AWSServiceError(type: "AliasExistsException", message: "An account with the given \(attribute) already exists.")
    }

    /// [R] https://github.com/boto/boto3/issues/3836 (AdminCreateUser, 2023) and
    /// https://github.com/aws-samples/sample-aws-genai-ops-demos/pull/2.
    static let usernameShouldBeEmail = AWSServiceError.invalidParameter("Username should be an email.")
    /// [R] infrastructure notes quoting AWS ("fails with \"Username should be a phone number\"", 2026);
    /// the final period is [I], by analogy with the email text.
    static let usernameShouldBePhone = AWSServiceError.invalidParameter("Username should be a phone number.")

    /// [R] widely matched `NotAuthorizedException: User is disabled.` (e.g. integration tests
    /// "InitiateAuth for a disabled user is NotAuthorizedException: User is disabled.").
    static let userDisabled = AWSServiceError(type: "NotAuthorizedException", message: "User is disabled.")

    /// [R] apps matching `UserNotConfirmedException:User is not confirmed.`
    static let userNotConfirmed = AWSServiceError(type: "UserNotConfirmedException", message: "User is not confirmed.")

    /// [R] spec section 9 row 20.
    static let incorrectUsernameOrPassword = AWSServiceError(
        type: "NotAuthorizedException", message: "Incorrect username or password.")

    /// [R] https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/80 (2020) for CONFIRMED;
    /// the status is filled in for other states [I].
    static func cannotConfirm(_ status: UserStatus) -> AWSServiceError {
        AWSServiceError(type: "NotAuthorizedException", message: "User cannot be confirmed. Current status is \(status.rawValue)")
    }

    /// [R] https://github.com/aws-amplify/amplify-ui/issues/219 (ResendConfirmationCode, 2019).
    static let alreadyConfirmed = AWSServiceError.invalidParameter("User is already confirmed.")

    /// [R] apps matching `CodeMismatchException` "Invalid verification code provided, please try again."
    static let codeMismatch = AWSServiceError(
        type: "CodeMismatchException", message: "Invalid verification code provided, please try again.")

    /// [R] "An error occurred (ExpiredCodeException) when calling the ConfirmForgotPassword operation:
    /// Invalid code provided, please request a code again." (quoted in public code).
    static let expiredCode = AWSServiceError(
        type: "ExpiredCodeException", message: "Invalid code provided, please request a code again.")

    /// [R] apps matching `InvalidParameterException` with this text (ForgotPassword, no verified channel).
    static let noVerifiedRecoveryChannel = AWSServiceError.invalidParameter(
        "Cannot reset password for the user as there is no registered/verified email or phone_number")

    /// [R] ForgotPassword for a FORCE_CHANGE_PASSWORD user, measured on a staging pool and quoted in
    /// public notes: "NotAuthorizedException: User password cannot be reset in the current state."
    static let passwordCannotBeReset = AWSServiceError(
        type: "NotAuthorizedException", message: "User password cannot be reset in the current state.")

    /// [R] many apps quote `SignUp is not permitted for this user pool` (AllowAdminCreateUserOnly).
    static let signUpNotPermitted = AWSServiceError(
        type: "NotAuthorizedException", message: "SignUp is not permitted for this user pool")

    /// [R] code in public repositories recording AWS's answer to AdminCreateUser / UpdateUserAttributes
    /// with `sub`: "Cannot modify the non-mutable attribute sub".
    static func nonMutableAttribute(_ name: String) -> AWSServiceError {
        .invalidParameter("Cannot modify the non-mutable attribute \(name)")
    }

    /// [R] apps matching "Invalid email address format." (InvalidParameterException).
    static let invalidEmail = AWSServiceError.invalidParameter("Invalid email address format.")
    /// [I] the phone counterpart.
    static let invalidPhone = AWSServiceError.invalidParameter("Invalid phone number format.")

    /// Attributes a create operation (SignUp, AdminCreateUser) cannot take. The line form
    /// "<name>: <problem>.\n" after "Attributes did not conform to the schema: " is [R] for a missing
    /// required attribute (apps matching "Attributes did not conform to the schema: email: The
    /// attribute is required"; a Reddit capture shows "given_name: The attribute is required." lines);
    /// the unknown-attribute line reuses the update text below [I].
    static func attributesDoNotConform(_ problems: [(name: String, problem: String)]) -> AWSServiceError {
        .invalidParameter(
            "Attributes did not conform to the schema: " + problems.map { "\($0.name): \($0.problem).\n" }.joined())
    }
    static let attributeRequired = "The attribute is required"
    static let attributeNotInSchema = "Attribute does not exist in the schema"

    /// [R] UpdateUserAttributes answer quoted in a public write-up:
    /// `{"__type":"InvalidParameterException","message":"user.update_email: Attribute does not exist in the schema.\n"}`.
    static func updateAttributeNotInSchema(_ name: String) -> AWSServiceError {
        .invalidParameter("user.\(name): Attribute does not exist in the schema.\n")
    }

    /// [R] https://github.com/aws-amplify/amplify-swift/issues/3981 and
    /// https://github.com/aws-amplify/amplify-js/issues/3526 ("user.email: Attribute cannot be updated.\n").
    static func attributeCannotBeUpdated(_ name: String) -> AWSServiceError {
        .invalidParameter("user.\(name): Attribute cannot be updated.\n")
    }

    /// [R] https://github.com/aws/aws-sdk-php/issues/1088 (2016) and
    /// https://github.com/aws/aws-aspnet-cognito-identity-provider/issues/235 (2023).
    static let filterParseError = AWSServiceError.invalidParameter("Error while parsing filter.")

    /// [I] emulator texts only (no AWS capture found): AdminCreateUser RESEND for a user who is not
    /// in FORCE_CHANGE_PASSWORD.
    static func resendNotPossible(_ username: String) -> AWSServiceError {
        AWSServiceError(
            type: "UnsupportedUserStateException",
            message: "Resend not possible. \(username) status is not FORCE_CHANGE_PASSWORD")
    }

    /// [I] ConfirmSignUp / ResendConfirmationCode when the pool verifies nothing automatically.
    static let autoVerificationNotEnabled = AWSServiceError.invalidParameter("Auto verification not turned on.")

    /// `InvalidPasswordException` with the prefix each operation uses (see `PasswordPolicy.Wording`):
    /// SignUp [R] https://github.com/aws-amplify/amplify-js/issues/2416 ("Password did not conform
    /// with policy: Password not long enough"); AdminCreateUser [R]
    /// https://github.com/data-dot-all/dataall/issues/690 ("Password did not conform with password
    /// policy: Password must have numeric characters"); ConfirmForgotPassword / NEW_PASSWORD_REQUIRED [R]
    /// apps matching "Password does not conform to policy: Password not long enough".
    static func invalidPassword(_ rule: String, wording: PasswordPolicy.Wording) -> AWSServiceError {
        let prefix: String
        switch wording {
        case .signUp: prefix = "Password did not conform with policy: "
        case .adminCreateUser: prefix = "Password did not conform with password policy: "
        case .reset: prefix = "Password does not conform to policy: "
        }
        return AWSServiceError(type: "InvalidPasswordException", message: prefix + rule)
    }

    /// [R] CLI transcript "An error occurred (NotAuthorizedException) when calling the
    /// UpdateUserAttributes operation: A client attempted to write unauthorized attribute", and apps
    /// hitting it on SignUp.
    static let unauthorizedAttributeWrite = AWSServiceError(
        type: "NotAuthorizedException", message: "A client attempted to write unauthorized attribute")

    /// [R-weak] an app's table of Cognito messages lists "Password cannot be empty" beside
    /// "Invalid email address format."; used for SignUp without Password [I].
    static let passwordEmpty = AWSServiceError.invalidParameter("Password cannot be empty")
}
