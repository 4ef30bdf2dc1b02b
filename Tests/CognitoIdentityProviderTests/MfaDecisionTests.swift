import Testing
@testable import CognitoIdentityProvider

/// One test per row of spec section 3.5 (and the section 9 rows that refine it), on the decision
/// function itself; `test_mfa_sign_in.py` repeats them end to end through boto3.
@Suite struct MfaDecisionTests {
    func context(
        _ mode: MfaMode, pool: Set<MfaFactor>, enabled: Set<MfaFactor> = [], preferred: MfaFactor? = nil,
        totp: Bool = false, phone: Bool = false, email: Bool = false, recovery: MfaFactor? = nil
    ) -> MfaContext {
        var user = UserMfa()
        user.enabled = enabled
        user.preferred = preferred
        if totp { user.softwareToken = SoftwareToken(secret: [1], friendlyDeviceName: nil, verifiedAt: 0) }
        return MfaContext(mode: mode, poolFactors: pool, user: user, hasPhoneNumber: phone, hasEmail: email, recoveryFactor: recovery)
    }

    @Test func offGivesTokensWhateverTheUserHas() {
        #expect(MfaDecision.decide(context(.off, pool: [], enabled: [.sms], preferred: .sms, totp: true, phone: true)) == .tokens)
    }

    @Test func optionalWithoutEnabledFactorGivesTokens() {
        #expect(MfaDecision.decide(context(.optional, pool: [.sms, .softwareToken], phone: true)) == .tokens)
    }

    @Test func optionalWithSmsEnabledAndAPhoneChallengesSms() {
        #expect(MfaDecision.decide(context(.optional, pool: [.sms], enabled: [.sms], phone: true)) == .challenge(.sms))
    }

    @Test func optionalWithSmsAndTotpEnabledAndNoPreferenceLetsTheUserChoose() {
        let decided = MfaDecision.decide(context(.optional, pool: [.sms, .softwareToken], enabled: [.sms, .softwareToken], totp: true, phone: true))
        #expect(decided == .select([.sms, .softwareToken]))
    }

    @Test func optionalWithTotpEnabledAndPreferredChallengesTotp() {
        let decided = MfaDecision.decide(
            context(.optional, pool: [.sms, .softwareToken], enabled: [.sms, .softwareToken], preferred: .softwareToken, totp: true, phone: true))
        #expect(decided == .challenge(.softwareToken))
    }

    /// Row 17: a verified but not enabled authenticator does not count in OPTIONAL pools.
    @Test func optionalIgnoresAVerifiedButNotEnabledAuthenticator() {
        #expect(MfaDecision.decide(context(.optional, pool: [.softwareToken], totp: true)) == .tokens)
    }

    @Test func onWithTotpOnlyPoolAndNoFactorAsksForSetup() {
        #expect(MfaDecision.decide(context(.on, pool: [.softwareToken], phone: true, email: true)) == .setup([.softwareToken]))
    }

    @Test func onWithSmsOnlyPoolChallengesSmsWhenTheUserHasAPhone() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms], phone: true)) == .challenge(.sms))
    }

    @Test func onWithSmsOnlyPoolAndNoPhoneAsksForSetup() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms])) == .setup([.sms]))
    }

    @Test func onWithSmsAndTotpPoolAndNoPhoneAsksForSetupOfBoth() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .softwareToken])) == .setup([.sms, .softwareToken]))
    }

    @Test func onWithAVerifiedAuthenticatorAndNoMessageFactorChallengesTotp() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .softwareToken], totp: true)) == .challenge(.softwareToken))
    }

    @Test func onWithAVerifiedAuthenticatorAndAnEligiblePhoneLetsTheUserChoose() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .softwareToken], totp: true, phone: true)) == .select([.softwareToken, .sms]))
    }

    @Test func onWithPreferredEmailChallengesEmail() {
        let decided = MfaDecision.decide(
            context(.on, pool: [.sms, .email, .softwareToken], enabled: [.email], preferred: .email, totp: true, phone: true, email: true))
        #expect(decided == .challenge(.email))
    }

    @Test func onNeverUsesTheRecoveryChannelUnasked() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .email], phone: true, email: true, recovery: .email)) == .challenge(.sms))
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .email], phone: true, email: true)) == .select([.sms, .email]))
    }

    /// MFA_SETUP lists every factor type enabled on the pool, the recovery channel's too (captures list
    /// SMS_MFA beside SOFTWARE_TOKEN_MFA).
    @Test func setupListsEveryFactorOfThePool() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .softwareToken], recovery: .sms)) == .setup([.sms, .softwareToken]))
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .softwareToken, .email])) == .setup([.sms, .softwareToken, .email]))
    }

    /// Row 8: TOTP disabled in the pool and nothing eligible: MFA_SETUP with the message factors.
    @Test func onWithoutTotpAndNothingEligibleAsksForSetupOfTheMessageFactors() {
        #expect(MfaDecision.decide(context(.on, pool: [.sms, .email])) == .setup([.sms, .email]))
    }
}
