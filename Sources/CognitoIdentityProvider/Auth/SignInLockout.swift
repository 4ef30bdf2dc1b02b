import SQLiteStore

/// Cognito's lockout for repeated failures (spec 3.4): wrong passwords and wrong MFA codes count
/// together; from the fifth in a row each further one locks sign-in for 2^(n−5) seconds, doubling up
/// to 15 minutes, and a success resets the count. During a lockout every attempt gets row 12's error.
enum SignInLockout {
    static let failuresBeforeLockout = 5
    static let longestLockout = 900.0

    static func isLocked(_ mfa: UserMfa, now: Double) -> Bool {
        (mfa.lockedUntil ?? 0) > now
    }

    static func recordFailure(_ mfa: inout UserMfa, now: Double) {
        mfa.failedAttempts += 1
        let beyond = mfa.failedAttempts - failuresBeforeLockout
        if beyond >= 0 {
            mfa.lockedUntil = now + min(longestLockout, Double(1 << min(beyond, 20)))
        }
    }

    static func recordSuccess(_ mfa: inout UserMfa) {
        mfa.failedAttempts = 0
        mfa.lockedUntil = nil
    }

    /// Counts one failure for `user` in its own transaction (the caller then throws its error).
    static func recordFailure(poolId: String, sub: String, now: Double, in database: Database) throws {
        try database.write { connection in
            var mfa = try UserMfaStore.load(poolId: poolId, sub: sub, in: connection)
            recordFailure(&mfa, now: now)
            try UserMfaStore.save(mfa, poolId: poolId, sub: sub, in: connection)
        }
    }

    /// Clears the count after a success, writing only when there was something to clear.
    static func recordSuccess(poolId: String, sub: String, in database: Database) throws {
        try database.write { connection in
            var mfa = try UserMfaStore.load(poolId: poolId, sub: sub, in: connection)
            guard mfa.failedAttempts > 0 || mfa.lockedUntil != nil else { return }
            recordSuccess(&mfa)
            try UserMfaStore.save(mfa, poolId: poolId, sub: sub, in: connection)
        }
    }
}
