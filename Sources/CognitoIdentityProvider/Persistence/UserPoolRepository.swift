import AWSJSONProtocol
import SQLiteStore

/// The user pools: SQLite is the truth, and a cache in front of it serves reads without a query
/// or a JSON parse. This process is the file's only writer (the database holds an exclusive lock),
/// so the cache can be kept exact: writers replace entries right after their commit, in commit
/// order, and a reader only fills an entry if no writer touched the cache while it was reading.
final class UserPoolRepository: Sendable {
    let database: Database
    private let cache = ReadWriteLocked(Cache())

    private struct Cache {
        var pools: [String: UserPool] = [:]
        /// Bumped by every write, so a reader can tell whether what it read may be stale.
        var generation: UInt64 = 0
        static let capacity = 10_000
    }

    init(database: Database) {
        self.database = database
    }

    /// The pool, or AWS's `ResourceNotFoundException` for it.
    func require(_ id: String) throws -> UserPool {
        let (cached, generation) = cache.read { ($0.pools[id], $0.generation) }
        if let cached { return cached }
        let pool = try database.read { try UserPoolStore.find(id, in: $0) }
        guard let pool else { throw CognitoErrors.userPoolNotFound(id) }
        cache.write { cache in
            guard cache.generation == generation else { return }
            if cache.pools.count >= Cache.capacity { cache.pools.removeAll(keepingCapacity: true) }
            cache.pools[id] = pool
        }
        return pool
    }

    func insert(_ pool: UserPool) throws {
        try database.write({ try UserPoolStore.insert(pool, in: $0) }, afterCommit: { self.remember(pool) })
    }

    /// Runs `change` on the stored pool inside one write transaction and stores the result;
    /// throws (and stores nothing) when the pool does not exist or `change` throws.
    @discardableResult
    func update(_ id: String, _ change: (UserPool) throws -> UserPool) throws -> UserPool {
        try database.write(
            { connection in
                // Inside the writers' serialization a cached entry is the last committed version.
                let current = try cache.read { $0.pools[id] } ?? UserPoolStore.find(id, in: connection)
                guard let current else { throw CognitoErrors.userPoolNotFound(id) }
                let updated = try change(current)
                try UserPoolStore.update(updated, previous: current, in: connection)
                return updated
            },
            afterCommit: { self.remember($0) })
    }

    /// Deletes the pool after `check` has approved it (inside the same transaction).
    func delete(_ id: String, check: (UserPool, Connection) throws -> Void) throws {
        try database.write(
            { connection in
                guard let pool = try UserPoolStore.find(id, in: connection) else { throw CognitoErrors.userPoolNotFound(id) }
                try check(pool, connection)
                try UserPoolStore.delete(id, in: connection)
            },
            afterCommit: { _ in self.cache.write { $0.generation += 1; $0.pools[id] = nil } })
    }

    func page(region: String, after: Int64, limit: Int) throws -> (pools: [UserPool], next: Int64?) {
        try database.read { try UserPoolStore.page(region: region, after: after, limit: limit, in: $0) }
    }

    /// Drops cached pools: all of them, or the one with `id` (after `/_mock/reset` changed them in SQL).
    func forget(_ id: String?) {
        cache.write { cache in
            cache.generation += 1
            if let id { cache.pools[id] = nil } else { cache.pools.removeAll() }
        }
    }

    private func remember(_ pool: UserPool) {
        cache.write { cache in
            cache.generation += 1
            if cache.pools.count >= Cache.capacity { cache.pools.removeAll(keepingCapacity: true) }
            cache.pools[pool.id] = pool
        }
    }
}
