import AWSJSONProtocol
import CryptoPrimitives

/// The pool's `Policies.PasswordPolicy` applied to a proposed password.
///
/// AWS reports one unmet rule at a time [R: amazon-cognito-identity-js issue 414, "it only throws
/// one error"]. Which rule wins when several fail is not documented: this server checks them in
/// the model's member order (MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers,
/// RequireSymbols) [I], all in `rules` below so one measurement can reorder them.
enum PasswordPolicy {
    /// The sentence AWS puts before the unmet rule differs between operations.
    enum Wording: Sendable {
        /// SignUp [R]: "Password did not conform with policy: ..."
        case signUp
        /// AdminCreateUser [R]: "Password did not conform with password policy: ..."
        case adminCreateUser
        /// ConfirmForgotPassword and the NEW_PASSWORD_REQUIRED answer [R], and (by choice, [I])
        /// AdminSetUserPassword and ChangePassword: "Password does not conform to policy: ..."
        case reset
    }

    /// Cognito's special characters: the developer guide's list (user-pool-settings-policies),
    /// which now includes `+` and `=` (missing in 2018, amplify-js issue 1164), plus the space.
    static let symbols: Set<Character> = Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")

    /// Throws `InvalidPasswordException` naming the first unmet rule.
    static func check(_ password: String, pool: UserPool, wording: Wording = .signUp) throws {
        if let rule = unmetRule(password, policy: pool.passwordPolicy) {
            throw CognitoErrors.invalidPassword(rule, wording: wording)
        }
    }

    /// The unmet rule's text (e.g. "Password not long enough"), or nil when the password conforms.
    static func unmetRule(_ password: String, policy: [String: JSONValue]) -> String? {
        let minimum = Int(policy["MinimumLength"]?.intValue ?? 8)
        // Length as Java counts it (UTF-16 code units): Cognito is a Java service [I].
        let rules: [(applies: Bool, met: Bool, text: String)] = [
            (true, password.utf16.count >= minimum, "Password not long enough"),
            (flag(policy, "RequireUppercase"), password.contains { $0.isASCII && $0.isUppercase },
             "Password must have uppercase characters"),
            (flag(policy, "RequireLowercase"), password.contains { $0.isASCII && $0.isLowercase },
             "Password must have lowercase characters"),
            (flag(policy, "RequireNumbers"), password.contains { $0.isASCII && $0.isNumber },
             "Password must have numeric characters"),
            (flag(policy, "RequireSymbols"), password.contains { symbols.contains($0) },
             "Password must have symbol characters"),
        ]
        return rules.first { $0.applies && !$0.met }?.text
    }

    /// A temporary password for AdminCreateUser without `TemporaryPassword`: at least 12
    /// characters (or the policy minimum), with every character class, so any policy accepts it.
    /// The symbols are shell-safe ones, as the password is meant to be read from a message.
    static func generateTemporaryPassword(pool: UserPool) -> String {
        let length = max(12, Int(pool.passwordPolicy["MinimumLength"]?.intValue ?? 8))
        let classes: [[UInt8]] = [
            Array("ABCDEFGHJKLMNPQRSTUVWXYZ".utf8), Array("abcdefghijkmnopqrstuvwxyz".utf8),
            Array("23456789".utf8), Array("!#%+-=@^_".utf8),
        ]
        var characters = classes.map { SecureRandom.string(count: 1, from: $0) }.joined()
        characters += SecureRandom.string(count: length - classes.count, from: classes.flatMap { $0 })
        // Shuffle with libcrypto randomness so the class order is not fixed.
        var shuffled = Array(characters)
        for index in shuffled.indices.reversed() where index > 0 {
            let pick = Int(SecureRandom.bytes(1)[0]) % (index + 1)
            shuffled.swapAt(index, pick)
        }
        return String(shuffled)
    }

    private static func flag(_ policy: [String: JSONValue], _ name: String) -> Bool {
        policy[name]?.boolValue ?? false
    }
}
