import SQLiteStore

/// SQL for devices; every call runs in the caller's transaction.
enum DeviceStore {
    private static let columns =
        "pool_id, device_key, sub, group_key, name, salt, verifier, remembered, created_at, modified_at, last_authenticated_at"

    /// How long a device that was never confirmed is kept [I: AWS's lifetime for them is not documented].
    static let unconfirmedLifetime = 86_400.0

    static func find(poolId: String, key: String, in connection: Connection) throws -> Device? {
        try connection.query("SELECT \(columns) FROM devices WHERE pool_id = ?1 AND device_key = ?2", [.text(poolId), .text(key)])
            .first.map(decode)
    }

    /// The group key the user's devices share, if the user has a device.
    static func groupKey(poolId: String, sub: String, in connection: Connection) throws -> String? {
        try connection.query("SELECT group_key FROM devices WHERE pool_id = ?1 AND sub = ?2 LIMIT 1", [.text(poolId), .text(sub)])
            .first?.text(0)
    }

    /// Inserts a new, unconfirmed device, dropping the user's unconfirmed devices past their lifetime.
    static func insert(_ device: Device, in connection: Connection) throws {
        try connection.execute(
            "DELETE FROM devices WHERE pool_id = ?1 AND sub = ?2 AND verifier IS NULL AND created_at < ?3",
            [.text(device.poolId), .text(device.sub), .real(device.createdAt - unconfirmedLifetime)])
        try save(device, in: connection)
    }

    static func save(_ device: Device, in connection: Connection) throws {
        try connection.execute(
            """
            INSERT INTO devices (\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            ON CONFLICT (pool_id, device_key) DO UPDATE SET
                name = excluded.name, salt = excluded.salt, verifier = excluded.verifier,
                remembered = excluded.remembered, modified_at = excluded.modified_at,
                last_authenticated_at = excluded.last_authenticated_at
            """,
            [
                .text(device.poolId), .text(device.key), .text(device.sub), .text(device.groupKey),
                device.name.map(SQLValue.text) ?? .null, device.secret.map { .blob($0.salt) } ?? .null,
                device.secret.map { .blob($0.verifier) } ?? .null, .integer(device.remembered ? 1 : 0),
                .real(device.createdAt), .real(device.modifiedAt), device.lastAuthenticatedAt.map(SQLValue.real) ?? .null,
            ])
    }

    static func delete(poolId: String, key: String, in connection: Connection) throws {
        try connection.execute("DELETE FROM devices WHERE pool_id = ?1 AND device_key = ?2", [.text(poolId), .text(key)])
    }

    /// The user's confirmed devices, oldest first: up to `limit` after position `after`, and the
    /// position to continue from when more remain.
    static func page(poolId: String, sub: String, after: Int64, limit: Int, in connection: Connection) throws -> (devices: [Device], next: Int64?) {
        let rows = try connection.query(
            """
            SELECT \(columns), rowid FROM devices WHERE pool_id = ?1 AND sub = ?2 AND verifier IS NOT NULL AND rowid > ?3
            ORDER BY rowid LIMIT ?4
            """,
            [.text(poolId), .text(sub), .integer(after), .integer(Int64(limit + 1))])
        let devices = rows.prefix(limit).map(decode)
        let next = rows.count > limit ? rows[limit - 1].integer(11) : nil
        return (Array(devices), next)
    }

    private static func decode(_ row: Row) -> Device {
        var secret: (salt: [UInt8], verifier: [UInt8])?
        if case .blob(let salt) = row[5], case .blob(let verifier) = row[6] { secret = (salt, verifier) }
        return Device(
            poolId: row.text(0) ?? "", key: row.text(1) ?? "", sub: row.text(2) ?? "", groupKey: row.text(3) ?? "",
            name: row.text(4), secret: secret, remembered: row.integer(7) == 1, createdAt: row.real(8) ?? 0,
            modifiedAt: row.real(9) ?? 0, lastAuthenticatedAt: row.real(10))
    }
}
