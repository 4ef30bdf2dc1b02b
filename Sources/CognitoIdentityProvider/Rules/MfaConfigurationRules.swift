import AWSJSONProtocol

/// SetUserPoolMfaConfig's checks, in the order AWS applies them (spec 1.5), and the full-replace
/// update they allow (spec 1.4). Model constraints (rule 1) and the pool lookup (rule 2) have
/// already passed when `apply` runs.
enum MfaConfigurationRules {
    /// The pool as it is after `request`, or the first rule the request breaks.
    static func apply(_ request: JSONValue, to pool: UserPool) throws -> UserPool {
        // Spec 1.4: an omitted MfaConfiguration means OFF.
        let mode = request["MfaConfiguration"]?.stringValue.flatMap(MfaMode.init(rawValue:)) ?? .off
        let smsBlock = request["SmsMfaConfiguration"]?.objectValue
        let softwareTokenBlock = request["SoftwareTokenMfaConfiguration"]?.objectValue
        let emailBlock = request["EmailMfaConfiguration"]?.objectValue
        let webAuthnBlock = request["WebAuthnConfiguration"]?.objectValue

        // Rule 3: the SMS block needs a caller ARN and external id, sent now or stored on the
        // pool (row 6). It runs before the mode checks, whatever the mode.
        if let smsBlock {
            let smsConfiguration = smsBlock["SmsConfiguration"] ?? pool.smsConfiguration
            guard let smsConfiguration, Self.isUsable(smsConfiguration) else {
                throw CognitoErrors.invalidSmsMfaConfiguration
            }
        }

        let hasFactorBlock = smsBlock != nil || softwareTokenBlock != nil || emailBlock != nil
        switch mode {
        case .off:
            // Rule 4: a factor block's presence, whatever its value, conflicts with OFF.
            // WebAuthnConfiguration is not an MFA factor and is allowed.
            if hasFactorBlock { throw CognitoErrors.offWithFactor }
        case .on, .optional:
            // Rule 5 (row 1 wording, row 2: `{Enabled:false}` counts as present).
            if !hasFactorBlock { throw CognitoErrors.noFactorEnabled }
        }

        // Rule 6, in row 4's order: tier, sending account, recovery setting.
        if emailBlock != nil {
            if pool.tier == "LITE" { throw CognitoErrors.featureUnavailableInTier("LITE", feature: "Email MFA") }
            if pool.emailSendingAccount == "COGNITO_DEFAULT" { throw CognitoErrors.emailMfaWithCognitoDefaultSender }
            let recovery = pool.recoveryMechanisms
            if recovery.isEmpty || recovery == ["verified_email"] { throw CognitoErrors.emailMfaWithEmailOnlyRecovery }
        }

        // Row 3: an omitted WebAuthnConfiguration keeps the stored one.
        let webAuthn = webAuthnBlock ?? pool.factors.webAuthn

        // Rule 8: required MFA and passwordless first factors.
        if mode == .on {
            let firstFactors = pool.allowedFirstAuthFactors
            if firstFactors.contains("EMAIL_OTP") || firstFactors.contains("SMS_OTP") {
                throw CognitoErrors.onWithPasswordlessFirstFactors
            }
            if firstFactors.contains("WEB_AUTHN"),
                webAuthn?["FactorConfiguration"]?.stringValue != "MULTI_FACTOR_WITH_USER_VERIFICATION"
            {
                throw CognitoErrors.singleFactorWebAuthnWithRequiredMfa
            }
        }

        // Rule 10: replace the whole MFA state.
        var updated = pool
        updated.mfaMode = mode
        var factors = MfaFactors()
        factors.sms = smsBlock != nil
        factors.softwareToken = softwareTokenBlock.map { $0["Enabled"]?.boolValue ?? false }
        factors.email = emailBlock
        factors.webAuthn = webAuthn
        updated.factors = factors
        if let smsBlock {
            // The SMS configuration and text are shared with Create/UpdateUserPool (spec 1.6);
            // row 5: dropping the SMS factor does not clear the pool's SmsConfiguration.
            if let smsConfiguration = smsBlock["SmsConfiguration"] { updated.settings["SmsConfiguration"] = smsConfiguration }
            updated.settings["SmsAuthenticationMessage"] = smsBlock["SmsAuthenticationMessage"]
        }
        return updated
    }

    /// An SMS configuration Cognito could use: a caller ARN and an external id (FLOCI-2831's text
    /// names both). Whether the role really lets Cognito publish is not checked (spec 1.5 rule 9).
    static func isUsable(_ smsConfiguration: JSONValue) -> Bool {
        guard let arn = smsConfiguration["SnsCallerArn"]?.stringValue, !arn.isEmpty else { return false }
        guard let externalId = smsConfiguration["ExternalId"]?.stringValue, !externalId.isEmpty else { return false }
        return true
    }
}
