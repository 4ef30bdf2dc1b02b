#if canImport(Glibc)
import Glibc
#endif
import Synchronization
import POSIXThreads

/// One open client connection, as the rest of the server sees it.
final class ConnectionRecord: Sendable {
    let id: Int
    let fd: Int32
    /// True while the connection thread waits for the first byte of its next request and holds no
    /// partial one. Shutdown wakes exactly these connections (see `ConnectionRegistry.stop`).
    let isIdle = Atomic<Bool>(false)

    init(id: Int, fd: Int32) {
        self.id = id
        self.fd = fd
    }
}

/// The open connections and the server's stopping flag, shared by the accept thread, every
/// connection thread and `shutdown`.
///
/// Invariant: a descriptor is unregistered before its thread closes it, and the registry only
/// calls `shutdown(2)` on descriptors while holding the lock, so it can never touch a descriptor
/// number the kernel has already handed to a newer connection.
final class ConnectionRegistry: Sendable {
    private struct Table {
        var nextID = 0
        var open: [Int: ConnectionRecord] = [:]
    }

    let maxConnections: Int
    private let table = LockedValue(Table())
    /// Set once, by the first `stop()`. Sequentially consistent, pairing with `isIdle`.
    private let stopping = Atomic<Bool>(false)

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var count: Int { table.withLock { $0.open.count } }

    var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    /// Registers a freshly accepted descriptor, or returns nil when `maxConnections` are open.
    func register(fd: Int32) -> ConnectionRecord? {
        table.withLock { table in
            guard table.open.count < maxConnections else { return nil }
            table.nextID &+= 1
            let record = ConnectionRecord(id: table.nextID, fd: fd)
            table.open[record.id] = record
            return record
        }
    }

    func unregister(_ record: ConnectionRecord) {
        _ = table.withLock { $0.open.removeValue(forKey: record.id) }
    }

    /// Marks the connection idle before it blocks waiting for a new request. Returns false when
    /// the server is stopping, in which case the connection must close instead of waiting.
    ///
    /// Why this cannot miss a wake-up: the connection stores `isIdle` then loads `stopping`;
    /// `stop()` stores `stopping` then loads every `isIdle`. With sequentially consistent
    /// operations at least one side sees the other's store, so either the connection closes by
    /// itself or `stop()` shuts its read side down.
    func enterIdle(_ record: ConnectionRecord) -> Bool {
        record.isIdle.store(true, ordering: .sequentiallyConsistent)
        return !stopping.load(ordering: .sequentiallyConsistent)
    }

    func leaveIdle(_ record: ConnectionRecord) {
        record.isIdle.store(false, ordering: .relaxed)
    }

    /// Starts a graceful stop: from now on responses close their connections, and connections
    /// idling between requests are woken (`SHUT_RD` makes their blocked `recv` return 0).
    /// Returns false if the registry was already stopping.
    @discardableResult
    func stop() -> Bool {
        let first = !stopping.exchange(true, ordering: .sequentiallyConsistent)
        table.withLock { table in
            for record in table.open.values where record.isIdle.load(ordering: .sequentiallyConsistent) {
                _ = Glibc.shutdown(record.fd, Int32(SHUT_RD))
            }
        }
        return first
    }

    /// After the grace period: cut every remaining connection off in both directions, which
    /// unblocks any `recv`, `poll` or `send` its thread is stuck in.
    func abortAll() -> Int {
        table.withLock { table in
            for record in table.open.values {
                _ = Glibc.shutdown(record.fd, Int32(SHUT_RDWR))
            }
            return table.open.count
        }
    }
}
