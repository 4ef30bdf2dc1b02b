import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// The first factors USER_AUTH offers and GetUserAuthFactors reports (one rule:
/// `GetUserAuthFactors.configuredFactors`), row by row.
@Suite struct UserAuthFactorsTests {
    static let allFactors: JSONValue = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]

    func pool(tier: String = "ESSENTIALS", mode: MfaMode = .off, factors: JSONValue = allFactors) -> UserPool {
        UserPool(
            id: "us-east-1_abc", name: "p", region: "us-east-1", arn: "arn", creationDate: 0, lastModifiedDate: 0,
            mfaMode: mode, factors: MfaFactors(),
            settings: ["UserPoolTier": .string(tier), "Policies": ["SignInPolicy": ["AllowedFirstAuthFactors": factors]]])
    }

    func user(verified: Bool = true) -> User {
        let state = verified ? "true" : "false"
        return User(
            poolId: "us-east-1_abc", username: "alice", sub: "s",
            attributes: [
                UserAttribute("email", "a@example.com"), UserAttribute("email_verified", state),
                UserAttribute("phone_number", "+15555550100"), UserAttribute("phone_number_verified", state),
            ],
            status: .confirmed, creationDate: 0, password: StoredPassword(salt: [1], verifier: [2], setAt: 0))
    }

    func available(_ pool: UserPool, _ user: User, mfa: UserMfa = UserMfa(), passkeys: Int = 0) -> [String] {
        UserAuthFlow.availableChallenges(user: user, mfa: mfa, pool: pool, passkeys: passkeys)
    }

    @Test func everyAllowedFactorTheUserCanUse() {
        #expect(available(pool(), user(), passkeys: 1) == ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])
        #expect(GetUserAuthFactors.configuredFactors(user: user(), mfa: UserMfa(), pool: pool(), passkeys: 1)
            == ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"])
    }

    @Test func codesNeedVerifiedAttributesAndPasskeysAPasskey() {
        #expect(available(pool(), user(verified: false)) == ["PASSWORD", "PASSWORD_SRP"])
    }

    @Test func onlyAllowedFactors() {
        #expect(available(pool(factors: ["PASSWORD", "SMS_OTP"]), user(), passkeys: 1) == ["PASSWORD", "PASSWORD_SRP", "SMS_OTP"])
    }

    @Test func noCodesWhenMfaApplies() {
        var mfa = UserMfa()
        mfa.enabled.insert(.sms)
        #expect(available(pool(), user(), mfa: mfa) == ["PASSWORD", "PASSWORD_SRP"])
        #expect(available(pool(mode: .on), user(), passkeys: 1) == ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"])
    }

    @Test func liteOffersOnlyThePassword() {
        #expect(available(pool(tier: "LITE"), user(), passkeys: 1) == ["PASSWORD", "PASSWORD_SRP"])
        #expect(throws: AWSServiceError.self) { try SignInPolicyRules.check(pool(tier: "LITE")) }
        #expect(throws: Never.self) { try SignInPolicyRules.check(pool(tier: "LITE", factors: ["PASSWORD"])) }
    }
}
