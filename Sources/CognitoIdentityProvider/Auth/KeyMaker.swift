import FoundationEssentials
import Glibc
import SQLiteStore
import POSIXThreads

/// The one thread that makes signing keys, one at a time, for every service in the process.
///
/// An RSA-2048 key takes tens to hundreds of milliseconds of CPU (0.7 s measured on a busy
/// 2-core machine). Made inside requests, 50 pools fetching their first JWKS at once kept every
/// core busy for half a minute and starved unrelated requests; made here, key generation never
/// occupies more than one core, and requests that need no key keep the others.
///
/// The process never waits for this thread on exit: main ends with `_exit`, so libcrypto's exit
/// handlers cannot run while a key is being made.
final class KeyMaker: @unchecked Sendable {
    static let shared = KeyMaker()

    private let condition = ConditionLock()
    private var jobs: [@Sendable () -> Void] = []
    private var started = false

    /// Runs `job` on the key thread after every job submitted before it.
    func submit(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        if !started {
            started = true
            // The system's default stack, as Foundation's Thread had.
            POSIXThread.start(stackSize: 0) { [unowned self] in self.run() }
        }
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}

/// A key some requests are waiting for: filled in once by the key thread.
final class PendingKey: @unchecked Sendable {
    private let condition = ConditionLock()
    private var result: Result<PoolSigningKey, any Error>?

    func resolve(_ outcome: Result<PoolSigningKey, any Error>) {
        condition.lock()
        result = outcome
        condition.broadcast()
        condition.unlock()
    }

    func wait() throws -> PoolSigningKey {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
