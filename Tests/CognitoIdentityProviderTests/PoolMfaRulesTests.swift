import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// CreateUserPool / UpdateUserPool MFA rules (spec section 2; section 9 rows 7 and 18).
@Suite struct PoolMfaRulesTests {
    let base = MfaConfigurationRulesTests()

    @Test func onWithoutSmsConfigurationIsRefused() {
        #expect(throws: CognitoErrors.mfaNeedsSmsConfiguration) { try PoolMfaRules.apply(requestedMode: .on, to: base.pool()) }
        #expect(throws: CognitoErrors.mfaNeedsSmsConfiguration) { try PoolMfaRules.apply(requestedMode: .optional, to: base.pool()) }
    }

    @Test func smsConfigurationSwitchesTheSmsFactorOn() throws {
        let pool = base.pool(settings: ["SmsConfiguration": MfaConfigurationRulesTests.smsConfiguration])
        let updated = try PoolMfaRules.apply(requestedMode: .optional, to: pool)
        #expect(updated.mfaMode == .optional)
        #expect(updated.mfaConfiguration["SmsMfaConfiguration"] == ["SmsConfiguration": MfaConfigurationRulesTests.smsConfiguration])
    }

    @Test func anOmittedModeKeepsThePoolsMode() throws {
        var factors = MfaFactors()
        factors.softwareToken = true
        let updated = try PoolMfaRules.apply(requestedMode: nil, to: base.pool(mode: .on, factors: factors))
        #expect(updated.mfaMode == .on && updated.factors.softwareToken == true)
    }

    @Test func onIsKeptForAPoolThatAlreadyHasAFactor() throws {
        var factors = MfaFactors()
        factors.softwareToken = true
        let updated = try PoolMfaRules.apply(requestedMode: .on, to: base.pool(mode: .optional, factors: factors))
        #expect(updated.mfaMode == .on)
    }

    @Test func offDropsEveryFactorButWebAuthn() throws {
        var factors = MfaFactors()
        factors.softwareToken = true
        factors.webAuthn = ["RelyingPartyId": "example.com"]
        let updated = try PoolMfaRules.apply(requestedMode: .off, to: base.pool(mode: .on, factors: factors))
        #expect(updated.mfaConfiguration == ["MfaConfiguration": "OFF", "WebAuthnConfiguration": ["RelyingPartyId": "example.com"]])
    }

    @Test func phoneRecoveryConflictsWithSmsMfa() {
        let pool = base.pool(settings: [
            "SmsConfiguration": MfaConfigurationRulesTests.smsConfiguration,
            "AccountRecoverySetting": ["RecoveryMechanisms": [["Name": "verified_phone_number", "Priority": 1]]],
        ])
        #expect(throws: CognitoErrors.phoneRecoveryWithSmsMfa) { try PoolMfaRules.apply(requestedMode: .on, to: pool) }
    }

    @Test func smsConfigurationWithoutExternalIdIsRefusedWhenMfaIsOn() {
        let pool = base.pool(settings: ["SmsConfiguration": ["SnsCallerArn": "arn:aws:iam::123456789012:role/sms"]])
        #expect(throws: CognitoErrors.smsConfigurationWithoutExternalId) { try PoolMfaRules.apply(requestedMode: .on, to: pool) }
        #expect(throws: Never.self) { try PoolMfaRules.apply(requestedMode: .off, to: pool) }
    }
}
