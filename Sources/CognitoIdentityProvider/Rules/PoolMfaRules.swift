import AWSJSONProtocol

/// The MFA rules of CreateUserPool and UpdateUserPool (spec section 2; section 9 rows 7 and 18).
/// These operations can switch MFA on only through SMS; TOTP and email MFA come from SetUserPoolMfaConfig.
enum PoolMfaRules {
    /// Applies a requested `MfaConfiguration` (nil = keep the pool's, as UpdateUserPool does) to `pool`,
    /// whose settings already hold the request's SmsConfiguration if it sent one.
    static func apply(requestedMode: MfaMode?, to pool: UserPool) throws -> UserPool {
        var updated = pool
        switch requestedMode {
        case nil:
            break
        case .off:
            updated.mfaMode = .off
            updated.factors = pool.factors.droppingMfaFactors
        case .on?, .optional?:
            // Row 18: an SmsConfiguration (its SnsCallerArn is required by the model) switches the
            // SMS factor on, so Get and Describe agree.
            if let smsConfiguration = pool.smsConfiguration {
                if (smsConfiguration["ExternalId"]?.stringValue ?? "").isEmpty {
                    throw CognitoErrors.smsConfigurationWithoutExternalId
                }
                updated.factors.sms = true
            } else if !pool.factors.hasAnyFactor {
                // Row 7; UpdateUserPool may keep ON/OPTIONAL on a pool that already has a factor [M: CDKD-PROVIDER].
                throw CognitoErrors.mfaNeedsSmsConfiguration
            }
            updated.mfaMode = requestedMode ?? pool.mfaMode
        }
        // Spec 1.5 rule 7, seen on CreateUserPool [R: CDK-11478].
        if updated.mfaMode != .off, updated.factors.sms, updated.recoveryMechanisms.contains("verified_phone_number") {
            throw CognitoErrors.phoneRecoveryWithSmsMfa
        }
        return updated
    }
}
