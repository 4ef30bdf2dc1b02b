import CSQLite
import Glibc
import Synchronization
import POSIXThreads

/// Copies the write-ahead log back into the database file on a thread of its own, so that no
/// request waits for a checkpoint.
///
/// SQLite's own automatic checkpoint runs inside the commit that crosses `wal_autocheckpoint`,
/// under the writers' lock, and syncs the log and the database file on the way (measured here:
/// fdatasync 6–12 ms on a busy shared disk). Instead the writer connection reports its log size
/// after each commit (`sqlite3_wal_hook`, which also switches SQLite's automatic checkpoint off),
/// and this thread runs PASSIVE checkpoints on its own connection: they never block writers or
/// readers. Under continuous writes a passive checkpoint may never catch up with the end of the
/// log, and the log only starts over once one has; so when the log passes `maximumFrames`, one
/// more passive checkpoint runs while holding the writers' lock, and the next commit restarts the
/// log from its beginning. That bounds the log at about `maximumFrames` pages.
///
/// Durability does not depend on checkpoints: a committed transaction is in the log, which a
/// crashed process's successor replays.
final class WALCheckpointer: @unchecked Sendable {
    /// Pages in the log after the writer's last commit, as reported by the WAL hook.
    private let logFrames = Atomic<Int>(0)
    /// Commits seen by the WAL hook: the thread checkpoints only when this moved.
    private let commits = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    let passiveCheckpoints = Atomic<Int>(0)
    let lockedCheckpoints = Atomic<Int>(0)

    private let minimumFrames: Int
    private let maximumFrames: Int
    private let connection: Connection
    /// Runs its argument while holding the writers' lock.
    private let withWritersLocked: (() -> Void) -> Void

    /// - Parameters:
    ///   - minimumFrames: log size (pages) below which no checkpoint is worth its syncs.
    ///   - maximumFrames: log size (pages) above which a checkpoint briefly holds the writers.
    init(path: String, synchronous: String, minimumFrames: Int = 1_000, maximumFrames: Int = 16_384,
         withWritersLocked: @escaping (() -> Void) -> Void) throws {
        connection = try Connection(path: path, readOnly: false)
        try connection.executeScript("PRAGMA synchronous = \(synchronous)")
        self.minimumFrames = minimumFrames
        self.maximumFrames = maximumFrames
        self.withWritersLocked = withWritersLocked
    }

    /// Makes `writer` report its log size here after every commit (this also turns SQLite's
    /// in-commit automatic checkpoint off on that connection).
    func observe(_ writer: Connection) {
        sqlite3_wal_hook(writer.handle, { context, _, _, frames in
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context!).takeUnretainedValue()
            checkpointer.logFrames.store(Int(frames), ordering: .relaxed)
            checkpointer.commits.add(1, ordering: .relaxed)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    func start() {
        running.store(true, ordering: .sequentiallyConsistent)
        // SQLite and a checkpoint need little stack.
        let started = POSIXThread.start(stackSize: 512 * 1024) { [self] in
            run()
            running.store(false, ordering: .sequentiallyConsistent)
        }
        if !started { running.store(false, ordering: .sequentiallyConsistent) }
    }

    /// Stops the thread and waits for it (at most the checkpoint in progress).
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        while running.load(ordering: .sequentiallyConsistent) { usleep(1_000) }
    }

    private func run() {
        var checkedAt = 0
        while !stopping.load(ordering: .sequentiallyConsistent) {
            let seen = commits.load(ordering: .relaxed)
            guard seen != checkedAt, logFrames.load(ordering: .relaxed) >= minimumFrames else {
                usleep(5_000)
                continue
            }
            checkedAt = seen
            let inLog = checkpoint()
            // At most one checkpoint per `pause`: each syncs the disk twice (shared with others).
            usleep(20_000)
            passiveCheckpoints.add(1, ordering: .relaxed)
            if inLog >= maximumFrames {
                withWritersLocked { _ = checkpoint() }
                lockedCheckpoints.add(1, ordering: .relaxed)
            }
        }
    }

    /// One PASSIVE checkpoint; answers the log's size in pages when it started.
    private func checkpoint() -> Int {
        var inLog: Int32 = 0
        var copied: Int32 = 0
        _ = sqlite3_wal_checkpoint_v2(connection.handle, nil, SQLITE_CHECKPOINT_PASSIVE, &inLog, &copied)
        return Int(inLog)
    }
}
