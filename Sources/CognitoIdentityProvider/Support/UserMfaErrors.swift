import AWSJSONProtocol

/// The error texts of the per-user MFA operations (AssociateSoftwareToken, VerifySoftwareToken,
/// Set/AdminSetUserMFAPreference), each with its evidence: tags as in `CognitoErrors`; "row N" is a
/// decision of spec section 9; URLs are given in full for evidence found after the spec was written.
enum UserMfaErrors {
    /// Pool without TOTP enabled, on AssociateSoftwareToken and VerifySoftwareToken ("can't use the
    /// token to associate or verify users"). [D] developer guide "TOTP software token MFA"
    /// (docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html, current
    /// text) gives the description in code format without a final period; the June 2023 text
    /// (awsdocs/amazon-cognito-developer-guide doc_source/user-pool-settings-mfa-totp.md) quoted it
    /// in prose with one. The current, literal form is used; apps mocking the error
    /// (`new Error("Software Token MFA has not been enabled by the userPool")`) agree.
    static let softwareTokenMfaNotEnabled = AWSServiceError(
        type: "SoftwareTokenMFANotFoundException", message: "Software Token MFA has not been enabled by the userPool")

    /// VerifySoftwareToken for a user with no secret waiting to be verified (never associated, or
    /// already verified). [R] the text AWS answered for "no software token for this user" in
    /// https://github.com/amazon-archives/amazon-cognito-identity-js/issues/630 (2017, on
    /// RespondToAuthChallenge); [I] that VerifySoftwareToken uses the same type and text.
    static let softwareTokenNotAssociated = AWSServiceError(
        type: "SoftwareTokenMFANotFoundException", message: "Software Token MFA does not exist for the user.")

    /// Spec 4.2 [R: AMPLIFY-UI e2e feature file, apps' known-message tables].
    static let codeMismatch = AWSServiceError(
        type: "EnableSoftwareTokenMFAException", message: "Code mismatch and fail enable Software Token MFA")

    /// Spec 3.4 / 4.2 [R: AMPLIFY-SWIFT integration test comment, production apps].
    static let codeAlreadyUsed = AWSServiceError(
        type: "ExpiredCodeException", message: "Your software token has already been used once.")

    /// Row 15.
    static let preferredNotEnabled = AWSServiceError.invalidParameter("Cannot set a preferred MFA method that is not enabled.")

    /// Enabling a factor the user cannot receive (spec 4.3): SOFTWARE_TOKEN_MFA [R: SDKJSV3-4645 and
    /// many apps], SMS_MFA [emulator claim FLOCI-MSGMFA-TEST, same form], EMAIL_OTP [I, same form].
    static func noDeliveryConfig(_ factor: MfaFactor) -> AWSServiceError {
        .invalidParameter("User does not have delivery config set to turn on \(factor.rawValue)")
    }

    /// Email MFA as a user preference in a LITE pool: the tier error and feature label of
    /// SetUserPoolMfaConfig (row 4) [I: that the user-level call answers the same].
    static let emailMfaInLiteTier = CognitoErrors.featureUnavailableInTier("LITE", feature: "Email MFA")
}
