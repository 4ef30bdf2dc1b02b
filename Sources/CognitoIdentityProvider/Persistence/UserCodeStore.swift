import CryptoPrimitives
import SQLiteStore

/// Pending one-time codes: sign-up confirmation, password reset and attribute verification. One
/// code per user and purpose: issuing a new one replaces the previous one.
enum UserCodeStore {
    enum Purpose: String, Sendable {
        /// ConfirmSignUp; valid 24 hours [D: developer guide, signing-up-users-in-your-app: the
        /// confirmation code "is valid for 24 hours"].
        case signUp = "SIGN_UP"
        /// ConfirmForgotPassword; valid 1 hour [D: API reference ForgotPassword / developer guide
        /// managing-users-passwords: the code "is valid for one hour"].
        case forgotPassword = "FORGOT_PASSWORD"
        /// VerifyUserAttribute, one pending code per attribute; 24 hours like sign-up codes [I].
        case verifyEmail = "VERIFY_EMAIL"
        case verifyPhoneNumber = "VERIFY_PHONE_NUMBER"

        var lifetime: Double { self == .forgotPassword ? 3600 : 24 * 3600 }

        /// The VerifyUserAttribute purpose for `attribute` (email or phone_number), else nil.
        static func verification(of attribute: String) -> Purpose? {
            switch attribute {
            case "email": .verifyEmail
            case "phone_number": .verifyPhoneNumber
            default: nil
            }
        }
    }

    struct Code: Sendable, Equatable {
        let code: String
        /// The attribute the code was sent to (email / phone_number), verified on success.
        let attribute: String?
        let issuedAt: Double
        let expiresAt: Double
        /// The new value the code confirms, when the pool keeps the old one until then.
        var pendingValue: String? = nil
    }

    /// A fresh 6-digit code [R: spec section 6, "verification codes are 6 digits"].
    static func newCode() -> String {
        SecureRandom.string(count: 6, from: Array("0123456789".utf8))
    }

    /// Stores `code` for the user and purpose, replacing any earlier one.
    static func issue(
        _ code: String, purpose: Purpose, attribute: String?, pendingValue: String? = nil, for user: User, now: Double,
        in connection: Connection
    ) throws {
        try connection.execute(
            """
            INSERT INTO user_codes (pool_id, sub, purpose, code, attribute, issued_at, expires_at, pending_value)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (pool_id, sub, purpose) DO UPDATE SET
                code = excluded.code, attribute = excluded.attribute, issued_at = excluded.issued_at,
                expires_at = excluded.expires_at, pending_value = excluded.pending_value
            """,
            [
                .text(user.poolId), .text(user.sub), .text(purpose.rawValue), .text(code),
                attribute.map(SQLValue.text) ?? .null, .real(now), .real(now + purpose.lifetime),
                pendingValue.map(SQLValue.text) ?? .null,
            ])
    }

    static func pending(_ purpose: Purpose, for user: User, in connection: Connection) throws -> Code? {
        try connection.query(
            """
            SELECT code, attribute, issued_at, expires_at, pending_value FROM user_codes
            WHERE pool_id = ?1 AND sub = ?2 AND purpose = ?3
            """,
            [.text(user.poolId), .text(user.sub), .text(purpose.rawValue)]
        ).first.map { row in
            Code(
                code: row.text(0) ?? "", attribute: row.text(1), issuedAt: row.real(2) ?? 0, expiresAt: row.real(3) ?? 0,
                pendingValue: row.text(4))
        }
    }

    static func remove(_ purpose: Purpose, for user: User, in connection: Connection) throws {
        try connection.execute(
            "DELETE FROM user_codes WHERE pool_id = ?1 AND sub = ?2 AND purpose = ?3",
            [.text(user.poolId), .text(user.sub), .text(purpose.rawValue)])
    }

    enum Verdict: Equatable { case accepted(Code), mismatch, expired, missing }

    /// Compares `given` with the pending code: a wrong code leaves it pending; an accepted or
    /// expired one is removed.
    static func redeem(
        _ given: String, purpose: Purpose, for user: User, now: Double, in connection: Connection
    ) throws -> Verdict {
        guard let pending = try pending(purpose, for: user, in: connection) else { return .missing }
        guard Digest.constantTimeEquals(Array(given.utf8), Array(pending.code.utf8)) else { return .mismatch }
        try remove(purpose, for: user, in: connection)
        return now > pending.expiresAt ? .expired : .accepted(pending)
    }
}
