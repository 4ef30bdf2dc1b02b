import AWSJSONProtocol
import CryptoPrimitives
import Testing
@testable import CognitoIdentityProvider

/// The TOTP code check and AssociateSoftwareToken / VerifySoftwareToken (spec 4.1, 4.2).
@Suite struct SoftwareTokenTests {
    // MARK: SoftwareTokenCheck

    let secret = Array("12345678901234567890".utf8)

    @Test func theWindowIsThePreviousCurrentAndNextStep() {
        let now = 1_111_111_111.0
        let step = TOTP.timeStep(at: now)
        for offset: Int64 in [-1, 0, 1] {
            let code = TOTP.code(secret: secret, atTimeStep: step + offset)
            #expect(SoftwareTokenCheck.check(code: code, secret: secret, lastAcceptedStep: nil, now: now) == .accepted(step: step + offset))
        }
        for offset: Int64 in [-3, -2, 2, 3] {
            let code = TOTP.code(secret: secret, atTimeStep: step + offset)
            #expect(SoftwareTokenCheck.check(code: code, secret: secret, lastAcceptedStep: nil, now: now) == .mismatch)
        }
        // RFC 6238 Appendix B at T = 0x23523ED, truncated to 6 digits.
        #expect(SoftwareTokenCheck.check(code: "050471", secret: secret, lastAcceptedStep: nil, now: now) == .accepted(step: 0x23523ED))
        #expect(SoftwareTokenCheck.check(code: "000000", secret: secret, lastAcceptedStep: nil, now: now) != .accepted(step: step))
    }

    @Test func aStepAlreadyAcceptedIsRefusedAsUsed() {
        let now = 2_000_000_000.0
        let step = TOTP.timeStep(at: now)
        let current = TOTP.code(secret: secret, atTimeStep: step)
        #expect(SoftwareTokenCheck.check(code: current, secret: secret, lastAcceptedStep: step, now: now) == .alreadyUsed)
        let previous = TOTP.code(secret: secret, atTimeStep: step - 1)
        #expect(SoftwareTokenCheck.check(code: previous, secret: secret, lastAcceptedStep: step, now: now) == .alreadyUsed)
        let next = TOTP.code(secret: secret, atTimeStep: step + 1)
        #expect(SoftwareTokenCheck.check(code: next, secret: secret, lastAcceptedStep: step, now: now) == .accepted(step: step + 1))
        #expect(SoftwareTokenCheck.check(code: "123456", secret: secret, lastAcceptedStep: step, now: now) != .accepted(step: step))
    }

    // MARK: AssociateSoftwareToken

    @Test func associateNeedsTotpEnabledInThePool() throws {
        let fixture = try UserMfaFixture()
        try fixture.setPool(["MfaConfiguration": "OFF"])
        let refused = ["400", "SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool"]
        #expect(try fixture.error("AssociateSoftwareToken", fixture.withToken()) == refused)
        try fixture.setPool(["MfaConfiguration": "OPTIONAL", "SoftwareTokenMfaConfiguration": ["Enabled": false]])
        #expect(try fixture.error("AssociateSoftwareToken", fixture.withToken()) == refused)
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": "123456"])) == refused)
    }

    @Test func associateReturnsA52CharacterSecretKeptPending() throws {
        let fixture = try UserMfaFixture()
        let answer = try fixture.ok("AssociateSoftwareToken", fixture.withToken())
        let code = try #require(answer["SecretCode"]?.stringValue)
        #expect(code.count == 52 && answer["Session"] == nil && answer.objectValue?.count == 1)
        #expect(code.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        let mfa = try fixture.storedMfa()
        #expect(mfa.pendingSecret == Base32.decode(code) && mfa.pendingSecret?.count == 32 && mfa.softwareToken == nil)
        #expect(try fixture.associate() != Base32.decode(code))
    }

    @Test func badAccessTokens() throws {
        let fixture = try UserMfaFixture()
        #expect(try fixture.error("AssociateSoftwareToken", ["AccessToken": "not.a.token"]) == ["400", "NotAuthorizedException", "Invalid Access Token"])
        #expect(try fixture.error("AssociateSoftwareToken", [:]) == ["400", "NotAuthorizedException", "Invalid Access Token"])
        fixture.harness.clock.advance(by: 3600)
        #expect(try fixture.error("AssociateSoftwareToken", fixture.withToken()) == ["400", "NotAuthorizedException", "Access Token has expired"])
    }

    // MARK: VerifySoftwareToken

    @Test func verifyMakesThePendingSecretTheToken() throws {
        let fixture = try UserMfaFixture()
        let secret = try fixture.associate()
        let wrong = fixture.code(secret) == "000000" ? "000001" : "000000"
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": .string(wrong)]))
            == ["400", "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"])
        let answer = try fixture.ok("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(secret)), "FriendlyDeviceName": "phone"]))
        #expect(answer == ["Status": "SUCCESS"])
        let mfa = try fixture.storedMfa()
        #expect(mfa.softwareToken?.secret == secret && mfa.softwareToken?.friendlyDeviceName == "phone" && mfa.pendingSecret == nil)
        #expect(mfa.lastAcceptedStep == TOTP.timeStep(at: fixture.harness.clock.now()))
        // Verifying does not enable TOTP as an MFA factor (spec 4.2).
        #expect(mfa.enabled.isEmpty)
    }

    @Test func codesOfTheNeighbouringStepsAreAccepted() throws {
        let fixture = try UserMfaFixture()
        let secret = try fixture.associate()
        #expect(try fixture.call("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(secret, steps: 2))])).status == 400)
        #expect(try fixture.call("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(secret, steps: -2))])).status == 400)
        #expect(try fixture.call("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(secret, steps: -1))])).status == 200)
    }

    @Test func verifyWithoutAssociationAndAReusedStep() throws {
        let fixture = try UserMfaFixture()
        let none = ["400", "SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."]
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": "123456"])) == none)
        let first = try fixture.enrol()
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(first))])) == none)
        // A new authenticator verified within the same 30-second step: that step was used already.
        let second = try fixture.associate()
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(second))]))
            == ["400", "ExpiredCodeException", "Your software token has already been used once."])
        // Until the new one is verified the old one stays (spec 4.1).
        #expect(try fixture.storedMfa().softwareToken?.secret == first)
        fixture.harness.clock.advance(by: 30)
        try fixture.ok("VerifySoftwareToken", fixture.withToken(["UserCode": .string(fixture.code(second))]))
        #expect(try fixture.storedMfa().softwareToken?.secret == second)
    }

    @Test func malformedCodesGetTheModelsValidationText() throws {
        let fixture = try UserMfaFixture()
        _ = try fixture.associate()
        // Spec 4.2 [R]: the two violations of 'Aaaa', without the value (userCode is sensitive), so
        // in the HashSet order of the texts as printed now: length first [I].
        #expect(try fixture.error("VerifySoftwareToken", fixture.withToken(["UserCode": "Aaaa"])) == [
            "400", "InvalidParameterException",
            "2 validation errors detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6; Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
        ])
    }

    // MARK: The MFA_SETUP session path

    @Test func setupSessionsChainAssociateAndVerify() throws {
        let fixture = try UserMfaFixture()
        let setup = try fixture.startSession(challenge: "MFA_SETUP")
        let associated = try fixture.ok("AssociateSoftwareToken", ["Session": .string(setup)])
        let secret = try #require(Base32.decode(associated["SecretCode"]?.stringValue ?? ""))
        let session = try #require(associated["Session"]?.stringValue)
        #expect(session.hasPrefix("AYABe") && session != setup)
        #expect(try fixture.error("AssociateSoftwareToken", ["Session": .string(setup)])
            == ["400", "NotAuthorizedException", "Invalid session for the user, session can only be used once."])

        // A wrong code leaves the session usable; the right one answers SUCCESS with the next session.
        let wrong = fixture.code(secret) == "000000" ? "000001" : "000000"
        #expect(try fixture.error("VerifySoftwareToken", ["Session": .string(session), "UserCode": .string(wrong)])[1] == "EnableSoftwareTokenMFAException")
        let verified = try fixture.ok("VerifySoftwareToken", ["Session": .string(session), "UserCode": .string(fixture.code(secret))])
        #expect(verified["Status"] == "SUCCESS" && verified["Session"]?.stringValue?.hasPrefix("AYABe") == true)
        #expect(try fixture.storedMfa().softwareToken?.secret == secret)

        let stored = try fixture.harness.database.read { connection in
            try connection.query("SELECT challenge, state FROM auth_sessions WHERE id = ?1", [.text(verified["Session"]?.stringValue ?? "")]).first
        }
        #expect(stored?.text(0) == "MFA_SETUP" && stored?.text(1) == #"{"step":"verified"}"#)
    }

    @Test func setupSessionsAreCheckedForChallengeStepAndExpiry() throws {
        let fixture = try UserMfaFixture()
        let invalid = ["400", "NotAuthorizedException", "Invalid session for the user."]
        let other = try fixture.startSession(challenge: "SMS_MFA")
        #expect(try fixture.error("AssociateSoftwareToken", ["Session": .string(other)]) == invalid)
        #expect(try fixture.error("AssociateSoftwareToken", ["Session": "AYABe-no-such-session-at-all"]) == invalid)
        // Verify answers Associate's session, not the sign-in one.
        let setup = try fixture.startSession(challenge: "MFA_SETUP")
        #expect(try fixture.error("VerifySoftwareToken", ["Session": .string(setup), "UserCode": "123456"]) == invalid)
        fixture.harness.clock.advance(by: 181)
        #expect(try fixture.error("AssociateSoftwareToken", ["Session": .string(setup)])
            == ["400", "NotAuthorizedException", "Invalid session for the user, session is expired."])
    }
}
