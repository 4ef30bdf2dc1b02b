
/// A value guarded by a pthread mutex (`PThreadMutex`).
///
/// Why not `Synchronization.Mutex`: ThreadSanitizer on Linux does not see `Mutex`'s futex-based
/// locking and reports every pair of accesses under it as a race, which would drown real reports
/// from `swift test --sanitize=thread`; it does understand pthread mutexes. `NSLock` was also the
/// faster of the two under contention (docs/architecture.md, pitfall 9).
///
/// `@unchecked Sendable` is safe because: `value` is private, and the only way to reach it is
/// `withLock`, which holds the lock for the whole access; the closure cannot leak `inout` access.
public final class LockedValue<Value>: @unchecked Sendable {
    private let lock = PThreadMutex()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
