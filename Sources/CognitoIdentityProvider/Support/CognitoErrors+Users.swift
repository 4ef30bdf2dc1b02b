import AWSJSONProtocol

/// Error texts of users, their codes and attributes (evidence tags as in `CognitoErrors`).
extension CognitoErrors {
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

// MARK: - Attribute verification

extension CognitoErrors {
    /// [R-weak] quoted by an app developer from GetUserAttributeVerificationCode with a phone
    /// number passed as the attribute name (https://github.com/aws-amplify/amplify-js/issues/3652);
    /// used by VerifyUserAttribute too [I].
    static let attributeNotVerifiable = AWSServiceError.invalidParameter(
        "invalid attribute name. Only phone_number and email can be verified")

    /// [I] GetUserAttributeVerificationCode for an email / phone number the user does not have.
    static func attributeNotSet(_ name: String) -> AWSServiceError {
        .invalidParameter("The user does not have a \(name) attribute to verify.")
    }
}
