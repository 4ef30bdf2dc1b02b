import CSQLite
import Glibc
import Synchronization
import POSIXThreads

/// The process's database: one writer connection used under a lock, and a pool of reader
/// connections kept apart from HTTP connections (docs/architecture.md, pitfall 10).
///
/// Durability: WAL with `synchronous=NORMAL` keeps every committed transaction through a process
/// crash (`kill -9`); `synchronous=FULL` (the `durableToPowerLoss` option) also survives power loss.
/// A second process on the same file is refused: the file is held with an exclusive `flock`, which
/// on Linux does not interact with SQLite's own POSIX record locks.
public final class Database: @unchecked Sendable {
    public let path: String
    private let writer: Connection
    private let writerLock = PThreadMutex()
    /// The thread inside `write` (0 when none), so that a read from inside a write joins it
    /// instead of waiting for a lock its own thread holds.
    private let writerThread = Atomic<UInt>(0)
    private let readersLock = PThreadMutex()
    private var idleReaders: [Connection] = []
    private let maxIdleReaders = 8
    private let inMemory: Bool
    private var lockDescriptor: Int32 = -1
    private var checkpointer: WALCheckpointer?

    /// Checkpoints run so far by the background checkpointer: passive ones, and those that held
    /// the writers to bound the log (for the benchmark's report).
    public var checkpointCounts: (passive: Int, locked: Int) {
        (checkpointer?.passiveCheckpoints.load(ordering: .relaxed) ?? 0,
         checkpointer?.lockedCheckpoints.load(ordering: .relaxed) ?? 0)
    }

    /// Creates the missing folders above `path` owner-only (0700), whatever the umask.
    public static func makeParentDirectories(of path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        let parts = path.split(separator: "/").dropLast()
        for part in parts {
            prefix += part
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw SQLiteError(code: SQLITE_CANTOPEN, message: String(cString: strerror(errno)), context: "mkdir \(prefix)")
            }
            prefix += "/"
        }
    }

    /// Opens (creating if needed) the database at `path` and applies `migrations`.
    /// `path` may be `:memory:`, in which case one connection serves reads and writes.
    public init(path: String, migrations: [Migration], durableToPowerLoss: Bool = false) throws {
        self.path = path
        self.inMemory = path == ":memory:"
        let descriptor = path == ":memory:" ? -1 : try Self.lockExclusively(path)
        lockDescriptor = descriptor
        do {
            writer = try Connection(path: path, readOnly: false)
            try writer.executeScript("PRAGMA journal_mode = WAL")
            try writer.executeScript("PRAGMA synchronous = \(durableToPowerLoss ? "FULL" : "NORMAL")")
            try writer.executeScript("PRAGMA foreign_keys = ON")
            try writer.migrate(migrations)
            if !inMemory {
                // Checkpoints leave the request path: see WALCheckpointer. close() still checkpoints.
                let checkpointer = try WALCheckpointer(
                    path: path, synchronous: durableToPowerLoss ? "FULL" : "NORMAL",
                    withWritersLocked: { [writerLock] body in writerLock.lock(); body(); writerLock.unlock() })
                checkpointer.observe(writer)
                checkpointer.start()
                self.checkpointer = checkpointer
            }
        } catch {
            if descriptor >= 0 { Glibc.close(descriptor) }
            throw error
        }
    }

    deinit { close() }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE` … `COMMIT`) on the writer connection.
    /// Writers are serialized in-process: SQLite's busy handler would otherwise sleep and wreck p99
    /// (docs/architecture.md, pitfall 10b).
    ///
    /// `afterCommit` runs once the transaction has committed, still inside the writers'
    /// serialization: the place to update an in-memory cache in exactly the order of the commits.
    /// Writes do not nest: a write inside a write on the same thread is a programming error.
    @discardableResult
    public func write<T>(_ body: (Connection) throws -> T, afterCommit: ((T) -> Void)? = nil) throws -> T {
        precondition(!isInsideWrite, "Database.write called inside a write on the same thread")
        writerLock.lock()
        writerThread.store(Self.currentThread, ordering: .relaxed)
        defer {
            writerThread.store(0, ordering: .relaxed)
            writerLock.unlock()
        }
        let result = try writer.transaction(immediate: true, body)
        afterCommit?(result)
        return result
    }

    private var isInsideWrite: Bool { writerThread.load(ordering: .relaxed) == Self.currentThread }

    private static var currentThread: UInt { UInt(pthread_self()) }

    /// Runs `body` in one read transaction on a pooled reader, so it sees one consistent snapshot;
    /// called inside a `write` on the same thread, it runs in that write's transaction.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        // Inside a write, read through the write's own transaction: it sees what it changed.
        if isInsideWrite { return try body(writer) }
        if inMemory {
            writerLock.lock()
            defer { writerLock.unlock() }
            return try writer.transaction(immediate: false, body)
        }
        let reader = try checkOutReader()
        defer { checkIn(reader) }
        return try reader.transaction(immediate: false, body)
    }

    /// Closes every connection and releases the file lock. Call once, after the last request.
    public func close() {
        // First the checkpointer, which may be waiting for the writers' lock.
        checkpointer?.stop()
        writerLock.lock()
        defer { writerLock.unlock() }
        readersLock.lock()
        idleReaders.removeAll()
        readersLock.unlock()
        if lockDescriptor >= 0 {
            // Checkpoint so the main file is complete on its own, then release the lock.
            _ = try? writer.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
            Glibc.close(lockDescriptor)
            lockDescriptor = -1
        }
    }

    private func checkOutReader() throws -> Connection {
        readersLock.lock()
        let pooled = idleReaders.popLast()
        readersLock.unlock()
        if let pooled { return pooled }
        let reader = try Connection(path: path, readOnly: true)
        try reader.executeScript("PRAGMA query_only = ON")
        return reader
    }

    private func checkIn(_ reader: Connection) {
        readersLock.lock()
        defer { readersLock.unlock() }
        if idleReaders.count < maxIdleReaders { idleReaders.append(reader) }
    }

    /// Takes an exclusive `flock` on the database file (creating it), or explains who holds it.
    /// Creates the database file owner-only (0600: it holds signing keys and secrets) when it is
    /// missing; the umask can only take bits away. SQLite gives the -wal and -shm files the mode of
    /// the database file, so they are 0600 too.
    private static func lockExclusively(_ path: String) throws -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: String(cString: strerror(errno)), context: "open \(path)")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno == EWOULDBLOCK
                ? "the database file \(path) is in use by another mock-cognito process"
                : String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw SQLiteError(code: SQLITE_BUSY, message: reason, context: "lock \(path)")
        }
        return descriptor
    }
}
