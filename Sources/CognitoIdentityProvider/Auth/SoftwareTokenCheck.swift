import CryptoPrimitives

/// Checks a 6-digit authenticator code against a TOTP secret: the one place that decides for
/// VerifySoftwareToken and for `SOFTWARE_TOKEN_MFA` answers at sign-in.
///
/// Rules: RFC 6238 with HMAC-SHA1, 6 digits, 30-second steps; the previous, current and next step
/// are accepted ("within 30 seconds before or after", DG-TOTP, spec 4.2); a code whose step is not
/// newer than the user's last accepted step is refused as already used (spec 3.4/4.2,
/// `ExpiredCodeException: Your software token has already been used once.`).
enum SoftwareTokenCheck {
    enum Result: Equatable, Sendable {
        /// The code matches this time step, newer than any accepted before: store it as
        /// `UserMfa.lastAcceptedStep`.
        case accepted(step: Int64)
        /// No step of the window gives this code.
        case mismatch
        /// The code matches a step of the window, but that step was already accepted for the user.
        case alreadyUsed
    }

    /// Steps tried around the current one (spec 4.2: previous, current, next).
    static let window: ClosedRange<Int64> = -1...1

    static func check(code: String, secret: [UInt8], lastAcceptedStep: Int64?, now: Double) -> Result {
        let current = TOTP.timeStep(at: now)
        let given = Array(code.utf8)
        var matchedOldStep = false
        // Newest first, so that a code valid for two steps (a one-in-a-million collision) is
        // accepted for the one not yet used.
        for offset in window.reversed() {
            let step = current + offset
            let expected = Array(TOTP.code(secret: secret, atTimeStep: step).utf8)
            guard Digest.constantTimeEquals(expected, given) else { continue }
            if let last = lastAcceptedStep, step <= last {
                matchedOldStep = true
                continue
            }
            return .accepted(step: step)
        }
        return matchedOldStep ? .alreadyUsed : .mismatch
    }
}
