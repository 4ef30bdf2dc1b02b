import SQLiteStore

/// Cognito's lockout for repeated failures, one counter per user for wrong passwords and wrong MFA
/// codes alike, on every flow (developer guide, "Authentication flow: lockout"; spec 3.4).
///
/// - From the fifth failure in a row each further one locks sign-in for 2^(n−5) seconds (1 s, 2 s,
///   4 s, …) up to 15 minutes. Attempts while locked get `Password attempts exceeded` and neither
///   count nor extend the lock.
/// - Only a completed sign-in (tokens issued, `SignInFlow.issueTokens`) or 15 quiet minutes reset the
///   count. Proving the password does not: otherwise whoever knows it could start a new sign-in
///   after every four wrong codes and guess without limit.
/// - The quiet period starts when the last failure's lock ends, so waiting out a 15-minute lock does
///   not by itself reset the count.
///
/// With these rules someone holding the password gets at most 14 wrong codes in the first 15
/// minutes (5 at once, then one after each lock of 1, 2, 4 … 256 s; the 14th at 511 s starts a
/// lock of 512 s) and then one every 15 minutes.
enum SignInLockout {
    static let failuresBeforeLockout = 5
    static let longestLockout = 900.0
    static let quietPeriod = 900.0

    static func isLocked(_ mfa: UserMfa, now: Double) -> Bool {
        (mfa.lockedUntil ?? 0) > now
    }

    static func recordFailure(_ mfa: inout UserMfa, now: Double) {
        if let quietSince = mfa.lockedUntil ?? mfa.lastFailureAt, now - quietSince >= quietPeriod {
            mfa.failedAttempts = 0
            mfa.lockedUntil = nil
        }
        mfa.failedAttempts += 1
        mfa.lastFailureAt = now
        let beyond = mfa.failedAttempts - failuresBeforeLockout
        if beyond >= 0 {
            mfa.lockedUntil = now + min(longestLockout, Double(1 << min(beyond, 20)))
        }
    }

    /// Clears the count; returns false when there was nothing to clear (the caller need not save).
    @discardableResult
    static func recordSuccess(_ mfa: inout UserMfa) -> Bool {
        guard mfa.failedAttempts > 0 || mfa.lockedUntil != nil || mfa.lastFailureAt != nil else { return false }
        mfa.failedAttempts = 0
        mfa.lockedUntil = nil
        mfa.lastFailureAt = nil
        return true
    }

    /// Counts one failure for `user` in its own transaction (the caller then throws its error).
    static func recordFailure(poolId: String, sub: String, now: Double, in database: Database) throws {
        try database.write { connection in
            var mfa = try UserMfaStore.load(poolId: poolId, sub: sub, in: connection)
            recordFailure(&mfa, now: now)
            try UserMfaStore.save(mfa, poolId: poolId, sub: sub, in: connection)
        }
    }

    /// Clears the count of a user who completed a sign-in, in the caller's transaction.
    static func recordSuccess(poolId: String, sub: String, in connection: Connection) throws {
        var mfa = try UserMfaStore.load(poolId: poolId, sub: sub, in: connection)
        if recordSuccess(&mfa) { try UserMfaStore.save(mfa, poolId: poolId, sub: sub, in: connection) }
    }
}
