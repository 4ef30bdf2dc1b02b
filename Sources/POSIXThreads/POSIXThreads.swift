#if canImport(Glibc)
import Glibc
#endif

// The one place the server's modules get threads and locks from (HTTPCore's connection threads and
// request-log flusher, SQLiteStore's checkpointer and locks, the domain's key maker), so that none needs
// `Foundation.Thread` or `NSLock`: the binary links FoundationEssentials only
// (tools/check-foundation-imports.sh).

/// Detached POSIX threads.
public enum POSIXThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    /// Starts `body` on a new detached thread with `stackSize` bytes of stack (0: the system's
    /// default, `ulimit -s`); false when the system refused a thread.
    @discardableResult
    public static func start(stackSize: Int = 0, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        if stackSize > 0 { pthread_attr_setstacksize(&attributes, stackSize) }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let code = pthread_create(&thread, &attributes, { argument in
            Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
            return nil
        }, box)
        guard code == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        return true
    }
}

/// A plain pthread mutex (what `NSLock` was): ThreadSanitizer understands it, and it was the faster
/// lock under contention on these machines.
public final class PThreadMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    public func lock() { pthread_mutex_lock(mutex) }
    public func unlock() { pthread_mutex_unlock(mutex) }
}
