import AWSJSONProtocol

/// The error texts of sign-in, sessions and tokens, each with its evidence (tags as in
/// `CognitoErrors`; "row N" is a decision of spec section 9). Texts shared with the user
/// operations (unknown, disabled, unconfirmed user; wrong password) are in `CognitoErrors`.
enum AuthErrors {
    static func notAuthorized(_ message: String) -> AWSServiceError {
        AWSServiceError(type: "NotAuthorizedException", message: message)
    }

    /// Spec 3.4 [R: AMPLIFY-JS-13123, LOGIN-API-DOC].
    static let sessionUsed = notAuthorized("Invalid session for the user, session can only be used once.")
    /// Spec 3.4 [R: apps matching the exact string].
    static let sessionExpired = notAuthorized("Invalid session for the user, session is expired.")
    /// Spec 3.4 [R: PASSWORDLESS-17].
    static let invalidSession = notAuthorized("Invalid session for the user.")
    /// Spec 3.4 [R: ACIJS-627, ACIJS-542].
    static let missingSession = AWSServiceError.invalidParameter("Missing required parameter Session")

    /// [A] apps anchoring a regex on the text without a final period.
    static let passwordResetRequired = AWSServiceError(
        type: "PasswordResetRequiredException", message: "Password reset required for the user")
    /// [A] current wording (2018–19 clients saw `User account has expired, it must be reset by an administrator.`).
    static let temporaryPasswordExpired = notAuthorized(
        "Temporary password has expired and must be reset by an administrator.")

    /// Row 12 [R for the text: ACIJS-506].
    static let passwordAttemptsExceeded = notAuthorized("Password attempts exceeded")
    /// An OAuth access token without aws.cognito.signin.user.admin on a user operation [R: amplify-js#1906].
    static let accessTokenMissingScopes = notAuthorized("Access Token does not have required scopes")
    /// MFA_SETUP answered with `EMAIL` in a pool without email MFA [I: no capture; the wording follows
    /// the "... is not enabled" texts of the user MFA operations].
    static let emailMfaNotOffered = AWSServiceError.invalidParameter("Email MFA is not enabled for the user pool.")
    /// Wrong SMS or email MFA code: [R] AMPLIFY-JS-3066, AMPLIFY-JS-11069 (row 11 for email).
    static let messageCodeMismatch = AWSServiceError(type: "CodeMismatchException", message: "Invalid code or auth state for the user.")
    /// Wrong TOTP code at sign-in: [R] apps and Amplify UI tests matching the text (spec 3.4).
    static let softwareTokenCodeMismatch = AWSServiceError(type: "CodeMismatchException", message: "Invalid code received for user")

    /// [I] An ANSWER to SELECT_MFA_TYPE that was not offered; no real text found.
    static func invalidMfaChoice(_ answer: String) -> AWSServiceError {
        .invalidParameter("Invalid MFA type \(answer) for SELECT_MFA_TYPE challenge.")
    }

    /// [I] A USER_AUTH choice (`ANSWER` of SELECT_CHALLENGE) that is not one of `AvailableChallenges`;
    /// no real text found.
    static func invalidChallengeChoice(_ answer: String) -> AWSServiceError {
        .invalidParameter("Invalid challenge \(answer) for SELECT_CHALLENGE.")
    }

    /// A WEB_AUTHN assertion that fails: unknown credential, wrong signature, a sign count that did
    /// not grow [I: the wrong-password text, as for a wrong SRP claim].
    static let invalidPasskey = notAuthorized("Incorrect username or password.")

    /// USER_AUTH on a client without `ALLOW_USER_AUTH` [I: the USER_PASSWORD_AUTH text's pattern].
    static let userAuthNotEnabled = flowNotEnabled("USER_AUTH")

    /// [A] apps matching `Missing required parameter USERNAME` / `REFRESH_TOKEN`; [R] `SRP_A` in
    /// aws/aws-sdk-cpp#452; PASSWORD and NEW_PASSWORD follow the same pattern [I].
    static func missingParameter(_ name: String) -> AWSServiceError {
        .invalidParameter("Missing required parameter \(name)")
    }

    /// [R] a 2024 Lambda log quoting `USER_PASSWORD_AUTH flow not enabled for this client`.
    static func flowNotEnabled(_ flow: String) -> AWSServiceError {
        .invalidParameter("\(flow) flow not enabled for this client")
    }

    /// USER_SRP_AUTH on a client that does not allow it (with the period, unlike the
    /// USER_PASSWORD_AUTH text) [R: aws-samples/aws-serverless-workshops#277].
    static let srpFlowNotEnabled = AWSServiceError.invalidParameter("USER_SRP_AUTH is not enabled for the client.")

    /// An SRP_A that is not a hex number, is longer than N, or is 0 mod N. The type is AWS's
    /// [R: amazon-archives/amazon-cognito-identity-js#356, "changed the SRP_A value ... getting
    /// InvalidParameterException"]; no message has been seen, this one is the project's [I].
    static let invalidSrpA = AWSServiceError.invalidParameter("Invalid SRP_A")

    /// [A] apps matching the exact text for ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH.
    static let adminFlowNotEnabled = AWSServiceError.invalidParameter("Auth flow not enabled for this client")

    /// An AuthFlow of the other operation, either way [R: awsdocs/aws-doc-sdk-examples#5289,
    /// soto-project/soto-cognito-authentication-kit#10].
    static let adminFlowOnPublicOperation = AWSServiceError.invalidParameter("Initiate Auth method not supported.")

    /// [R] aws-amplify/aws-sdk-android#1402, aws/aws-sdk-js#1290.
    static func requiredAttributeMissing(_ name: String) -> AWSServiceError {
        .invalidParameter("Invalid attributes given, \(name) is missing")
    }

    /// [R] raw bodies in aws/aws-sdk-cpp#1789 and aws/aws-sdk-js-v3#7162 (with the period);
    /// also for a refresh token used with another client (AWS knowledge-center article).
    static let invalidRefreshToken = notAuthorized("Invalid Refresh Token.")
    /// [A] apps matching the exact text.
    static let refreshTokenExpired = notAuthorized("Refresh Token has expired")
    /// [R: AMPLIFY-SWIFT-3344, the 78-byte body of spec 5.2].
    static let refreshTokenRevoked = notAuthorized("Refresh Token has been revoked")

    /// RevokeToken's texts are not confirmed: the API reference names only the exception types.
    static func invalidClientSecret(_ clientId: String) -> AWSServiceError {
        notAuthorized("Client secret does not match for the client: \(clientId)")
    }

    static let revocationDisabled = AWSServiceError(
        type: "UnsupportedOperationException", message: "Token revocation is not enabled for this app client.")
    static let unrevokableToken = AWSServiceError(
        type: "UnsupportedTokenTypeException", message: "The token type is not supported for revocation.")

    /// Spec 4.1 [R: ANGULAR-QS-137, AMPLIFY-ANDROID-2481].
    static let invalidAccessToken = notAuthorized("Invalid Access Token")
    static let accessTokenExpired = notAuthorized("Access Token has expired")
    static let accessTokenRevoked = notAuthorized("Access Token has been revoked")
}
