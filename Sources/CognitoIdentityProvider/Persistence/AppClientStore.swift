import AWSJSONProtocol
import SQLiteStore

/// The SQL for app clients. Every method takes the connection of the transaction it runs in, so
/// one operation is exactly one transaction (opened by `AppClientRepository`). Rows go away with
/// their pool through `ON DELETE CASCADE` (migration 2; `PRAGMA foreign_keys = ON` on the writer).
enum AppClientStore {
    private static let columns = "client_id, pool_id, created_at, updated_at, settings"

    static func find(_ clientId: String, in connection: Connection) throws -> AppClient? {
        try connection.query("SELECT \(columns) FROM app_clients WHERE client_id = ?1", [.text(clientId)]).first.map(decode)
    }

    static func poolExists(_ poolId: String, in connection: Connection) throws -> Bool {
        try !connection.query("SELECT 1 FROM user_pools WHERE id = ?1", [.text(poolId)]).isEmpty
    }

    /// Inserts the client after every other one (its `seq` is one past the largest in use).
    static func insert(_ client: AppClient, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO app_clients (\(columns), seq)
            VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(seq), 0) + 1 FROM app_clients))
            """,
            [
                .text(client.clientId), .text(client.poolId), .real(client.creationDate), .real(client.lastModifiedDate),
                .text(JSONText.string(.object(client.settings))),
            ])
    }

    static func update(_ client: AppClient, in connection: Connection) throws {
        try connection.execute(
            "UPDATE app_clients SET updated_at = ?2, settings = ?3 WHERE client_id = ?1",
            [.text(client.clientId), .real(client.lastModifiedDate), .text(JSONText.string(.object(client.settings)))])
    }

    static func delete(_ clientId: String, in connection: Connection) throws {
        try connection.execute("DELETE FROM app_clients WHERE client_id = ?1", [.text(clientId)])
    }

    /// Up to `limit` clients of the pool created after sequence number `after`, oldest first, and
    /// the sequence number to continue from when more remain.
    static func page(
        poolId: String, after: Int64, limit: Int, in connection: Connection
    ) throws -> (clients: [AppClient], next: Int64?) {
        let rows = try connection.query(
            "SELECT \(columns), seq FROM app_clients WHERE pool_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            [.text(poolId), .integer(after), .integer(Int64(limit + 1))])
        let clients = rows.prefix(limit).map(decode)
        let next = rows.count > limit ? rows[limit - 1].integer(5) : nil
        return (clients, next)
    }

    private static func decode(_ row: Row) -> AppClient {
        AppClient(
            poolId: row.text(1) ?? "",
            clientId: row.text(0) ?? "",
            creationDate: row.real(2) ?? 0,
            lastModifiedDate: row.real(3) ?? 0,
            settings: JSONText.value(row.text(4)).objectValue ?? [:])
    }
}

/// The app clients: SQLite is the truth; a cache in front of it serves sign-in's lookups without a
/// query or a JSON parse, kept exact the way `UserPoolRepository` keeps its own (writers replace
/// entries after their commit; a reader fills an entry only if no writer ran meanwhile). A pool's
/// deletion removes its clients in SQL without passing here, so `ServiceEnvironment.requireClient`
/// checks that the client's pool still exists before trusting a cached entry.
final class AppClientRepository: Sendable {
    private let database: Database
    private let cache = ReadWriteLocked(Cache())

    private struct Cache {
        var clients: [String: AppClient] = [:]
        var generation: UInt64 = 0
        static let capacity = 10_000
    }

    init(database: Database) {
        self.database = database
    }

    /// The stored client, from the cache when it is there.
    func find(_ clientId: String) throws -> AppClient? {
        let (cached, generation) = cache.read { ($0.clients[clientId], $0.generation) }
        if let cached { return cached }
        guard let client = try database.read({ try AppClientStore.find(clientId, in: $0) }) else { return nil }
        cache.write { cache in
            guard cache.generation == generation else { return }
            if cache.clients.count >= Cache.capacity { cache.clients.removeAll(keepingCapacity: true) }
            cache.clients[clientId] = client
        }
        return client
    }

    /// Stores a new client; AWS's `ResourceNotFoundException` when its pool is gone.
    func insert(_ client: AppClient) throws {
        try database.write(
            { connection in
                guard try AppClientStore.poolExists(client.poolId, in: connection) else {
                    throw CognitoErrors.userPoolNotFound(client.poolId)
                }
                try AppClientStore.insert(client, in: connection)
            },
            afterCommit: { self.remember(client) })
    }

    /// Runs `change` on the pool's stored client inside one write transaction and stores the result.
    @discardableResult
    func update(poolId: String, clientId: String, _ change: (AppClient) throws -> AppClient) throws -> AppClient {
        try database.write(
            { connection in
                let current = try Self.require(poolId: poolId, clientId: clientId, in: connection)
                let updated = try change(current)
                try AppClientStore.update(updated, in: connection)
                return updated
            },
            afterCommit: { self.remember($0) })
    }

    /// Deletes the client and revokes every sign-in it issued, in one transaction.
    func delete(poolId: String, clientId: String, now: Double) throws {
        try database.write(
            { connection in
                _ = try Self.require(poolId: poolId, clientId: clientId, in: connection)
                try AppClientStore.delete(clientId, in: connection)
                try RefreshTokenStore.revokeAll(clientId: clientId, at: now, in: connection)
            },
            afterCommit: { _ in self.forget(clientId) })
    }

    func page(poolId: String, after: Int64, limit: Int) throws -> (clients: [AppClient], next: Int64?) {
        try database.read { connection in
            guard try AppClientStore.poolExists(poolId, in: connection) else { throw CognitoErrors.userPoolNotFound(poolId) }
            return try AppClientStore.page(poolId: poolId, after: after, limit: limit, in: connection)
        }
    }

    /// Drops a cached entry that turned out to be stale (its pool was deleted).
    func forget(_ clientId: String) {
        cache.write { $0.generation += 1; $0.clients[clientId] = nil }
    }

    /// Drops every cached client (after `/_mock/reset` changed clients in SQL).
    func forgetAll() {
        cache.write { $0.generation += 1; $0.clients.removeAll() }
    }

    /// The pool's client inside a transaction: the pool's error first, then the client's.
    private static func require(poolId: String, clientId: String, in connection: Connection) throws -> AppClient {
        guard try AppClientStore.poolExists(poolId, in: connection) else { throw CognitoErrors.userPoolNotFound(poolId) }
        guard let client = try AppClientStore.find(clientId, in: connection), client.poolId == poolId else {
            throw CognitoErrors.userPoolClientNotFound(clientId)
        }
        return client
    }

    private func remember(_ client: AppClient) {
        cache.write { cache in
            cache.generation += 1
            if cache.clients.count >= Cache.capacity { cache.clients.removeAll(keepingCapacity: true) }
            cache.clients[client.clientId] = client
        }
    }
}

extension ServiceEnvironment {
    /// The app client `clientId` names, wherever its pool is: what sign-in operations (which carry
    /// only a ClientId) call. AWS's `ResourceNotFoundException` `User pool client <id> does not exist.`
    /// when there is none, or when its pool has been deleted.
    func requireClient(_ clientId: String) throws -> AppClient {
        guard let client = try clients.find(clientId) else { throw CognitoErrors.userPoolClientNotFound(clientId) }
        guard (try? pools.require(client.poolId)) != nil else {
            clients.forget(clientId)
            throw CognitoErrors.userPoolClientNotFound(clientId)
        }
        return client
    }

    /// The app client of a pool-scoped request (UserPoolId + ClientId): the pool's
    /// `ResourceNotFoundException` when the pool does not exist, the client's when the pool has no
    /// such client.
    func requireClient(_ clientId: String, inPool poolId: String) throws -> AppClient {
        _ = try pools.require(poolId)
        guard let client = try clients.find(clientId), client.poolId == poolId else {
            throw CognitoErrors.userPoolClientNotFound(clientId)
        }
        return client
    }
}
