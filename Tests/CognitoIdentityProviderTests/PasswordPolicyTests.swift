import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

@Suite struct PasswordPolicyTests {
    let strict: [String: JSONValue] = [
        "MinimumLength": 8, "RequireUppercase": true, "RequireLowercase": true, "RequireNumbers": true,
        "RequireSymbols": true,
    ]

    @Test func eachRuleHasItsText() {
        #expect(PasswordPolicy.unmetRule("Aa1!", policy: strict) == "Password not long enough")
        #expect(PasswordPolicy.unmetRule("abcdef1!", policy: strict) == "Password must have uppercase characters")
        #expect(PasswordPolicy.unmetRule("ABCDEF1!", policy: strict) == "Password must have lowercase characters")
        #expect(PasswordPolicy.unmetRule("Abcdefg!", policy: strict) == "Password must have numeric characters")
        #expect(PasswordPolicy.unmetRule("Abcdefg1", policy: strict) == "Password must have symbol characters")
        #expect(PasswordPolicy.unmetRule("Abcdef1!", policy: strict) == nil)
    }

    @Test func firstUnmetRuleWinsInModelOrder() {
        #expect(PasswordPolicy.unmetRule("abc", policy: strict) == "Password not long enough")
        #expect(PasswordPolicy.unmetRule("abcdefgh", policy: strict) == "Password must have uppercase characters")
        #expect(PasswordPolicy.unmetRule("ABCDEFGH", policy: strict) == "Password must have lowercase characters")
    }

    @Test func rulesNotRequiredAreNotChecked() {
        let lenient: [String: JSONValue] = ["MinimumLength": 6]
        #expect(PasswordPolicy.unmetRule("aaaaaa", policy: lenient) == nil)
        #expect(PasswordPolicy.unmetRule("aaaaa", policy: lenient) == "Password not long enough")
    }

    @Test func everyDocumentedSymbolCounts() {
        for symbol in "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+-" {
            #expect(PasswordPolicy.unmetRule("Abcdef1\(symbol)", policy: strict) == nil, "symbol \(symbol)")
        }
        #expect(PasswordPolicy.unmetRule("Abcdef1é", policy: strict) == "Password must have symbol characters")
    }

    @Test func wordingDependsOnTheOperation() {
        #expect(CognitoErrors.invalidPassword("Password not long enough", wording: .signUp).message
            == "Password did not conform with policy: Password not long enough")
        #expect(CognitoErrors.invalidPassword("Password not long enough", wording: .adminCreateUser).message
            == "Password did not conform with password policy: Password not long enough")
        #expect(CognitoErrors.invalidPassword("Password not long enough", wording: .reset).message
            == "Password does not conform to policy: Password not long enough")
    }

    @Test func generatedPasswordsSatisfyTheStrictestPolicy() throws {
        let harness = try UserHarness()
        let id = try harness.createPool(["Policies": ["PasswordPolicy": .object(strict.merging(["MinimumLength": 20]) { $1 })]])
        let pool = try harness.pool(id)
        for _ in 0..<50 {
            let password = PasswordPolicy.generateTemporaryPassword(pool: pool)
            #expect(password.count == 20)
            #expect(PasswordPolicy.unmetRule(password, policy: pool.passwordPolicy) == nil)
        }
    }
}
