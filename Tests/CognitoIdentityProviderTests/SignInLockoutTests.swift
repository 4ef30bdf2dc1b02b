import Testing
@testable import CognitoIdentityProvider

/// The lockout schedule as the README states it: four free failures, then locks of 1, 2, 4 … s up to
/// 15 minutes; only tokens or 15 quiet minutes after the last lock reset the count.
struct SignInLockoutTests {
    @Test func theFifthFailureLocksForOneSecondAndEachFurtherOneDoubles() {
        var mfa = UserMfa()
        for attempt in 1...4 {
            SignInLockout.recordFailure(&mfa, now: Double(attempt))
            #expect(!SignInLockout.isLocked(mfa, now: Double(attempt)))
        }
        SignInLockout.recordFailure(&mfa, now: 10)
        #expect(mfa.lockedUntil == 11)
        SignInLockout.recordFailure(&mfa, now: 11)
        #expect(mfa.lockedUntil == 13)
        SignInLockout.recordFailure(&mfa, now: 13)
        #expect(mfa.lockedUntil == 17)
    }

    @Test func locksStopGrowingAtFifteenMinutes() {
        var mfa = UserMfa()
        var now = 0.0
        for _ in 1...30 {
            SignInLockout.recordFailure(&mfa, now: now)
            now = max(now, mfa.lockedUntil ?? now)
        }
        #expect(mfa.failedAttempts == 30)
        #expect((mfa.lockedUntil ?? 0) - (now - 900) == 900)
    }

    @Test func fourteenFailuresFitInTheFirstFifteenMinutes() {
        var mfa = UserMfa()
        var now = 0.0
        var failures = 0
        while now < 900 {
            SignInLockout.recordFailure(&mfa, now: now)
            failures += 1
            now = max(now, mfa.lockedUntil ?? now)
        }
        #expect(failures == 14)
    }

    @Test func fifteenQuietMinutesAfterTheLockResetTheCount() {
        var mfa = UserMfa()
        for second in 0..<6 { SignInLockout.recordFailure(&mfa, now: Double(second) * 10) }
        let lockEnd = mfa.lockedUntil ?? 0
        SignInLockout.recordFailure(&mfa, now: lockEnd + 899)
        #expect(mfa.failedAttempts == 7)
        let nextEnd = mfa.lockedUntil ?? 0
        SignInLockout.recordFailure(&mfa, now: nextEnd + 900)
        #expect(mfa.failedAttempts == 1)
        #expect(mfa.lockedUntil == nil)
    }

    @Test func aSuccessClearsEverythingAndReportsWhetherItHadTo() {
        var mfa = UserMfa()
        #expect(!SignInLockout.recordSuccess(&mfa))
        SignInLockout.recordFailure(&mfa, now: 5)
        #expect(SignInLockout.recordSuccess(&mfa))
        #expect(mfa == UserMfa())
    }
}
