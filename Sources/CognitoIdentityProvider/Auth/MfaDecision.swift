/// Everything the MFA decision reads about a pool and a user (spec 3.2).
struct MfaContext: Sendable {
    let mode: MfaMode
    /// Factors the pool has enabled: SMS when `SmsMfaConfiguration` is configured, TOTP when
    /// `SoftwareTokenMfaConfiguration.Enabled` is true (row 2: `false` offers no TOTP), email when
    /// `EmailMfaConfiguration` is configured.
    let poolFactors: Set<MfaFactor>
    let user: UserMfa
    let hasPhoneNumber: Bool
    let hasEmail: Bool
    /// The factor whose attribute is the pool's first account-recovery mechanism; row 19: none when
    /// the pool has no AccountRecoverySetting.
    let recoveryFactor: MfaFactor?

    /// The pool offers `factor` and this user can receive or produce its code now.
    func canUse(_ factor: MfaFactor) -> Bool {
        guard poolFactors.contains(factor) else { return false }
        switch factor {
        case .sms: return hasPhoneNumber
        case .email: return hasEmail
        case .softwareToken: return user.softwareToken != nil
        }
    }

    /// Message factors a required-MFA pool may use for this user without being asked: enabled in the
    /// pool, the attribute present (verified or not), and not the recovery channel (spec 3.2, ON step 3).
    var eligibleMessageFactors: [MfaFactor] {
        [MfaFactor.sms, .email].filter { canUse($0) && $0 != recoveryFactor }
    }
}

/// What follows a proven password.
enum MfaOutcome: Sendable, Equatable {
    case tokens
    /// SMS_MFA, EMAIL_OTP or SOFTWARE_TOKEN_MFA.
    case challenge(MfaFactor)
    /// SELECT_MFA_TYPE with `MFAS_CAN_CHOOSE`.
    case select([MfaFactor])
    /// MFA_SETUP with `MFAS_CAN_SETUP`.
    case setup([MfaFactor])
}

/// The decision between tokens and an MFA challenge after primary authentication, in the order of
/// spec section 3.2; each branch names the row of the section 3.5 table it produces (the README
/// publishes the same table, and `MfaDecisionTests` has a test per row).
enum MfaDecision {
    static func decide(_ context: MfaContext) -> MfaOutcome {
        switch context.mode {
        case .off:
            // OFF | anything → tokens (stored preferences are kept for later).
            return .tokens
        case .optional:
            // Row 17: in OPTIONAL pools only factors the user enabled count.
            let usable = context.user.enabledList.filter(context.canUse)
            if let preferred = context.user.preferred, usable.contains(preferred) {
                return .challenge(preferred)  // OPTIONAL | TOTP enabled + preferred → SOFTWARE_TOKEN_MFA
            }
            switch usable.count {
            case 0: return .tokens  // OPTIONAL | no enabled factor → tokens
            case 1: return .challenge(usable[0])  // OPTIONAL | SMS enabled, phone set → SMS_MFA
            default: return .select(usable)  // OPTIONAL | SMS + TOTP enabled, none preferred → SELECT_MFA_TYPE
            }
        case .on:
            if let preferred = context.user.preferred, context.user.enabled.contains(preferred), context.canUse(preferred) {
                return .challenge(preferred)  // ON | preferred email MFA → EMAIL_OTP (any preferred factor)
            }
            let messages = context.eligibleMessageFactors
            if context.canUse(.softwareToken) {
                // ON | verified TOTP, no preference, no message factor eligible → SOFTWARE_TOKEN_MFA
                return messages.isEmpty ? .challenge(.softwareToken) : .select([.softwareToken] + messages)
            }
            switch messages.count {
            case 1: return .challenge(messages[0])  // ON | no factor, pool SMS only, phone → SMS_MFA
            case 2: return .select(messages)
            default:
                // ON | no factor, no eligible attribute → MFA_SETUP listing every factor type enabled
                // on the pool: captures list SMS_MFA beside SOFTWARE_TOKEN_MFA for a user without a
                // phone [R: admin-initiate-auth capture; Amplify JS tests list EMAIL_OTP too].
                return .setup(context.poolFactors.sorted())
            }
        }
    }
}
