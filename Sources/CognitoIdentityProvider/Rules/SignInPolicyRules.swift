/// The pool's `Policies.SignInPolicy.AllowedFirstAuthFactors` against its `UserPoolTier`: passwordless
/// first factors (email and SMS codes, passkeys) need ESSENTIALS or PLUS.
enum SignInPolicyRules {
    static let passwordlessFactors: Set<String> = ["EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]

    /// `FeatureUnavailableInTierException` for a LITE pool that allows a passwordless first factor
    /// [R: amplify-backend#2805 quoting the text, "Passwordless Sign-In"; the same label for passkeys is [I]].
    static func check(_ pool: UserPool) throws {
        if pool.tier == "LITE", !passwordlessFactors.isDisjoint(with: pool.allowedFirstAuthFactors) {
            throw CognitoErrors.featureUnavailableInTier("LITE", feature: "Passwordless Sign-In")
        }
    }
}
