import AWSJSONProtocol
import SQLiteStore

/// The SQL for user pools. Every method takes the connection of the transaction it runs in, so
/// one operation is exactly one transaction (opened by `UserPoolRepository`).
enum UserPoolStore {
    private static let columns = "id, name, region, arn, created_at, updated_at, mfa_configuration, mfa_factors, settings"

    static func find(_ id: String, in connection: Connection) throws -> UserPool? {
        try connection.query("SELECT \(columns) FROM user_pools WHERE id = ?1", [.text(id)]).first.map(decode)
    }

    static func insert(_ pool: UserPool, in connection: Connection) throws {
        try connection.execute(
            "INSERT INTO user_pools (\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            [
                .text(pool.id), .text(pool.name), .text(pool.region), .text(pool.arn),
                .real(pool.creationDate), .real(pool.lastModifiedDate), .text(pool.mfaMode.rawValue),
                .text(JSONText.string(pool.factors.storedJSON)), .text(JSONText.string(.object(pool.settings))),
            ])
    }

    /// Writes what changed since `previous`; the settings document is rewritten only when it
    /// changed, which keeps MFA updates small in the write-ahead log.
    static func update(_ pool: UserPool, previous: UserPool, in connection: Connection) throws {
        try connection.execute(
            "UPDATE user_pools SET name = ?2, updated_at = ?3, mfa_configuration = ?4, mfa_factors = ?5 WHERE id = ?1",
            [
                .text(pool.id), .text(pool.name), .real(pool.lastModifiedDate), .text(pool.mfaMode.rawValue),
                .text(JSONText.string(pool.factors.storedJSON)),
            ])
        if pool.settings != previous.settings {
            try connection.execute(
                "UPDATE user_pools SET settings = ?2 WHERE id = ?1",
                [.text(pool.id), .text(JSONText.string(.object(pool.settings)))])
        }
    }

    static func delete(_ id: String, in connection: Connection) throws {
        try connection.execute("DELETE FROM user_pools WHERE id = ?1", [.text(id)])
    }

    /// Up to `limit` pools (of `region`, or of every region when nil) created after the pool with
    /// sequence number `after`, oldest first, and the sequence number to continue from when more remain.
    static func page(region: String?, after: Int64, limit: Int, in connection: Connection) throws -> (pools: [UserPool], next: Int64?) {
        let limit = max(limit, 1)
        let rows = try connection.query(
            "SELECT \(columns), seq FROM user_pools WHERE (?1 IS NULL OR region = ?1) AND seq > ?2 ORDER BY seq LIMIT ?3",
            [region.map { .text($0) } ?? .null, .integer(after), .integer(Int64(limit) + 1)])
        let pools = rows.prefix(limit).map(decode)
        let next = rows.count > limit ? rows[limit - 1].integer(9) : nil
        return (pools, next)
    }

    private static func decode(_ row: Row) -> UserPool {
        UserPool(
            id: row.text(0) ?? "",
            name: row.text(1) ?? "",
            region: row.text(2) ?? "",
            arn: row.text(3) ?? "",
            creationDate: row.real(4) ?? 0,
            lastModifiedDate: row.real(5) ?? 0,
            mfaMode: MfaMode(rawValue: row.text(6) ?? "") ?? .off,
            factors: MfaFactors(stored: JSONText.value(row.text(7))),
            settings: JSONText.value(row.text(8)).objectValue ?? [:])
    }
}

/// JSON text for storage columns, through the protocol module's parser and serializer.
enum JSONText {
    static func string(_ value: JSONValue) -> String {
        String(decoding: JSONSerializer.serialize(value), as: UTF8.self)
    }

    /// The parsed column; a column this server wrote always parses, so failure means `.null`.
    static func value(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        return (try? JSONParser.parse(Array(text.utf8))) ?? .null
    }
}
