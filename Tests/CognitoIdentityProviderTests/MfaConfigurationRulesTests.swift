import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// The rules of spec section 1.5 and the decisions of section 9, one test each, on the rule
/// function itself (the end-to-end suite repeats them through boto3).
@Suite struct MfaConfigurationRulesTests {
    static let smsConfiguration: JSONValue = [
        "SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "external", "SnsRegion": "us-east-1",
    ]

    func pool(settings: [String: JSONValue] = [:], mode: MfaMode = .off, factors: MfaFactors = MfaFactors()) -> UserPool {
        var all = CreateUserPool.defaultSettings(for: [:])
        for (key, value) in settings { all[key] = value }
        return UserPool(
            id: "us-east-1_abcdefghi", name: "p", region: "us-east-1",
            arn: "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_abcdefghi",
            creationDate: 1, lastModifiedDate: 1, mfaMode: mode, factors: factors, settings: all)
    }

    func expectError(_ expected: AWSServiceError, _ request: JSONValue, on pool: UserPool) {
        #expect(throws: expected) { try MfaConfigurationRules.apply(request, to: pool) }
    }

    @Test func omittedModeIsOffAndResetsEverything() throws {
        var factors = MfaFactors()
        factors.softwareToken = true
        let updated = try MfaConfigurationRules.apply(["UserPoolId": "us-east-1_abcdefghi"], to: pool(mode: .on, factors: factors))
        #expect(updated.mfaMode == .off)
        #expect(updated.mfaConfiguration == ["MfaConfiguration": "OFF"])
    }

    @Test func smsBlockWithoutAnyConfigurationIsRefusedBeforeTheModeChecks() {
        expectError(CognitoErrors.invalidSmsMfaConfiguration, ["MfaConfiguration": "OFF", "SmsMfaConfiguration": [:]], on: pool())
        expectError(CognitoErrors.invalidSmsMfaConfiguration, ["MfaConfiguration": "ON", "SmsMfaConfiguration": [:]], on: pool())
    }

    @Test func smsBlockReusesThePoolsConfiguration() throws {
        let updated = try MfaConfigurationRules.apply(
            ["MfaConfiguration": "ON", "SmsMfaConfiguration": ["SmsAuthenticationMessage": "Code {####}"]],
            to: pool(settings: ["SmsConfiguration": Self.smsConfiguration]))
        #expect(updated.mfaConfiguration == [
            "MfaConfiguration": "ON",
            "SmsMfaConfiguration": ["SmsConfiguration": Self.smsConfiguration, "SmsAuthenticationMessage": "Code {####}"],
        ])
    }

    @Test(arguments: [
        ["SoftwareTokenMfaConfiguration": ["Enabled": true]] as JSONValue,
        ["SoftwareTokenMfaConfiguration": ["Enabled": false]],
        ["EmailMfaConfiguration": ["Message": "Code {####}"]],
        ["SmsMfaConfiguration": ["SmsConfiguration": smsConfiguration]],
    ])
    func offWithAnyFactorBlockIsRefused(block: JSONValue) {
        var request = block.objectValue ?? [:]
        expectError(CognitoErrors.offWithFactor, .object(request), on: pool())
        request["MfaConfiguration"] = "OFF"
        expectError(CognitoErrors.offWithFactor, .object(request), on: pool())
    }

    @Test func offWithWebAuthnIsAccepted() throws {
        let updated = try MfaConfigurationRules.apply(
            ["MfaConfiguration": "OFF", "WebAuthnConfiguration": ["RelyingPartyId": "example.com"]], to: pool())
        #expect(updated.mfaConfiguration == [
            "MfaConfiguration": "OFF", "WebAuthnConfiguration": ["RelyingPartyId": "example.com"],
        ])
    }

    @Test func onOrOptionalWithoutAFactorIsRefused() {
        expectError(CognitoErrors.noFactorEnabled, ["MfaConfiguration": "ON"], on: pool())
        expectError(
            CognitoErrors.noFactorEnabled,
            ["MfaConfiguration": "OPTIONAL", "WebAuthnConfiguration": ["RelyingPartyId": "example.com"]], on: pool())
    }

    @Test func onWithADisabledSoftwareTokenBlockIsAcceptedAndEchoed() throws {
        let updated = try MfaConfigurationRules.apply(
            ["MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": ["Enabled": false]], to: pool())
        #expect(updated.mfaConfiguration == ["MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": ["Enabled": false]])
    }

    @Test func emailMfaChecksRunInOrder() throws {
        let request: JSONValue = ["MfaConfiguration": "OPTIONAL", "EmailMfaConfiguration": ["Message": "Code {####}"]]
        let developer: JSONValue = ["EmailSendingAccount": "DEVELOPER", "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/a@example.com"]
        let phoneFirst: JSONValue = ["RecoveryMechanisms": [["Name": "verified_phone_number", "Priority": 1]]]
        let emailOnly: JSONValue = ["RecoveryMechanisms": [["Name": "verified_email", "Priority": 1]]]
        expectError(
            CognitoErrors.featureUnavailableInTier("LITE", feature: "Email MFA"), request,
            on: pool(settings: ["UserPoolTier": "LITE"]))
        expectError(CognitoErrors.emailMfaWithCognitoDefaultSender, request, on: pool(settings: ["AccountRecoverySetting": phoneFirst]))
        expectError(CognitoErrors.emailMfaWithEmailOnlyRecovery, request, on: pool(settings: ["EmailConfiguration": developer]))
        expectError(
            CognitoErrors.emailMfaWithEmailOnlyRecovery, request,
            on: pool(settings: ["EmailConfiguration": developer, "AccountRecoverySetting": emailOnly]))
        let updated = try MfaConfigurationRules.apply(
            request, to: pool(settings: ["EmailConfiguration": developer, "AccountRecoverySetting": phoneFirst]))
        #expect(updated.factors.email == ["Message": "Code {####}"])
    }

    @Test func requiredMfaRefusesPasswordlessFirstFactors() {
        let totp: JSONValue = ["MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": ["Enabled": true]]
        for factor in ["EMAIL_OTP", "SMS_OTP"] {
            let policies: JSONValue = ["SignInPolicy": ["AllowedFirstAuthFactors": ["PASSWORD", .string(factor)]]]
            expectError(CognitoErrors.onWithPasswordlessFirstFactors, totp, on: pool(settings: ["Policies": policies]))
        }
        let passkeys: JSONValue = ["SignInPolicy": ["AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]]]
        expectError(CognitoErrors.singleFactorWebAuthnWithRequiredMfa, totp, on: pool(settings: ["Policies": passkeys]))
    }

    @Test func omittedWebAuthnIsKeptAndSmsConfigurationSurvivesDroppingSms() throws {
        var factors = MfaFactors()
        factors.sms = true
        factors.webAuthn = ["RelyingPartyId": "example.com"]
        let updated = try MfaConfigurationRules.apply(
            ["MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": ["Enabled": true]],
            to: pool(settings: ["SmsConfiguration": Self.smsConfiguration], mode: .on, factors: factors))
        #expect(updated.factors.webAuthn == ["RelyingPartyId": "example.com"])
        #expect(updated.factors.sms == false)
        #expect(updated.settings["SmsConfiguration"] == Self.smsConfiguration)
    }
}
